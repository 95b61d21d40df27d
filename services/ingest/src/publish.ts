/**
 * Publishing validated records to the bus, for every ingest route (the JSON API and OTLP): the
 * answer is sent only after the bus made them durable, and a bus that refuses maps to one HTTP
 * answer everywhere — full: 503 `busy`, unavailable: 503 `unavailable` (both with Retry-After),
 * larger than the bus holds: 413 `too_large` — with each refused record counted in
 * `faultline_ingest_rejected_total` by its reason, and each published one in the ingested count.
 */
import { BusFullError, BusUnavailableError, markHop, type Transport } from '@faultline/bus';
import { type Envelope, toMessage } from '@faultline/core';
import { HttpError, type Metrics } from '@faultline/platform';

/** `tooLarge`: what the 413 tells the producer to do (it names the route's own unit). */
export type Publish = (envelopes: Envelope[], tooLarge: string) => Promise<void>;

export function publisher(transport: Transport, metrics: Metrics): Publish {
  const reject = (envelopes: Envelope[], reason: string) => {
    for (const e of envelopes) metrics.rejected.inc({ kind: e.record.kind, reason });
  };
  return async (envelopes, tooLarge) => {
    try {
      markHop('ingest.publish', envelopes);
      await transport.publish(envelopes.map(toMessage));
      markHop('ingest.durable', envelopes);
    } catch (err: unknown) {
      if (err instanceof BusFullError || err instanceof BusUnavailableError) {
        const full = err instanceof BusFullError;
        if (full) metrics.backpressure.inc();
        reject(envelopes, full ? 'bus_full' : 'bus_unavailable');
        const seconds = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
        const what = full ? 'the event bus is full' : `the event bus is unavailable (${err.message})`;
        throw new HttpError(503, full ? 'busy' : 'unavailable', `${what}; retry in ${seconds}s`, {
          'retry-after': String(seconds),
        });
      }
      if (err instanceof RangeError) {
        reject(envelopes, 'too_large');
        throw new HttpError(413, 'too_large', tooLarge);
      }
      throw err;
    }
    for (const e of envelopes) metrics.ingested.inc({ kind: e.record.kind });
  };
}
