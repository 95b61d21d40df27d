/**
 * A trace's or a log's page: the pattern record (title, category, factor, severity, summary,
 * root-cause hypothesis, evidence with its redacted excerpts, recommended actions, fix, confidence
 * and its rationale), the LLM's note where one answered, and its peers (same fingerprint). An
 * accepted subject that could not be analyzed says why (timed out, output refused, analyzer error).
 */
import { type AnalysisAnswer, api } from '../api.js';
import {
  CategoryIcon,
  ConfidencePill,
  categoryLabel,
  ErrorState,
  EvidenceGrid,
  Link,
  Loading,
  SeverityBadge,
  StalePill,
  Time,
} from '../components.js';
import { useLoad } from '../hooks.js';
import { withQuery } from '../router.js';

type Answer = (AnalysisAnswer & { status: 'analyzed' }) | { status: string; error: { error?: string; message?: string } };

export function SubjectPage({ kind, id }: { kind: 'trace' | 'log'; id: string }) {
  const [loaded] = useLoad(() => api.get<Answer>(`/api/${kind}s/${encodeURIComponent(id)}`), [kind, id]);
  if (loaded.state === 'loading') return <Loading what={`${kind} ${id}`} />;
  if (loaded.state === 'error') return <ErrorState status={loaded.status} message={loaded.message} what={kind} />;
  const a = loaded.data;
  const head = (
    <header class="page-head">
      <div>
        <p class="crumbs">
          <Link href={`/failures?kind=${kind}`}>Failures</Link> / {kind}
        </p>
        <h1 id="page-title">
          {kind === 'trace' ? 'Trace' : 'Log'} {id}
        </h1>
      </div>
    </header>
  );
  if (a.status !== 'analyzed' || !('findings' in a)) {
    const err = 'error' in a ? a.error : {};
    return (
      <article aria-labelledby="page-title">
        {head}
        <div class="state error" role="alert">
          <h2>Not analyzed: {a.status.replaceAll('_', ' ')}</h2>
          <p>{String(err.error ?? err.message ?? 'The analyzer recorded an error for this subject.')}</p>
        </div>
      </article>
    );
  }
  const p = a.pattern;
  const top = a.findings[0];
  return (
    <article aria-labelledby="page-title">
      {head}
      <section class="card" aria-labelledby="pattern-title">
        <header class="card-head">
          <h2 id="pattern-title">{p?.title ?? top?.title ?? 'Failure pattern'}</h2>
          <div class="card-tools">
            <span class="muted">analyzer v{a.analyzer_version}</span>
            {a.stale && <StalePill current={a.current_analyzer_version} />}
          </div>
        </header>
        {p && (
          <>
            <p class="modal-tags">
              <SeverityBadge severity={p.severity} /> <CategoryIcon category={p.category} /> {categoryLabel(p.category)} ·{' '}
              {p.contributing_factor.replaceAll('_', ' ')} · <ConfidencePill band={p.confidence_band} value={p.confidence} />
            </p>
            <p>{p.summary}</p>
            <h3>Root cause</h3>
            <p class="root-cause">{p.root_cause_hypothesis}</p>
            <h3>Suggested fix</h3>
            <p class="fix">{p.suggested_fix}</p>
            <h3>Recommended actions</h3>
            <ul>
              {p.recommended_actions.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <h3>Evidence</h3>
            <EvidenceGrid
              evidence={Object.fromEntries(
                p.evidence.signals.map((s, i) => [String(s.name ?? s.signal ?? `signal ${i + 1}`), s.value ?? s]),
              )}
            />
            {p.evidence.excerpts.length > 0 && (
              <>
                <h4>Excerpts (redacted)</h4>
                {p.evidence.excerpts.map((x) => (
                  <pre key={x} class="excerpt">
                    {x}
                  </pre>
                ))}
              </>
            )}
            <h3>Confidence</h3>
            <p>{p.confidence_rationale}</p>
            <p class="muted small">
              From the {p.source === 'llm' ? 'LLM' : 'heuristic pattern library'} · analyzed <Time iso={a.analyzed_at} />
            </p>
          </>
        )}
        {!p && top && <p>{top.description}</p>}
      </section>
      {a.llm && (
        <section class="card" aria-labelledby="llm-title">
          <h2 id="llm-title">LLM note</h2>
          <EvidenceGrid evidence={a.llm} />
        </section>
      )}
      <section class="card" aria-labelledby="peers-title">
        <h2 id="peers-title">Peers</h2>
        {a.fingerprint_peers > 0 ? (
          <Link href={withQuery('/failures', { kind, fingerprint: a.fingerprint })}>
            {a.fingerprint_peers} other {kind}
            {a.fingerprint_peers === 1 ? '' : 's'} with the same fingerprint
          </Link>
        ) : (
          <p class="muted">No other {kind} has failed this way.</p>
        )}
      </section>
    </article>
  );
}
