export * from './consumer.js';
export * from './llm.js';
export * from './merge.js';
export * from './pipeline.js';
export * from './pool.js';
export * from './runs.js';
export * from './state.js';
export * from './tasks.js';
