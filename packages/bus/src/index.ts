/**
 * @faultline/bus: the event-bus contract (`Transport`: keyed, ordered per key, durable,
 * at-least-once, bounded, with a dead-letter path) and its embedded, file-backed implementation
 * (`EmbeddedBus`, with its dead-letter log).
 */
export { DEAD_LETTER_FILE, type DeadLetterEntry, DeadLetterLog, readDeadLetters } from './dead-letters.js';
export { EmbeddedBus, type EmbeddedBusOptions, type EmbeddedBusStats } from './embedded.js';
export { type HopMark, markHop } from './hops.js';
export { fnv1a, partitionOf } from './log.js';
export {
  type BacklogHealth,
  type BacklogState,
  BusFullError,
  type BusMessage,
  BusUnavailableError,
  backlogState,
  type ConsumeOptions,
  type DeadLetter,
  type Delivered,
  type DeliveryInfo,
  type Transport,
  type TransportStats,
} from './transport.js';
