export * from './otlp.js';
export * from './routes.js';
