/**
 * A hostile burst of large logs against `faultline start` (the hardening issue's probe: 50 KB
 * logs from several concurrent clients, at least 20 s and until the service refuses). Memory is
 * bounded in bytes, not records: the burst must end in 503s with Retry-After, /readyz says "not
 * ready" while the bus is saturated and "ready" again once drained, the service's peak RSS (VmHWM
 * of the child) stays under RSS_BOUND_MIB, and every log acknowledged with 202 is readable
 * afterwards.
 *
 * Settings are the defaults but for the bus's byte budget, 32 MiB instead of 64 MiB, so that a
 * slow, shared test machine fills and drains it in seconds (load-tests/burst.js measures the
 * defaults). RSS_BOUND_MIB (below, with what it catches and what was measured): the service
 * starts at about 360-420 MiB (embedded ClickHouse, the pattern library); the peak comes while the
 * backlog is analyzed and stored, higher the more logs were acknowledged. Before the byte budget
 * the bus took every 50 KB log up to 100,000 records (5 GB): 1,661 MiB after 20 s, 2.2 GB after
 * 30 s in the issue, growing with the burst.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { metric, startService, until } from './harness.js';

// What the bound catches: memory that follows the burst instead of the byte budget. Without the
// budget no 503 comes, the burst runs its full 120 s and RSS passes 2 GB (1,661 MiB after 20 s in
// the issue; with the budget forced to 8 GiB here: no 503, 22,620 logs acknowledged, peak
// 2,535 MiB, failed). It is not tight enough for a slow per-record leak: the redaction cache made
// unbounded measured 1,031 MiB (840 logs), under the bound.
// Measured (2-core shared machine, load 15-17, 2026-12-05): 900, 942, 973 and 1,050 MiB with 960,
// 960, 1,280 and 1,600 logs acknowledged, after the prefilter's table shrank (1,003 MiB at 6fc9f37
// in the same conditions; load-tests/burst.js alternated 800-889 vs 895-1,028 MiB). Most of the
// rest is the V8 heaps' room for garbage (main thread about 85 MiB live, 300-430 MiB committed at
// the peak) and embedded ClickHouse's inserts (its MemoryTracking reached 117-143 MiB). The peak
// rises with the logs acknowledged, i.e. with the machine's speed: the bound leaves 200 MiB (19%)
// above the highest figure measured here (the clean-clone CI, faster, measured 1,153-1,241 MiB
// before the table shrank; the cut was 60-120 MiB here).
// Three clean-clone CI runs after the cut (2026-12-05): 1,086, 1,148 and 1,195 MiB (2,720-2,880 logs) —
// 55 MiB under 1,250, so the bound was 1,350. Clean-clone CI runs #35-#43 (2026-12-06): 1,193-1,345
// MiB in seven (1,440-3,040 logs), and 1,370 MiB (2,560 logs, #41, session 11's last tree) and 1,406
// MiB (4,620 logs, #43) in two: 1,350 failed about one run in four with no change in what it
// bounds. The bound is 1,550 (144 MiB above the highest): still under the 1,661 MiB after
// 20 s and far under the unbounded bus's 2,535 MiB peak (above).
const RSS_BOUND_MIB = 1_550;
const BUS_BYTES = 32 * 1024 * 1024;
/** The burst lasts at least this long, and goes on until 503s come (for at most MAX_BURST_MS). */
const BURST_MS = 20_000;
const MAX_BURST_MS = 120_000;
const CLIENTS = 6;
const PER_REQUEST = 20;
const ADMIN = 'burst-admin-key-0123456789';

t.setTimeout(600_000);
const dir = mkdtempSync(join(tmpdir(), 'faultline-burst-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const svc = await startService('start', {
  FAULTLINE_DATA_DIR: dir,
  FAULTLINE_ADMIN_KEY: ADMIN,
  FAULTLINE_BUS_MAX_BYTES: String(BUS_BYTES),
});
t.teardown(() => svc.stop());

// The admin key is the bootstrap (platform) key: every call names the org (?org=default).
const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
const line = 'INFO epoch 3 step 1200 loss=0.4311 lr=3e-4 grad_norm=1.02 throughput=812 samples/s\n';
const body50k = `${line.repeat(640).slice(0, 50 * 1024 - 80)}RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB`;

