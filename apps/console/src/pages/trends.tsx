/**
 * Trends: failures over time from GET /api/trends, stacked by category (or factor, severity,
 * robot, service), drawn with uPlot; the range and grouping are in the URL so a view can be
 * shared. The totals table under the chart says the same in text.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from '../api.js';
import { categoryLabel, LoadedView, Select, Table } from '../components.js';
import { useLoad } from '../hooks.js';
import { type Location, navigate, withQuery } from '../router.js';

const RANGES: Record<string, { ms: number; interval: string; label: string }> = {
  '24h': { ms: 86_400_000, interval: '1h', label: 'last 24 hours' },
  '7d': { ms: 7 * 86_400_000, interval: '6h', label: 'last 7 days' },
  '30d': { ms: 30 * 86_400_000, interval: '1d', label: 'last 30 days' },
  '90d': { ms: 90 * 86_400_000, interval: '1w', label: 'last 90 days' },
};
const KINDS = [
  ['episode', 'episodes'],
  ['trace', 'traces'],
  ['log', 'logs'],
] as const;
const BY = ['category', 'contributing_factor', 'severity', 'robot', 'service'] as const;
const PALETTE = ['#c62828', '#ef6c00', '#f9a825', '#2e7d32', '#1565c0', '#6a1b9a', '#00838f', '#5d4037', '#546e7a', '#ad1457'];

interface Point {
  bucket: string;
  key: string;
  count: number;
}

export function TrendsPage({ loc }: { loc: Location }) {
  const range = RANGES[loc.query.get('range') ?? ''] ? (loc.query.get('range') as string) : '7d';
  const by = (BY as readonly string[]).includes(loc.query.get('by') ?? '') ? (loc.query.get('by') as string) : 'category';
  const kind = loc.query.get('kind') ?? '';
  const spec = RANGES[range] as (typeof RANGES)[string];
  // Whole minutes, so the URL's view asks the same question while it is open.
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const from = new Date(to.getTime() - spec.ms);
  const [trend] = useLoad(
    () =>
      api.get<{ points: Point[] }>(
        withQuery('/api/trends', { by, from: from.toISOString(), to: to.toISOString(), interval: spec.interval, kind }),
      ),
    [range, by, kind],
  );
  const set = (name: string, value: string) => navigate(withQuery('/trends', { range, by, kind, [name]: value }));

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Trends</h1>
      <form class="filters" aria-label="Trend options" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Range"
          value={range}
          choices={Object.entries(RANGES).map(([k, r]) => [k, r.label] as const)}
          onChange={(v) => set('range', v)}
        />
        <Select
          label="Stacked by"
          value={by}
          choices={BY.map((b) => [b, b.replace('_', ' ')] as const)}
          onChange={(v) => set('by', v)}
        />
        <Select label="Kind" value={kind} any="all" choices={KINDS} onChange={(v) => set('kind', v)} />
      </form>
      <LoadedView
        loaded={trend}
        what="trends"
        isEmpty={(d) => d.points.length === 0}
        empty={<p>No failures in the {spec.label}.</p>}
      >
        {(d) => (
          <Stacked
            points={d.points}
            fromS={Math.floor(from.getTime() / 1000)}
            toS={Math.floor(to.getTime() / 1000)}
            stepS={intervalSeconds(spec.interval)}
            by={by}
            label={spec.label}
          />
        )}
      </LoadedView>
    </section>
  );
}

function intervalSeconds(i: string): number {
  const n = Number.parseInt(i, 10);
  return n * (i.endsWith('h') ? 3600 : i.endsWith('d') ? 86_400 : i.endsWith('w') ? 604_800 : 60);
}

function Stacked(props: { points: Point[]; fromS: number; toS: number; stepS: number; by: string; label: string }) {
  const { points, fromS, toS, stepS, by, label } = props;
  const ref = useRef<HTMLDivElement>(null);
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.key, (totals.get(p.key) ?? 0) + p.count);
  const keys = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Every bucket of the window (the API's buckets start at multiples of the step), empty ones at 0.
    const xs: number[] = [];
    for (let t = Math.floor(fromS / stepS) * stepS; t < toS; t += stepS) xs.push(t);
    const index = new Map(xs.map((t, i) => [t, i]));
    const raw = keys.map(() => xs.map(() => 0));
    for (const p of points) {
      const i = index.get(Date.parse(p.bucket) / 1000);
      const k = keys.indexOf(p.key);
      if (i !== undefined && k >= 0) (raw[k] as number[])[i] = p.count;
    }
    // Cumulative sums, drawn largest first so each smaller fill lies on top: a stacked chart.
    const cumulative = raw.map((_, k) => xs.map((__, i) => raw.slice(0, k + 1).reduce((s, r) => s + (r[i] ?? 0), 0)));
    const order = keys.map((_, k) => k).reverse();
    const plot = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height: 320,
        title: `Failures by ${by.replace('_', ' ')}, ${label}`,
        series: [
          {},
          ...order.map((k) => ({
            label: categoryLabel(keys[k] as string),
            stroke: PALETTE[k % PALETTE.length],
            fill: `${PALETTE[k % PALETTE.length]}cc`,
            value: (_u: uPlot, _v: number, _s: number, i: number | null) => (i == null ? '—' : String(raw[k]?.[i] ?? 0)),
          })),
        ],
        axes: [{}, { label: 'failures' }],
        scales: { x: { time: true }, y: { range: (_u: uPlot, _min: number, max: number) => [0, Math.max(1, max)] } },
      },
      [xs, ...order.map((k) => cumulative[k] as number[])],
      el,
    );
    const onResize = () => plot.setSize({ width: Math.max(300, el.clientWidth), height: 320 });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      plot.destroy();
    };
  }, [points, fromS, toS, stepS, by, label]);
  return (
    <>
      <div ref={ref} class="chart" role="img" aria-label={`Stacked chart of failures by ${by.replace('_', ' ')}, ${label}`} />
      <Table
        class="totals"
        caption={`Totals, ${label}`}
        captionVisible
        columns={[
          { title: by.replace('_', ' '), cell: (k) => categoryLabel(k) || '—' },
          { title: 'failures', cell: (k) => totals.get(k) },
        ]}
        rows={keys}
        rowKey={(k) => k}
      />
    </>
  );
}
