export * from './pipeline.js';
export * from './pool.js';
export * from './state.js';
export * from './tasks.js';
export * from './consumer.js';
export * from './runs.js';
