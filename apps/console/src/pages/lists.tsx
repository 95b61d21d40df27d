/** The runs page (batch runs and their summaries) and the audit page, for the roles that may read them. */
import { api } from '../api.js';
import { type Column, Link, LoadedView, Select, Table, Time } from '../components.js';
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
      <LoadedView
        loaded={runs}
        what="runs"
        isEmpty={(d) => d.runs.length === 0}
        empty={<p>No batch runs yet. Start one with POST /api/runs, or wait for the scheduled run.</p>}
      >
        {(d) => (
          <div class="scroll">
            <Table caption="Batch runs, newest first" columns={RUN_COLUMNS} rows={d.runs} rowKey={(r) => r.run_id} />
          </div>
        )}
      </LoadedView>
    </section>
  );
}

const summary = (r: Run, ...keys: string[]) => String(keys.map((k) => r.summary[k]).find((v) => v != null) ?? '—');

const RUN_COLUMNS: Column<Run>[] = [
  { title: 'Started', cell: (r) => <Time iso={r.started_at} /> },
  { title: 'Run', cell: (r) => r.run_id },
  { title: 'Trigger', cell: (r) => r.trigger },
  { title: 'Status', cell: (r) => r.status },
  { title: 'Received', cell: (r) => summary(r, 'received') },
  { title: 'Stored', cell: (r) => summary(r, 'stored_patterns', 'stored') },
  { title: 'Errors', cell: (r) => summary(r, 'processing_errors') },
];

export interface AuditEntry {
  at: string;
  action: string;
  actor: string;
  subject_kind: string;
  subject_id: string;
  metadata: Record<string, unknown>;
}

const ACTIONS = ['failure_analysis.', 'episode.', 'api_key.', 'run.'];

export function AuditPage({ loc }: { loc: Location }) {
  const action = loc.query.get('action') ?? '';
  const [audit] = useLoad(() => api.get<{ entries: AuditEntry[] }>(withQuery('/api/audit', { action, limit: '200' })), [action]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Audit log</h1>
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Action"
          value={action}
          any="any"
          choices={ACTIONS.map((a) => [a, a.replace(/\.$/, '')] as const)}
          onChange={(v) => navigate(withQuery('/audit', { action: v }))}
        />
      </form>
      <LoadedView
        loaded={audit}
        what="the audit log"
        isEmpty={(d) => d.entries.length === 0}
        empty={<p>No audit entries{action ? ` for ${action.replace(/\.$/, '')}` : ''}.</p>}
      >
        {(d) => (
          <div class="scroll">
            <Table
              caption="Audit entries, newest first"
              columns={AUDIT_COLUMNS}
              rows={d.entries}
              rowKey={(e, i) => `${e.at}-${i}`}
              rowClass="audit-row"
            />
          </div>
        )}
      </LoadedView>
    </section>
  );
}

/** The audit columns; the episode page shows the first three for one subject. */
export const AUDIT_COLUMNS: Column<AuditEntry>[] = [
  { title: 'When', cell: (e) => <Time iso={e.at} /> },
  { title: 'Action', cell: (e) => e.action },
  { title: 'Actor', cell: (e) => e.actor },
  {
    title: 'Subject',
    cell: (e) =>
      e.subject_kind === 'episode' || e.subject_kind === 'trace' || e.subject_kind === 'log' ? (
        <Link href={`/${e.subject_kind}s/${encodeURIComponent(e.subject_id)}`}>
          {e.subject_kind} {e.subject_id}
        </Link>
      ) : (
        `${e.subject_kind} ${e.subject_id}`
      ),
  },
];
