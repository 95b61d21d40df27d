/**
 * @faultline/bus: the event-bus contract (`Transport`: keyed, ordered per key, durable,
 * at-least-once, bounded) and its embedded, file-backed implementation (`EmbeddedBus`).
 */
export { EmbeddedBus, type EmbeddedBusOptions, type EmbeddedBusStats } from './embedded.js';
export { fnv1a, partitionOf } from './log.js';
export {
  BusFullError,
  type BusMessage,
  BusUnavailableError,
  type ConsumeOptions,
  type Delivered,
  type Transport,
  type TransportStats,
} from './transport.js';
