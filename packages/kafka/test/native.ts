/**
 * The native (confluent) Kafka client in tests: it must load when it is asked for
 * (KAFKA_CLIENT=confluent, or FAULTLINE_NATIVE=require), so that its tests then fail instead of
 * skipping; otherwise a missing client skips them with a reason naming it (the library's own
 * nativeClientMissing, which test/service/kafka.test.ts reads too), and .ci/run fails on that skip
 * unless README.md allows it on the machine.
 */
import { nativeClientMissing } from '../src/index.js';

export const nativeRequired = process.env.KAFKA_CLIENT === 'confluent' || process.env.FAULTLINE_NATIVE === 'require';

/** Why the native client cannot be used here, or false when it loads (read once per test module). */
export const confluentMissing: string | false = await nativeClientMissing();
