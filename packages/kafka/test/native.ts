/**
 * The native (confluent) Kafka client in tests: it must load when it is asked for
 * (KAFKA_CLIENT=confluent, or FAULTLINE_NATIVE=require), so that its tests then fail instead of
 * skipping; otherwise a missing client skips them with a reason naming it, and .ci/run fails on
 * that skip unless README.md allows it on the machine.
 */
import { createRequire } from 'node:module';
import { CONFLUENT_PACKAGE } from '../src/index.js';

export const nativeRequired = process.env.KAFKA_CLIENT === 'confluent' || process.env.FAULTLINE_NATIVE === 'require';

/** Why the native client cannot be used here, or false when it loads. */
export function confluentMissing(): string | false {
  try {
    createRequire(import.meta.url)(CONFLUENT_PACKAGE);
    return false;
  } catch (err) {
    return `native Kafka client: ${CONFLUENT_PACKAGE} does not load here (${(err as Error).message.split('\n')[0]}); bash deploy/local/install-native.sh builds it`;
  }
}
