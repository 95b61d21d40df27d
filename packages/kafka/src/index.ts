export * from './avro.js';
export * from './clients.js';
// What the transport's produce of findings and dead letters keeps within the broker's limit (src/produce-limits.ts).
export {
  cutToFit,
  DEFAULT_MAX_MESSAGE_BYTES,
  EXCERPT_BYTES,
  LIMITS_GUESS_MS,
  produceChunks,
  tooLarge,
} from './produce-limits.js';
export * from './topics.js';
// The Kafka transport (src/transport.ts) is maintained separately; exported here so the
// package builds for its users (apps/faultline).
export * from './transport.js';
