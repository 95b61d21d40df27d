/**
 * mark-failed requeues only the status change: the message it puts on the bus carries no
 * metadata (no typed payloads), and the episode read back keeps the metadata the producer sent,
 * each typed payload once, with the status failed and an analysis. The whole service in-process
 * (embedded bus, chdb store); the transport's publish is observed, not replaced.
 */
import t from 'tap';
import { startInProcess } from './in-process.js';

// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field
type Json = Record<string, any>;
const ADMIN = 'mark-failed-admin-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-mark-failed-', { FAULTLINE_ADMIN_KEY: ADMIN, FAULTLINE_LOG_LEVEL: 'warn' });

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every message the service publishes, as JSON text. */
const published: string[] = [];
const publish = svc.transport.publish.bind(svc.transport);
svc.transport.publish = (messages, ...rest) => {
  published.push(JSON.stringify(messages));
  return publish(messages, ...rest);
};

const typed = [
  { type: 'EpisodeOutcome', success: false, reason: 'gripper slipped' },
  { type: 'Note', text: 'joint torque trace '.repeat(200) },
  { type: 'Battery', percent: 40 },
];
const episode = (id: string) => call('GET', `/api/episodes/${id}?org=acme`);

t.test('mark-failed sends only the status change; the stored metadata stays as the producer sent it', async (t) => {
  const start = { episode_id: 'mf-ep', robot_id: 'r-mf', metadata: { typed: [typed[0], typed[1]], eval_run_id: 'ev-9' } };
  t.equal((await call('POST', '/api/ingest/episode?org=acme', start)).status, 202);
  const fin = { status: 'succeeded', duration_s: 30, metadata: { typed: [typed[2]] } };
  t.equal((await call('POST', '/api/ingest/episode/mf-ep/finalize?org=acme', fin)).status, 202);
  const before = await until('mf-ep finalized', async () => {
    const ep = (await episode('mf-ep')).body.episode;
    return ep?.status === 'succeeded' ? (ep as Json) : null;
  });
  const types = (ep: Json) => ep.metadata.typed.map((p: Json) => p.type);
  t.same(types(before), ['EpisodeOutcome', 'Note', 'Battery'], 'positive control: the payloads of start and finalize');
  t.ok(
    published.some((m) => m.includes('Battery')),
    'positive control: the observed publish sees payload-carrying messages',
  );

  published.length = 0;
  t.equal((await call('POST', '/api/episodes/mf-ep/mark-failed?org=acme')).status, 202);
  t.equal(published.length, 1, 'one message requeued');
  const requeued = published[0] ?? '';
  t.notMatch(requeued, /typed|Battery|EpisodeOutcome|torque|metadata|eval_run_id/, 'the requeued message carries no metadata');
  t.match(requeued, /mf-ep/);
  t.match(requeued, /failed/);
  const size = JSON.stringify(before).length;
  t.ok(size > 3000, `positive control: the stored episode is ${size} B`);
  t.ok(requeued.length < 1000, `the requeued message is ${requeued.length} B, whatever the episode's size`);

  const after = await until('mf-ep analyzed', async () => {
    const r = await episode('mf-ep');
    return r.body.analysis ? r.body : null;
  });
  t.equal(after.episode.status, 'failed');
  t.same(after.episode.metadata, before.metadata, 'the stored metadata is unchanged');
  t.same(types(after.episode), ['EpisodeOutcome', 'Note', 'Battery'], 'each typed payload once');
  t.equal(after.episode.duration_s, 30, 'the other fields are kept');
});
