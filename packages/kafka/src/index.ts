export * from './avro.js';
export * from './clients.js';
export * from './topics.js';
// The Kafka transport (src/transport.ts) is maintained separately; exported here so the
// package builds for its users (apps/faultline).
export * from './transport.js';
