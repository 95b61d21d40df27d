/**
 * The episode page: the episode's metadata, its deploy-gate verdict (eval and verification
 * results), and the seed's "Failure insights" card: every finding ranked highest confidence first,
 * each with a confidence pill, title, description, evidence grid and next step; the analyzer
 * version and a "vX available" pill when stale; "Re-run analysis" on the card and "Mark as failed"
 * in the actions menu for admins (both audited: the audit rows of the episode are listed here for
 * the roles that may read the audit log).
 */
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { type AnalysisAnswer, api, capabilities } from '../api.js';
import {
  CategoryIcon,
  type Column,
  ConfidencePill,
  categoryLabel,
  ErrorState,
  EvidenceGrid,
  Link,
  Loading,
  SeverityBadge,
  StalePill,
  Table,
  Time,
} from '../components.js';
import { type Loaded, useLoad } from '../hooks.js';
import { withQuery } from '../router.js';
import { AUDIT_COLUMNS, type AuditEntry } from './lists.js';

interface Episode {
  episode_id: string;
  robot_id: string;
  status: string;
  source?: string;
  started_at?: string | null;
  ended_at?: string | null;
  duration_s?: number | null;
  metadata?: Record<string, unknown>;
}

interface EvalResult {
  eval_run_id: string;
  baseline_episode_id?: string;
  metrics: Record<string, unknown>;
}

interface VerificationResult {
  scenario_id: string;
  status: string;
  message?: string;
}

interface EpisodeAnswer {
  episode: Episode;
  analysis: AnalysisAnswer | null;
  eval_results?: EvalResult[];
  verification_results?: VerificationResult[];
}

interface Verdict {
  verdict: string;
  reason?: string;
  blocking?: unknown[];
  [k: string]: unknown;
}

export function EpisodePage({ id, role }: { id: string; role: string }) {
  const caps = capabilities(role);
  const enc = encodeURIComponent(id);
  const [loaded, reload] = useLoad(() => api.get<EpisodeAnswer>(`/api/episodes/${enc}`), [id]);
  const [verdict] = useLoad(() => api.get<Verdict>(`/api/verify/episodes/${enc}`), [id]);
  const [auditTick, setAuditTick] = useState(0);
  const [audit] = useLoad(
    () =>
      caps.audit ? api.get<{ entries: AuditEntry[] }>(`/api/audit?subject_id=${enc}&limit=20`) : Promise.resolve({ entries: [] }),
    [id, auditTick],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  // The actions menu closes on Escape. A layout effect: the listener is attached in the same task
  // that shows the menu, so an Escape pressed as soon as the menu is visible is never missed (a
  // plain effect runs after paint, later still on a busy machine: CI saw the menu stay open).
  useLayoutEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  // A failed episode not analyzed yet (the analyzer runs within seconds of the finalize): look again.
  const waiting = loaded.state === 'ok' && loaded.data.episode.status === 'failed' && !loaded.data.analysis;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(reload, 300);
    return () => clearTimeout(timer);
  }, [waiting, loaded]);

  if (loaded.state === 'loading') return <Loading what={`episode ${id}`} />;
  if (loaded.state === 'error') return <ErrorState status={loaded.status} message={loaded.message} what="episode" />;
  const { episode, analysis, eval_results: evals = [], verification_results: verifications = [] } = loaded.data;

  const act = async (path: 'reanalyze' | 'mark-failed', done: string) => {
    setMenuOpen(false);
    setNotice(null);
    try {
      await api.post(`/api/episodes/${enc}/${path}`);
      setNotice(done);
      // The analysis is upserted by the analyzer a moment later; the audit row is written now.
      setAuditTick((n) => n + 1);
      setTimeout(reload, 1500);
    } catch (err) {
      setNotice(`Refused: ${(err as Error).message}`);
    }
  };

  return (
    <article aria-labelledby="page-title">
      <header class="page-head">
        <div>
          <p class="crumbs">
            <Link href="/failures?kind=episode">Failures</Link> / episode
          </p>
          <h1 id="page-title">Episode {episode.episode_id}</h1>
        </div>
        {caps.admin && (
          <div class="actions">
            <button type="button" aria-haspopup="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>
              Actions ▾
            </button>
            {menuOpen && (
              <div class="menu" role="menu">
                <button
                  type="button"
                  role="menuitem"
                  disabled={episode.status === 'failed'}
                  onClick={() => act('mark-failed', 'Marked as failed: the analyzer runs now (audited).')}
                >
                  Mark as failed
                </button>
              </div>
            )}
          </div>
        )}
      </header>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <section class="card" aria-labelledby="meta-title">
        <h2 id="meta-title">Episode</h2>
        <dl class="evidence">
          <div>
            <dt>status</dt>
            <dd>{episode.status}</dd>
          </div>
          <div>
            <dt>robot</dt>
            <dd>
              <Link href={withQuery('/failures', { kind: 'episode', robot: episode.robot_id })}>{episode.robot_id}</Link>
            </dd>
          </div>
          <div>
            <dt>source</dt>
            <dd>{episode.source ?? '—'}</dd>
          </div>
          <div>
            <dt>started</dt>
            <dd>{episode.started_at ? <Time iso={episode.started_at} /> : '—'}</dd>
          </div>
          <div>
            <dt>duration</dt>
            <dd>{episode.duration_s != null ? `${episode.duration_s} s` : '—'}</dd>
          </div>
        </dl>
      </section>
      <GateCard verdict={verdict} evals={evals} verifications={verifications} />
      <InsightsCard
        analysis={analysis}
        status={episode.status}
        admin={caps.admin}
        onRerun={() => act('reanalyze', 'Re-run requested: the analysis is upserted in a moment (audited).')}
      />
      {caps.audit && (
        <section class="card" aria-labelledby="audit-title">
          <h2 id="audit-title">Audit</h2>
          {audit.state === 'ok' && (
            <Table
              caption="Audit entries of this episode, newest first"
              empty="No audit entries for this episode."
              columns={AUDIT_COLUMNS.slice(0, 3)}
              rows={audit.data.entries}
              rowKey={(e) => `${e.at}-${e.action}`}
              rowClass="audit-row"
            />
          )}
        </section>
      )}
    </article>
  );
}

