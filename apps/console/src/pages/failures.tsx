/**
 * The failures list: failed episodes, traces or logs, newest first, from GET /api/{kind}s. Every
 * filter and the page cursor are in the URL (a view can be shared; back returns to it). Each row:
 * severity badge, category icon, the top finding's title, robot or service, time, "seen N times".
 * A log's badge opens the seed's modal: category, severity, root cause and the fix.
 */
import { useState } from 'preact/hooks';
import taxonomy from '../../../../schemas/json/taxonomy.json';
import { api, capabilities, type FailureRow, type Pattern } from '../api.js';
import {
  CategoryIcon,
  categoryLabel,
  ErrorState,
  Link,
  LoadedView,
  Loading,
  Modal,
  Select,
  SeverityBadge,
  StalePill,
  Time,
} from '../components.js';
import { useLoad } from '../hooks.js';
import { type Location, navigate, withQuery } from '../router.js';

const FILTERS = [
  'kind',
  'category',
  'severity',
  'confidence_band',
  'robot',
  'service',
  'contributing_factor',
  'fingerprint',
  'stale',
  'from',
  'to',
] as const;
const KINDS = ['episode', 'trace', 'log'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const BANDS = ['high', 'medium', 'low'];
const STALE = [
  ['true', 'stale only'],
  ['false', 'current only'],
] as const;

interface Page {
  items: FailureRow[];
  next_cursor: string | null;
}

export function FailuresPage({ loc, role }: { loc: Location; role: string }) {
  const caps = capabilities(role);
  const q = loc.query;
  const kinds = KINDS.filter((k) => k === 'episode' || caps.patterns);
  const kind = (kinds as readonly string[]).includes(q.get('kind') ?? '') ? (q.get('kind') as (typeof KINDS)[number]) : 'episode';
  const params: Record<string, string> = {};
  for (const f of FILTERS) {
    const v = q.get(f);
    if (v && f !== 'kind') params[f] = v;
  }
  const cursor = q.get('cursor');
  const apiQuery = new URLSearchParams({ ...params, ...(cursor ? { cursor } : {}), limit: '50' });
  if (apiQuery.has('from')) apiQuery.set('from', new Date(apiQuery.get('from') as string).toISOString());
  if (apiQuery.has('to')) apiQuery.set('to', new Date(apiQuery.get('to') as string).toISOString());
  const [page] = useLoad(() => api.get<Page>(`/api/${kind}s?${apiQuery}`), [kind, apiQuery.toString()]);
  const [modal, setModal] = useState<FailureRow | null>(null);

  const set = (name: string, value: string) => {
    const next: Record<string, string> = { kind, ...params };
    if (value) next[name] = value;
    else delete next[name];
    if (name === 'kind') {
      for (const k of Object.keys(next)) if (k !== 'kind' && k !== 'from' && k !== 'to') delete next[k];
    }
    navigate(withQuery('/failures', next));
  };
  const filtered = Object.keys(params).length > 0;

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Failures</h1>
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Select label="Kind" value={kind} choices={kinds.map((k) => [k, `${k}s`] as const)} onChange={(v) => set('kind', v)} />
        <Select
          label="Category"
          value={params.category ?? ''}
          any="any"
          choices={taxonomy.categories.map((c) => [c.name, categoryLabel(c.name)] as const)}
          onChange={(v) => set('category', v)}
        />
        <Select
          label="Severity"
          value={params.severity ?? ''}
          any="any"
          choices={SEVERITIES}
          onChange={(v) => set('severity', v)}
        />
        <Select
          label="Confidence"
          value={params.confidence_band ?? ''}
          any="any"
          choices={BANDS}
          onChange={(v) => set('confidence_band', v)}
        />
        <Select label="Stale" value={params.stale ?? ''} any="any" choices={STALE} onChange={(v) => set('stale', v)} />
        <TextFilter
          label={kind === 'episode' ? 'Robot' : 'Service'}
          name={kind === 'episode' ? 'robot' : 'service'}
          value={params[kind === 'episode' ? 'robot' : 'service'] ?? ''}
          set={set}
        />
        <TextFilter label="Factor" name="contributing_factor" value={params.contributing_factor ?? ''} set={set} />
        <label>
          From
          <input type="datetime-local" value={params.from ?? ''} onChange={(e) => set('from', e.currentTarget.value)} />
        </label>
        <label>
          To
          <input type="datetime-local" value={params.to ?? ''} onChange={(e) => set('to', e.currentTarget.value)} />
        </label>
        {filtered && (
          <button type="button" onClick={() => navigate(withQuery('/failures', { kind }))}>
            Clear filters
          </button>
        )}
      </form>
      <LoadedView
        loaded={page}
        what={`failed ${kind}s`}
        errorWhat={`the ${kind}s list`}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <p>
            {filtered || cursor
              ? `No failed ${kind}s match these filters.`
              : `No failed ${kind}s yet. Failures appear here seconds after they are ingested.`}
          </p>
        }
      >
        {(d) => (
          <>
            <ul class="failures" aria-label={`Failed ${kind}s, newest first`}>
              {d.items.map((r) => (
                <li key={`${r.org_id}/${r.id}`} class="failure">
                  {r.kind === 'log' ? (
                    <button
                      type="button"
                      class="badge-button"
                      onClick={() => setModal(r)}
                      aria-label={`${r.severity} severity: show the analysis of log ${r.id}`}
                    >
                      <SeverityBadge severity={r.severity} />
                    </button>
                  ) : (
                    <SeverityBadge severity={r.severity} />
                  )}
                  <CategoryIcon category={r.category} />
                  <div class="main">
                    <Link href={`/${r.kind}s/${encodeURIComponent(r.id)}`} class="title">
                      {r.title || r.code || 'Failed'}
                    </Link>
                    <div class="meta">
                      <span>{r.kind === 'episode' ? `robot ${r.robot_id || '—'}` : `service ${r.service || '—'}`}</span>
                      <span>{categoryLabel(r.category)}</span>
                      <span>{r.id}</span>
                      <Time iso={r.occurred_at} />
                      <span class="seen">{r.seen === 1 ? 'seen once' : `seen ${r.seen} times`}</span>
                      {r.stale && <StalePill current={r.analyzer_version} />}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
            <nav class="pager" aria-label="Pages">
              {cursor && (
                <button type="button" onClick={() => window.history.back()}>
                  ← Newer
                </button>
              )}
              {d.next_cursor && <Link href={withQuery('/failures', { kind, ...params, cursor: d.next_cursor })}>Older →</Link>}
            </nav>
          </>
        )}
      </LoadedView>
      {modal && <LogModal row={modal} onClose={() => setModal(null)} />}
    </section>
  );
}

function TextFilter(props: { label: string; name: string; value: string; set: (n: string, v: string) => void }) {
  return (
    <label>
      {props.label}
      <input
        type="search"
        value={props.value}
        onChange={(e) => props.set(props.name, e.currentTarget.value.trim())}
        placeholder="any"
      />
    </label>
  );
}

/** The seed's failure modal for a log: category and severity, root cause, suggested fix. */
function LogModal({ row, onClose }: { row: FailureRow; onClose: () => void }) {
  const [loaded] = useLoad(() => api.get<{ pattern?: Pattern }>(`/api/logs/${encodeURIComponent(row.id)}`), [row.id]);
  return (
    <Modal title="Failure analysis" onClose={onClose}>
      <p class="modal-sub">{row.id}</p>
      <p class="modal-tags">
        <CategoryIcon category={row.category} /> {categoryLabel(row.category)} · <SeverityBadge severity={row.severity} />{' '}
        severity
      </p>
      {loaded.state === 'loading' && <Loading what="the analysis" />}
      {loaded.state === 'error' && <ErrorState status={loaded.status} message={loaded.message} what="this log" />}
      {loaded.state === 'ok' && loaded.data.pattern && (
        <>
          <h3>Root cause</h3>
          <p class="root-cause">{loaded.data.pattern.root_cause_hypothesis}</p>
          <h3>Suggested fix</h3>
          <p class="fix">{loaded.data.pattern.suggested_fix}</p>
          <p>
            <Link href={`/logs/${encodeURIComponent(row.id)}`}>Open the full pattern record</Link>
          </p>
        </>
      )}
    </Modal>
  );
}
