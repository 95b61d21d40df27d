export * from './stdin.js';
export * from './store.js';
