/**
 * Step "report": one ItemResult per batch item, in input order, from what the steps decided:
 * validation's verdict, the analysis outcome (settle), the episodes a late result re-analyzed,
 * and what the store refused (persist). Pure.
 */
import type { Persisted } from './persist.js';
import type { Settled, SubjectOutcome } from './settle.js';
import type { ItemResult } from './types.js';

export function report(validated: ItemResult[], settled: Settled, persisted: Persisted): ItemResult[] {
  const results = validated.map((r, index) => {
    const outcome = settled.outcomes.get(index);
    const reanalyzed = settled.reanalyzed.get(index);
    const res = outcome ? withOutcome(r, outcome) : { ...r };
    if (reanalyzed) res.reanalyzed = reanalyzed;
    return res;
  });
  for (const [index, refusal] of persisted.refusedRecords) {
    const res = results[index] as ItemResult;
    res.status = 'rejected';
    res.error = `the store refused the record: ${refusal.reason}`;
    delete res.analysis;
    res.deadLetter = { step: 'store', reason: res.error };
  }
  for (const { analysis, error } of persisted.refusedAnalyses) {
    const res = analysis.subject.itemIndex >= 0 ? results[analysis.subject.itemIndex] : undefined;
    if (!res) continue;
    res.status = 'accepted';
    delete res.analysis;
    res.error = error;
    res.failure = 'store_failed';
    res.deadLetter = { step: 'store', reason: error };
  }
  return results;
}

function withOutcome(r: ItemResult, o: SubjectOutcome): ItemResult {
  switch (o.status) {
    case 'analyzed':
      return { ...r, status: 'analyzed', analysis: o.analysis };
    case 'timed_out':
      return { ...r, status: 'timed_out', error: o.error };
    case 'accepted':
      return { ...r, status: 'accepted', error: o.error, failure: o.failure };
  }
}
