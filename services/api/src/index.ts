export * from './keys.js';
export * from './routes.js';
export * from './session.js';
