/**
 * Several ingest replicas on one Kafka cluster (issue 14, item 3): ingest keeps no robot ids in
 * process memory, so an episode started on one replica and finalized (without robot_id) on another
 * is analyzed, under its robot, after its start. The analyzer is started only after both calls
 * were answered: the finalize reaches a replica that has neither seen the start nor can find it
 * in a store, the case that answered 404 while ingest kept a per-process `robotOf` map.
 *
 * Needs KAFKA_BROKERS and SCHEMA_REGISTRY_URL (npm test runs through deploy/local/with-stack.sh).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { type Service, startService, until } from './harness.js';

const brokers = process.env.KAFKA_BROKERS;
const registry = process.env.SCHEMA_REGISTRY_URL;
if (!brokers || !registry) {
  t.fail('KAFKA_BROKERS and SCHEMA_REGISTRY_URL must be set: run through deploy/local/with-stack.sh (npm test does)');
  process.exit(1);
}
const ADMIN = 'replicas-admin-key-0123456789';
const prefix = `fltest-replicas-${randomBytes(3).toString('hex')}`;
const dirs: string[] = [];
const services: Service[] = [];
t.teardown(async () => {
  await Promise.all(services.map((s) => s.stop('SIGKILL')));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function launch(command: string): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-replicas-'));
  dirs.push(dir);
  const s = await startService(command, {
    KAFKA_BROKERS: brokers as string,
    SCHEMA_REGISTRY_URL: registry as string,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_GROUP_ID: `${prefix}-analyzers`,
    KAFKA_TOPIC_PARTITIONS: '4',
    FAULTLINE_DATA_DIR: dir,
    FAULTLINE_ADMIN_KEY: ADMIN,
    FAULTLINE_WORKERS: '1',
  });
  services.push(s);
  return s;
}

const call = async (url: string, method: string, path: string, body?: unknown) => {
  const r = await fetch(`${url}${path}${path.includes('?') ? '&' : '?'}org=acme`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

t.test('started on one ingest replica, finalized without robot_id on another: the episode is analyzed', async (t) => {
  const [a, b] = await Promise.all([launch('ingest'), launch('ingest')]);
  const start = await call(a.url, 'POST', '/api/ingest/episode', {
    episode_id: 'rep-ep-1',
    robot_id: 'rep-robot-7',
    metadata: { typed: [{ type: 'Battery', percent: 9 }] },
  });
  t.equal(start.status, 202, 'the start is accepted by replica A');
  // Replica B has never seen the episode and no analyzer has stored it yet.
  const fin = await call(b.url, 'POST', '/api/ingest/episode/rep-ep-1/finalize', { status: 'failed', duration_s: 12 });
  t.equal(fin.status, 202, `the finalize is accepted by replica B (${JSON.stringify(fin.body)})`);

  const svc = await launch('start');
  const read = await until('rep-ep-1 analyzed', 60_000, async () => {
    const r = await call(svc.url, 'GET', '/api/episodes/rep-ep-1');
    return r.status === 200 && r.body.analysis ? r.body : null;
  });
  const episode = read.episode as { robot_id: string; status: string; duration_s: number };
  t.equal(episode.robot_id, 'rep-robot-7', 'the finalize was joined to its start: the robot the start named');
  t.equal(episode.status, 'failed', 'the finalize was applied after the start (status failed, not running)');
  t.equal(episode.duration_s, 12);
  const codes = (read.analysis as { findings: { code: string }[] }).findings.map((f) => f.code);
  t.ok(codes.includes('battery_low'), `the start's metadata is analyzed with the finalize (${codes.join(', ')})`);
});
