/**
 * `getAnalysisWithPeers` (the read API's analysis answer in two statements) against the real
 * embedded ClickHouse: the same analysis as `getAnalysis` and the same peers' count as
 * `fingerprintPeers`, including the cases the count's "less the subject itself" is about: the same
 * id analyzed under another kind with the same fingerprint, a re-analysis that left or joined the
 * fingerprint, another org, a missing subject.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, finding, type SubjectKind } from '@faultline/core';
import t, { type Test } from 'tap';
import { Store } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-peers-'));
const store = await Store.open({ dataDir: dir });
t.teardown(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const analysis = (kind: SubjectKind, id: string, fingerprint: string, org = 'acme'): Analysis => ({
  subject_kind: kind,
  subject_id: id,
  org_id: org,
  analyzer_version: '1.0.0',
  analyzed_at: new Date().toISOString(),
  fingerprint,
  signature: 's',
  source: 'heuristic',
  findings: [
    finding({
      code: 'battery_low',
      title: 'battery low',
      description: 'battery low',
      category: 'hardware',
      contributing_factor: 'unknown',
      severity: 'high',
      confidence: 0.9,
      evidence: {},
      suggested_action: 'charge',
    }),
  ],
});
const write = (...list: Analysis[]) =>
  store.writeAnalyses(list.map((a) => ({ analysis: a, occurredAt: new Date().toISOString(), robotId: 'r1' })));

/** What the read API answered before: getAnalysis, then fingerprintPeers of its fingerprint. */
async function before(org: string, kind: SubjectKind, id: string) {
  const stored = await store.getAnalysis(org, kind, id);
  return stored ? { stored, peers: await store.fingerprintPeers(org, stored.analysis.fingerprint, id) } : null;
}

const cases: [string, SubjectKind, string][] = [
  ['acme', 'episode', 'e1'],
  ['acme', 'episode', 'e2'],
  ['acme', 'episode', 'e3'],
  ['acme', 'trace', 'e1'],
  ['acme', 'log', 'l1'],
  ['acme', 'trace', 'nobody'],
  ['acme', 'log', 'e1'],
  ['other', 'episode', 'e1'],
  ['other', 'episode', 'o1'],
];

async function same(t: Test, label: string, expected: Record<string, number | null>) {
  for (const [org, kind, id] of cases) {
    const got = await store.getAnalysisWithPeers(org, kind, id);
    t.same(got, await before(org, kind, id), `${label}: ${org} ${kind} ${id} as getAnalysis + fingerprintPeers`);
    t.equal(got?.peers ?? null, expected[`${org} ${kind} ${id}`] ?? null, `${label}: ${org} ${kind} ${id} peers`);
  }
}

t.test('the same analysis and peers as getAnalysis + fingerprintPeers', async (t) => {
  // e1 is both an episode and a trace with fp-a (one id, two subjects); e2 shares fp-a; l1 has fp-b.
  await write(
    analysis('episode', 'e1', 'fp-a'),
    analysis('trace', 'e1', 'fp-a'),
    analysis('episode', 'e2', 'fp-a'),
    analysis('episode', 'e3', 'fp-c'),
    analysis('log', 'l1', 'fp-b'),
    analysis('episode', 'o1', 'fp-a', 'other'),
  );
  await same(t, 'first', {
    'acme episode e1': 1, // e2; the trace e1 is the id itself
    'acme episode e2': 2, // the episode e1 and the trace e1: two subjects (only e1's own answer counts them as itself)
    'acme episode e3': 0,
    'acme trace e1': 1,
    'acme log l1': 0,
    'other episode o1': 0, // another org's fp-a subjects are not peers
  });
  // e2 re-analyzed to fp-c: it leaves fp-a and joins e3.
  await write(analysis('episode', 'e2', 'fp-c'));
  await same(t, 'after e2 moved', {
    'acme episode e1': 0,
    'acme episode e2': 1,
    'acme episode e3': 1,
    'acme trace e1': 0,
    'acme log l1': 0,
    'other episode o1': 0,
  });
});
