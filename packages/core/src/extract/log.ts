import type { Analysis, Signal } from '../analysis.js';
import type { Deadline } from '../deadline.js';
import { classify } from '../patterns/classify.js';
import { logSources } from '../patterns/telling.js';
import { DEFAULT_ORG, type LogRecord } from '../records.js';
import { cut, cutTail } from '../text.js';
import { buildPatternAnalysis } from './pattern.js';

const EXIT_CODE = /exit(?:ed)?(?: with)? (?:code|status)[:= ]{0,3}(-?\d{1,3})\b/i;

/** The log analyzer (seed "Log Analysis"): category, severity, root cause and fix from the pattern library. */
export function analyzeLog(record: LogRecord, deadline?: Deadline, now: Date = new Date()): Analysis {
  const sources = logSources(record.error_message, record.logs);
  deadline?.check('telling lines');
  const context = `${record.experiment_type ?? ''}\n${cut(record.code_snippet ?? '', 4000)}`;
  const cls = classify('log', sources, deadline, context);
  const logs = record.logs ?? '';
  const signals: Signal[] = [];
  if (record.experiment_type) signals.push({ name: 'experiment_type', value: cut(record.experiment_type, 100) });
  signals.push({ name: 'matched_in', value: cls.source });
  if (cls.id !== 'unknown') signals.push({ name: 'pattern', value: cls.id });
  signals.push({ name: 'log_lines', value: logs ? logs.split('\n').length : 0 });
  signals.push({ name: 'error_message_given', value: Boolean(record.error_message?.trim()) });
  const exit = EXIT_CODE.exec(sources.headline) ?? EXIT_CODE.exec(cutTail(sources.body, 4000));
  if (exit) signals.push({ name: 'exit_code', value: Number(exit[1]) });
  const excerpts = [sources.headline, ...sources.telling.slice(-3)];
  if (cls.matched && !sources.headline.includes(cls.matched)) excerpts.splice(1, 0, cls.matched);
  return buildPatternAnalysis({
    kind: 'log',
    ref: record.log_id,
    orgId: record.org_id ?? DEFAULT_ORG,
    cls,
    headline: sources.headline,
    where: record.error_message?.trim() ? 'Error message' : 'Telling line of the log',
    signals,
    excerpts,
    confidenceFactor: 1,
    now,
  });
}
