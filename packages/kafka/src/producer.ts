/**
 * The transport's producer, and its replacement after a produce refused as too large
 * (produce-limits.ts). One producer is shared by every send of the transport: ingest's publish,
 * and the findings and dead letters of the pipeline batches handled at once
 * (partitionsConsumedConcurrently). Why a refusal replaces it: kafkajs takes back a refused request's
 * sequence numbers for every partition of it, those the broker took included
 * (node_modules/kafkajs/src/producer/sendMessages.js). Seen with kafkajs against Kafka 4.3, the
 * replacement removed (test/refused-duplicates.test.ts, session 21): a resend whose record batch for a
 * taken partition holds other records than the refused one's (`spread`) is refused as
 * OUT_OF_ORDER_SEQUENCE_NUMBER, and thrown (session 20 saw it too, on the code before b0ab35b); one whose
 * batch is the refused one's (`together`) the broker takes as a duplicate (no copy: review 21). With the
 * replacement both arrive, the taken partition's records twice (a new producer id: idempotence does
 * not match them). Open: keeping the producer where every resent batch is the refused one's
 * (load-tests/README.md, session 21).
 *
 * Invariants:
 * - every send goes through `send`, counted in flight on the producer it used;
 * - one replacement at a time: a second refusal awaits the replacement in progress (`renewing`), and
 *   none is made when the refused producer was already replaced;
 * - a replaced producer is disconnected only once its sends in flight have settled (another batch's
 *   send on it is not failed by this refusal); `close` disconnects any left.
 */
import type { Producer } from 'kafkajs';

export class RenewableProducer {
  private current: Producer;
  /** Sends in progress per producer; producers replaced and not yet disconnected; the replacement in progress. */
  private readonly sending = new Map<Producer, number>();
  private readonly retired = new Set<Producer>();
  private renewing: Promise<void> | undefined;

  constructor(private readonly make: () => Producer) {
    this.current = make();
  }

  /** The producer sends go to now: a send refused as too large hands it back to `renew`. */
  get producer(): Producer {
    return this.current;
  }

  connect(): Promise<void> {
    return this.current.connect();
  }

  /** A send on `p` (the current producer unless told), counted while in flight; a retired `p` is disconnected once its last send settles. */
  async send<T>(send: (p: Producer) => Promise<T>, p: Producer = this.current): Promise<T> {
    this.sending.set(p, (this.sending.get(p) ?? 0) + 1);
    try {
      return await send(p);
    } finally {
      const left = (this.sending.get(p) ?? 1) - 1;
      if (left > 0) this.sending.set(p, left);
      else {
        this.sending.delete(p);
        if (this.retired.delete(p)) await p.disconnect().catch(() => undefined);
      }
    }
  }

  /** A new producer in place of `used`, whose request was refused (module comment): none if `used` was already replaced. */
  async renew(used: Producer): Promise<void> {
    while (this.renewing) await this.renewing;
    if (this.current !== used) return;
    this.renewing = (async () => {
      const fresh = this.make();
      await fresh.connect();
      this.current = fresh;
      if (this.sending.has(used)) this.retired.add(used);
      else await used.disconnect().catch(() => undefined);
    })();
    try {
      await this.renewing;
    } finally {
      this.renewing = undefined;
    }
  }

  /** Disconnects the current producer, and any replaced one whose sends have not settled yet. */
  async close(): Promise<void> {
    await this.current.disconnect().catch(() => undefined);
    for (const p of this.retired) await p.disconnect().catch(() => undefined);
    this.retired.clear();
  }
}
