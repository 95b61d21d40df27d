export * from './store.js';
export * from './stdin.js';