/** VmHWM (peak resident set) of the service process, in MiB. */
function peakRssMiB(): number {
  const status = readFileSync(`/proc/${svc.child.pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}

const readyz = async () => (await fetch(`${svc.url}/readyz`)).status;

t.test(
  'a burst of 50 KB logs: 503 + Retry-After, not ready while saturated, bounded RSS, nothing acknowledged lost',
  async (t) => {
    t.equal(await readyz(), 200, 'ready before the burst');
    const before = peakRssMiB();
    const acknowledged: string[] = [];
    let refused = 0;
    let refusedWithoutRetryAfter = 0;
    let other = 0;
    const readiness: number[] = [];
    let seq = 0;
    const start = Date.now();
    /** At least BURST_MS, then until 3 s after the first 503, within MAX_BURST_MS. */
    let firstRefusal: number | undefined;
    const bursting = () => {
      const now = Date.now();
      if (now - start < BURST_MS) return true;
      if (now - start > MAX_BURST_MS) return false;
      return firstRefusal === undefined || now - firstRefusal < 3_000;
    };

    const client = async (c: number) => {
      while (bursting()) {
        const ids = Array.from({ length: PER_REQUEST }, () => `burst-${c}-${seq++}`);
        const res = await fetch(`${svc.url}/api/ingest/logs?org=default`, {
          method: 'POST',
          headers,
          body: JSON.stringify(ids.map((log_id) => ({ log_id, error_message: '', logs: body50k }))),
        });
        await res.arrayBuffer();
        if (res.status === 202) acknowledged.push(...ids);
        else if (res.status === 503) {
          refused++;
          firstRefusal ??= Date.now();
          if (!(Number(res.headers.get('retry-after')) >= 1)) refusedWithoutRetryAfter++;
        } else other++;
      }
    };
    const watch = async () => {
      while (bursting()) {
        readiness.push(await readyz());
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    await Promise.all([...Array.from({ length: CLIENTS }, (_, c) => client(c)), watch()]);

    t.ok(acknowledged.length > 0, `positive control: ${acknowledged.length} logs acknowledged with 202`);
    t.ok(refused > 0, `the burst ended in 503s (${refused} of them)`);
    t.equal(refusedWithoutRetryAfter, 0, 'every 503 carries Retry-After (seconds)');
    t.equal(other, 0, 'no answer other than 202 and 503');
    t.ok(readiness.includes(200), 'readiness was sampled ready at the start of the burst (positive control)');
    t.ok(
      readiness.includes(503),
      `/readyz said not ready while saturated (${readiness.filter((s) => s === 503).length} of ${readiness.length} samples)`,
    );
    const depth = await metric(svc.url, 'faultline_bus_depth_bytes');
    const budget = await metric(svc.url, 'faultline_bus_capacity_bytes');
    t.ok(depth <= budget, `the bus holds ${depth} bytes, within its budget of ${budget}`);

    // The bound is checked even when the backlog never drains (an unbounded bus takes minutes).
    const drained = await until('the backlog drained and /readyz ready again', 300_000, async () => {
      return (await metric(svc.url, 'faultline_bus_depth')) === 0 && (await readyz()) === 200;
    }).then(
      () => true,
      (err: unknown) => {
        t.fail(err instanceof Error ? err.message : String(err));
        return false;
      },
    );
    const peak = peakRssMiB();
    t.ok(
      peak < RSS_BOUND_MIB,
      `peak RSS ${peak.toFixed(0)} MiB (${before.toFixed(0)} MiB before the burst, ${acknowledged.length} logs acknowledged) under ${RSS_BOUND_MIB} MiB`,
    );
    if (!drained) return;

    const unreadable: string[] = [];
    for (let i = 0; i < acknowledged.length; i += 16) {
      await Promise.all(
        acknowledged.slice(i, i + 16).map(async (id) => {
          const res = await fetch(`${svc.url}/api/logs/${id}?org=default`, { headers });
          const got = (await res.json()) as { status?: string };
          if (res.status !== 200 || got.status !== 'analyzed') unreadable.push(`${id}: ${res.status} ${got.status}`);
        }),
      );
    }
    t.same(unreadable, [], `every one of the ${acknowledged.length} acknowledged logs is readable and analyzed`);
  },
);
