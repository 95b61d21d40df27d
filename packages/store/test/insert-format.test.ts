/**
 * Store.insert writes JSONCompactEachRow under a column list; what JSONEachRow gave must hold:
 * a key a row omits, or leaves undefined, takes its column's DEFAULT expression, also when other
 * rows of the same call give that key; text with quotes and backslashes reads back as written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { Store } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-insert-format-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('rows of different shapes in one insert: given values stored, omitted ones take the column default', async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  const row = (subject: string) => ({
    at: '2026-11-01 10:00:00.000',
    org_id: 'acme',
    action: 'failure_analysis.completed',
    actor: 'analyzer',
    subject_kind: 'log',
    subject_id: subject,
    metadata: JSON.stringify({ finding_codes: ['x'], 'quote\'"\\': 'back\\slash "quoted"' }),
  });
  await store.insert('audit_log', [
    { ...row('given'), audit_id: 'given-id' },
    { ...row('omitted') },
    { ...row('undefined'), audit_id: undefined },
  ]);
  const rows = await store.rows<{ subject_id: string; audit_id: string; expected: string; metadata: string }>(
    `SELECT subject_id, audit_id, toString(cityHash64(at, org_id, action, actor, subject_kind, subject_id, metadata)) AS expected, metadata
       FROM faultline.audit_log WHERE org_id = 'acme' ORDER BY subject_id`,
  );
  t.same(
    rows.map((r) => r.subject_id),
    ['given', 'omitted', 'undefined'],
    'every row stored',
  );
  const by = Object.fromEntries(rows.map((r) => [r.subject_id, r]));
  t.equal(by.given?.audit_id, 'given-id', 'the positive control: a given audit_id is stored as given');
  t.equal(by.omitted?.audit_id, by.omitted?.expected, "an omitted audit_id is the column's DEFAULT (the row's hash)");
  t.equal(by.undefined?.audit_id, by.undefined?.expected, 'an undefined audit_id too');
  t.not(by.omitted?.audit_id, '', 'not an empty string');
  t.same(by.given?.metadata, row('given').metadata, 'text with quotes and backslashes reads back as written');
});

// The audit table above cannot tell "omitted" from "sent as null": its columns are not Nullable,
// and ClickHouse reads a JSON null into a non-Nullable column as the column's default. A Nullable
// column with a DEFAULT can: an omitted key must take the DEFAULT, an explicit null stays NULL.
t.test('a Nullable column with a DEFAULT: an omitted key takes the DEFAULT, an explicit null stays NULL', async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  await store.client.command({
    query: `CREATE TABLE IF NOT EXISTS ${store.t('insert_probe')}
              (id String, note Nullable(String) DEFAULT 'the default') ENGINE = MergeTree ORDER BY id`,
  });
  await store.insert('insert_probe', [
    { id: 'given', note: 'written' },
    { id: 'omitted' },
    { id: 'undefined', note: undefined },
    { id: 'null', note: null },
  ]);
  const rows = await store.rows<{ id: string; note: string | null }>(
    `SELECT id, note FROM ${store.t('insert_probe')} ORDER BY id`,
  );
  t.same(
    Object.fromEntries(rows.map((r) => [r.id, r.note])),
    { given: 'written', null: null, omitted: 'the default', undefined: 'the default' },
    'given stored, null kept, omitted and undefined take the DEFAULT',
  );
});