/** The deploy gate's verdict on this episode, and the eval and verification results naming it. */
function GateCard(props: { verdict: Loaded<Verdict>; evals: EvalResult[]; verifications: VerificationResult[] }) {
  const { verdict, evals, verifications } = props;
  return (
    <section class="card" aria-labelledby="gate-title">
      <h2 id="gate-title">Eval and verification</h2>
      {verdict.state === 'loading' && <Loading what="the deploy gate's verdict" />}
      {verdict.state === 'error' && <p class="muted">No verdict: {verdict.message}</p>}
      {verdict.state === 'ok' && (
        <p>
          Deploy gate: <strong class={`verdict v-${verdict.data.verdict}`}>{verdict.data.verdict}</strong>
          {verdict.data.reason ? ` — ${String(verdict.data.reason)}` : ''}
        </p>
      )}
      <Table
        class="eval-results"
        caption="Eval results of this episode"
        empty="No eval results name this episode."
        columns={EVAL_COLUMNS}
        rows={evals}
        rowKey={(r) => r.eval_run_id}
        rowClass="eval-row"
      />
      <Table
        class="verification-results"
        caption="Verification results of this episode"
        empty="No verification results name this episode."
        columns={VERIFICATION_COLUMNS}
        rows={verifications}
        rowKey={(r) => r.scenario_id}
        rowClass="verification-row"
      />
    </section>
  );
}

function InsightsCard(props: { analysis: AnalysisAnswer | null; status: string; admin: boolean; onRerun: () => void }) {
  const a = props.analysis;
  return (
    <section class="card insights" aria-labelledby="insights-title">
      <header class="card-head">
        <h2 id="insights-title">Failure insights</h2>
        <div class="card-tools">
          {a && <span class="muted">analyzer v{a.analyzer_version}</span>}
          {a?.stale && <StalePill current={a.current_analyzer_version} />}
          {props.admin && props.status === 'failed' && (
            <button type="button" onClick={props.onRerun}>
              Re-run analysis
            </button>
          )}
        </div>
      </header>
      {!a && (
        <p class="muted">
          {props.status === 'failed'
            ? 'No analysis yet: the analyzer runs within seconds of the finalize.'
            : `This episode ${props.status === 'succeeded' ? 'succeeded' : `is ${props.status}`}: only failed episodes are analyzed.`}
        </p>
      )}
      {a && (
        <>
          <ol class="findings">
            {a.findings.map((f, i) => (
              <li key={f.code} class="finding">
                <div class="finding-head">
                  <span class="rank" title={`rank ${i + 1}`}>
                    {i + 1}
                  </span>
                  <ConfidencePill band={f.confidence_band} value={f.confidence} />
                  <SeverityBadge severity={f.severity} />
                  <CategoryIcon category={f.category} />
                  <code>{f.code}</code>
                </div>
                <h3 class="finding-title">{f.title}</h3>
                <p>{f.description}</p>
                <EvidenceGrid evidence={f.evidence} />
                <p class="next-step">
                  <strong>Next step:</strong> {f.suggested_action}
                </p>
                <p class="muted small">
                  {categoryLabel(f.category)} · {f.contributing_factor.replaceAll('_', ' ')}
                </p>
              </li>
            ))}
          </ol>
          <p class="muted small">
            Analyzed <Time iso={a.analyzed_at} /> ·{' '}
            {a.fingerprint_peers > 0 ? (
              <Link href={withQuery('/failures', { kind: 'episode', fingerprint: a.fingerprint })}>
                {a.fingerprint_peers} other failure{a.fingerprint_peers === 1 ? '' : 's'} like this
              </Link>
            ) : (
              'no other failure like this'
            )}
          </p>
        </>
      )}
    </section>
  );
}

/** The eval results naming this episode as candidate: run, baseline and every metric. */
const EVAL_COLUMNS: Column<EvalResult>[] = [
  { title: 'Eval run', cell: (r) => r.eval_run_id },
  { title: 'Baseline', cell: (r) => r.baseline_episode_id ?? '—' },
  {
    title: 'Metrics',
    cell: (r) =>
      Object.entries(r.metrics)
        .map(([k, v]) => `${k} ${typeof v === 'number' ? v : JSON.stringify(v)}`)
        .join(', '),
  },
];

/** The verification scenarios run on this episode, with their status and message. */
const VERIFICATION_COLUMNS: Column<VerificationResult>[] = [
  { title: 'Scenario', cell: (r) => r.scenario_id },
  {
    title: 'Status',
    cell: (r) => (
      <strong class={`verdict v-${r.status === 'pass' ? 'pass' : r.status === 'skipped' ? 'unknown' : 'fail'}`}>
        {r.status}
      </strong>
    ),
  },
  { title: 'Message', cell: (r) => r.message ?? '—' },
];
