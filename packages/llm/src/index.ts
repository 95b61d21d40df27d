export * from './answer.js';
export * from './breaker.js';
export * from './client.js';
export * from './merge.js';
export * from './prompt.js';
export * from './providers/index.js';
