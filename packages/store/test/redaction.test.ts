/**
 * The store's own redaction (defense in depth: records normally arrive redacted by
 * validateRecord): raw records handed straight to the store keep no secret in any column,
 * and a cut never leaves most of a key (redact, then cut).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEAD_CHARS, TAIL_CHARS } from '@faultline/core';
import t from 'tap';
import { Store } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-store-redaction-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const KEY = 'sk-proj-Q7fLk2mZ9xR4tW8yB3nV6cJ1hG5dS0aP2eU7iO9kL3mN';
const BODY = KEY.slice('sk-proj-'.length);
const MARK = 'FLSTOREMARK7c1e';

/** Any 12-character run of the key's distinctive part. */
function leaks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 12 <= BODY.length; i++) if (text.includes(BODY.slice(i, i + 12))) out.push(BODY.slice(i, i + 12));
  return out;
}

t.test('raw records saved directly keep no secret; a cut never leaves most of a key', async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  // The tail cut falls 8 characters into the key: cut first, the rest no longer looks like a key.
  const total = HEAD_CHARS + TAIL_CHARS + 5_000;
  const tailStart = total - TAIL_CHARS;
  const head = `${'x'.repeat(tailStart - 9)} ${KEY}`;
  const logs = `${head}\n${'y'.repeat(total - head.length - 40)}\nRuntimeError: boom ${MARK}`;
  await store.saveLogs([
    {
      kind: 'log',
      log_id: 'raw-log',
      org_id: 'acme',
      experiment_type: `sweep ${KEY}`,
      error_message: `boom ${KEY}`,
      logs,
      code_snippet: `key = "${KEY}"`,
    },
  ]);
  await store.saveTraces([
    {
      kind: 'trace',
      trace_id: 'raw-trace',
      org_id: 'acme',
      timestamp: '2026-11-01T10:00:00Z',
      service: `svc ${KEY} ${MARK}`,
      spans: [
        {
          span_id: 's',
          name: `call ${KEY}`,
          status: { code: 'ERROR', message: KEY },
          attributes: { 'tool.parameters': `{"q": "${MARK} private prompt"}`, 'gen_ai.request.model': `gpt ${MARK}` },
        },
      ],
    },
  ]);
  await store.saveEpisodes([
    {
      kind: 'episode',
      episode_id: 'raw-ep',
      org_id: 'acme',
      robot_id: 'r',
      status: 'failed',
      metadata: { [KEY]: MARK, failure_reason: KEY, password: 'hunter2-plain' },
    },
  ]);
  for (const table of ['logs', 'traces', 'episodes']) {
    const rows = JSON.stringify(await store.rows(`SELECT * FROM ${store.database}.${table}`));
    t.same(leaks(rows), [], `${table}: no 12-character run of the key`);
    t.ok(rows.includes(MARK), `${table}: the positive control — the marker is stored`);
  }
  const traces = JSON.stringify(await store.rows(`SELECT payload FROM ${store.database}.traces`));
  t.notOk(traces.includes('private prompt'), 'an attribute off the allow-list is not stored');
  t.ok(traces.includes('gen_ai.request.model'), 'an allowed attribute is');
  const episodes = JSON.stringify(await store.rows(`SELECT metadata FROM ${store.database}.episodes`));
  t.notOk(episodes.includes('hunter2-plain'), 'a value under a secret-named key is not stored');
});
