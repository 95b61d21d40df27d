/** The runs page (batch runs and their summaries) and the audit page, for the roles that may read them. */
import { api } from '../api.js';
import { Empty, ErrorState, Link, Loading, Time } from '../components.js';
import { useLoad } from '../hooks.js';
import { type Location, navigate, withQuery } from '../router.js';

interface Run {
  run_id: string;
  trigger: string;
  status: string;
  requested_by: string;
  started_at: string;
  finished_at: string | null;
  summary: Record<string, unknown>;
}

export function RunsPage() {
  const [runs] = useLoad(() => api.get<{ runs: Run[] }>('/api/runs'), []);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Batch runs</h1>
      {runs.state === 'loading' && <Loading what="runs" />}
      {runs.state === 'error' && <ErrorState status={runs.status} message={runs.message} what="runs" />}
      {runs.state === 'ok' && runs.data.runs.length === 0 && (
        <Empty>
          <p>No batch runs yet. Start one with POST /api/runs, or wait for the scheduled run.</p>
        </Empty>
      )}
      {runs.state === 'ok' && runs.data.runs.length > 0 && (
        <div class="scroll">
          <table class="table">
            <caption class="sr-only">Batch runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Run</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col">Received</th>
                <th scope="col">Stored</th>
                <th scope="col">Errors</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.runs.map((r) => (
                <tr key={r.run_id}>
                  <td>
                    <Time iso={r.started_at} />
                  </td>
                  <td>{r.run_id}</td>
                  <td>{r.trigger}</td>
                  <td>{r.status}</td>
                  <td>{String(r.summary.received ?? '—')}</td>
                  <td>{String(r.summary.stored_patterns ?? r.summary.stored ?? '—')}</td>
                  <td>{String(r.summary.processing_errors ?? '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface AuditEntry {
  at: string;
  action: string;
  actor: string;
  subject_kind: string;
  subject_id: string;
  metadata: Record<string, unknown>;
}

const ACTIONS = ['', 'failure_analysis.', 'episode.', 'api_key.', 'run.'];

export function AuditPage({ loc }: { loc: Location }) {
  const action = loc.query.get('action') ?? '';
  const [audit] = useLoad(() => api.get<{ entries: AuditEntry[] }>(withQuery('/api/audit', { action, limit: '200' })), [action]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Audit log</h1>
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Action
          <select value={action} onChange={(e) => navigate(withQuery('/audit', { action: e.currentTarget.value }))}>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a ? a.replace(/\.$/, '') : 'any'}
              </option>
            ))}
          </select>
        </label>
      </form>
      {audit.state === 'loading' && <Loading what="the audit log" />}
      {audit.state === 'error' && <ErrorState status={audit.status} message={audit.message} what="the audit log" />}
      {audit.state === 'ok' && audit.data.entries.length === 0 && (
        <Empty>
          <p>No audit entries{action ? ` for ${action.replace(/\.$/, '')}` : ''}.</p>
        </Empty>
      )}
      {audit.state === 'ok' && audit.data.entries.length > 0 && (
        <div class="scroll">
          <table class="table">
            <caption class="sr-only">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Actor</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.entries.map((e, i) => (
                <tr key={`${e.at}-${i}`} class="audit-row">
                  <td>
                    <Time iso={e.at} />
                  </td>
                  <td>{e.action}</td>
                  <td>{e.actor}</td>
                  <td>
                    {e.subject_kind === 'episode' || e.subject_kind === 'trace' || e.subject_kind === 'log' ? (
                      <Link href={`/${e.subject_kind}s/${encodeURIComponent(e.subject_id)}`}>
                        {e.subject_kind} {e.subject_id}
                      </Link>
                    ) : (
                      `${e.subject_kind} ${e.subject_id}`
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
