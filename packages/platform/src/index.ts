export * from './access.js';
export * from './auth.js';
export * from './disk.js';
export * from './http.js';
export * from './keys.js';
export * from './metrics.js';
export * from './session.js';
