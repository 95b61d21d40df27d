/**
 * The console's shared pieces: links, severity badges (critical red, high orange, medium yellow,
 * low grey, as the seed's dashboard), an icon per category, the confidence and stale pills, the
 * evidence grid, the modal (focus trapped, closed by Escape, focus returned), the empty, loading
 * and error states every view uses (LoadedView picks one), the data table and the select filter.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Loaded } from './hooks.js';
import { onLinkClick } from './router.js';

export function Link(props: { href: string; children: ComponentChildren; class?: string; 'aria-label'?: string }) {
  return (
    <a href={props.href} onClick={onLinkClick} class={props.class} aria-label={props['aria-label']}>
      {props.children}
    </a>
  );
}

const SEVERITY_LABEL: Record<string, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

export function SeverityBadge({ severity }: { severity: string }) {
  return <span class={`badge sev-${severity in SEVERITY_LABEL ? severity : 'low'}`}>{SEVERITY_LABEL[severity] ?? severity}</span>;
}

/** One symbol per category (taxonomy.md), from fonts every system has (no emoji); the category's name is its accessible name and tooltip. */
const CATEGORY_ICON: Record<string, string> = {
  syntax_error: '{ }',
  import_error: '⇲',
  validation_error: '✓✗',
  runtime_error: '⚠',
  timeout: '◷',
  resource_error: '▤',
  network_error: '⇄',
  auth_error: '⊘',
  rate_limit: '◔',
  upstream_error: '☁',
  context_overflow: '≋',
  output_parse_error: '⌧',
  tool_error: '⚒',
  agent_loop: '↻',
  config_error: '⚙',
  data_error: '▦',
  hardware_fault: '⚡',
  policy_failure: '◎',
  logic_error: '∴',
  regression: '↘',
  verification_failure: '⊗',
  upload_error: '⇪',
  aborted: '■',
  unknown: '?',
};

export const categoryLabel = (c: string) => c.replaceAll('_', ' ');

export function CategoryIcon({ category }: { category: string }) {
  return (
    <span class="cat-icon" role="img" aria-label={`category ${categoryLabel(category)}`} title={categoryLabel(category)}>
      {CATEGORY_ICON[category] ?? '?'}
    </span>
  );
}

export function ConfidencePill({ band, value }: { band: string; value: number }) {
  return (
    <span class={`pill conf-${band}`}>
      {band} confidence · {Math.round(value * 100)}%
    </span>
  );
}

export function StalePill({ current }: { current: string }) {
  return (
    <span class="pill stale" title="This analysis was made by an older analyzer; re-run it for the current rules">
      v{current} available
    </span>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function EvidenceGrid({ evidence }: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <p class="muted">No evidence recorded.</p>;
  return (
    <dl class="evidence">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Time({ iso }: { iso: string }) {
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={iso}>
      {Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 19)} UTC
    </time>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state empty">{children}</div>;
}

export function ErrorState({ status, message, what }: { status: number; message: string; what: string }) {
  if (status === 404)
    return (
      <div class="state error" role="alert">
        <h2>Not found</h2>
        <p>There is no {what} with this id in your org.</p>
      </div>
    );
  return (
    <div class="state error" role="alert">
      <h2>Could not load {what}</h2>
      <p>{status ? `${status}: ${message}` : `The service did not answer (${message}). Is it running?`}</p>
    </div>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** A modal dialog: focus moves in and stays in (Tab wraps), Escape and the close button close it, focus returns. */
export function Modal(props: { title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  // A layout effect: focus moves in and Escape/Tab are handled from the task that shows the dialog
  // (a plain effect runs after paint, so a key pressed as soon as the dialog is visible could be missed).
  useLayoutEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const box = ref.current;
    box?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        props.onClose();
        return;
      }
      if (e.key !== 'Tab' || !box) return;
      const items = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      } else if (!box.contains(document.activeElement)) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, [props.onClose]);
  return (
    <div class="backdrop">
      <div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" ref={ref}>
        <header>
          <h2 id="modal-title">{props.title}</h2>
          <button type="button" class="close" onClick={props.onClose} aria-label="Close">
            ×
          </button>
        </header>
        {props.children}
        <footer>
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        </footer>
      </div>
    </div>
  );
}

/** A column of a Table: its header, and how one row shows in it. */
export interface Column<T> {
  title: string;
  cell: (row: T) => ComponentChildren;
}

/**
 * A data table: a caption (visible, or for screen readers only), one header row, a row per item;
 * without rows, `empty` (when given) says so instead.
 */
export function Table<T>(props: {
  caption: string;
  empty?: string;
  captionVisible?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, i: number) => string;
  rowClass?: string;
  class?: string;
}) {
  if (props.rows.length === 0 && props.empty !== undefined) return <p class="muted">{props.empty}</p>;
  return (
    <table class={props.class ? `table ${props.class}` : 'table'}>
      <caption class={props.captionVisible ? undefined : 'sr-only'}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c.title} scope="col">
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r, i) => (
          <tr key={props.rowKey(r, i)} class={props.rowClass}>
            {props.columns.map((c) => (
              <td key={c.title}>{c.cell(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An option of a Select: a value shown as itself, or [value, label]. */
export type Choice = string | readonly [value: string, label: string];

/** A labelled select filter; `any` (when given) is the first option, with the empty value. */
export function Select(props: {
  label: string;
  value: string;
  choices: readonly Choice[];
  any?: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.any !== undefined && <option value="">{props.any}</option>}
        {props.choices.map((c) => {
          const [value, label] = typeof c === 'string' ? [c, c] : c;
          return (
            <option key={value} value={value}>
              {label}
            </option>
          );
        })}
      </select>
    </label>
  );
}

/**
 * What a loaded view shows: loading, the error (404 says "not found in your org"), the empty state
 * when the data has nothing to show, else the content.
 */
export function LoadedView<T>(props: {
  loaded: Loaded<T>;
  what: string;
  errorWhat?: string;
  isEmpty: (data: T) => boolean;
  empty: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  const { loaded } = props;
  if (loaded.state === 'loading') return <Loading what={props.what} />;
  if (loaded.state === 'error')
    return <ErrorState status={loaded.status} message={loaded.message} what={props.errorWhat ?? props.what} />;
  if (props.isEmpty(loaded.data)) return <Empty>{props.empty}</Empty>;
  return <>{props.children(loaded.data)}</>;
}
