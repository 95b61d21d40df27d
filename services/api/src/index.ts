export * from './keys.js';
export * from './routes.js';
