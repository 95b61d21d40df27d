#!/usr/bin/env node
/**
 * `node load-tests/console-list.js [--failures 1000000] [--days 30] [--reps 30] [--renders 10]`
 * (after `npm run build`): the failures list the console reads, on the embedded store, empty and
 * then filled, in one run. Runs the embedded service (`startEmbedded`, what `npm start` runs) in
 * this process on a fresh data directory; measures `GET /api/episodes` (the first page of 50),
 * filtered by category + severity, filtered by one robot of 1,000, and the 20th page (following
 * the cursor), p50 and p95 of `--reps` calls after one warm-up; then the console's time to first
 * render of the list in Debian's chromium (playwright-core; skipped when chromium is missing):
 * from navigation to the first row on screen, p50/p95 of `--renders` loads with the session cookie.
 *
 * The filled store: `--failures` failed episodes over the last `--days` days, each an analysis
 * inserted as the writer inserts a first analysis (rollup_change = 1), so ClickHouse's
 * materialized views fill failure_list (migration 0011) and the rollups exactly as in production.
 * The goal (issue 16): the list API's p95 under 150 ms on the embedded store. Prints one JSON line
 * per store, then a table with the filled / empty ratio.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ANALYZER_VERSION } from '../packages/core/dist/src/index.js';
import { column, insertFailures as seedFailures } from './lib/seed.js';
import { startInProcess } from './lib/service.js';

const { values } = parseArgs({
  options: {
    failures: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '30' },
    reps: { type: 'string', default: '30' },
    renders: { type: 'string', default: '10' },
  },
});
const FAILURES = Number(values.failures);
const DAYS = Number(values.days);
const REPS = Number(values.reps);
const RENDERS = Number(values.renders);
const ORG = 'fleet';
const ADMIN = 'console-bench-bootstrap-key-0123456789';
const DAY_MS = 86_400_000;
const CHROMIUM = process.env.FAULTLINE_CHROMIUM ?? '/usr/bin/chromium';

const dir = mkdtempSync(join(tmpdir(), 'faultline-console-bench-'));
const svc = await startInProcess(dir, ADMIN);
const store = svc.store;
const db = store.database;

const CODES = [
  ['battery_low', 'hardware_fault', 'battery_low', 'medium'],
  ['failure_reason_in_metadata', 'hardware_fault', 'actuator_fault', 'high'],
  ['gymnasium_truncated', 'policy_failure', 'env_truncated', 'medium'],
  ['explicit_outcome', 'policy_failure', 'task_not_achieved', 'high'],
  ['adapter_upload_error', 'upload_error', 'storage_unreachable', 'high'],
  ['verification_failed', 'verification_failure', 'scenario_failed', 'critical'],
];
const arr = (i) => column(CODES, i);

/** Failed episodes (or the first of them): when, robot, fingerprint (Zipf-like), code and its labels. */
async function insertFailures(n, offset) {
  await seedFailures(store, {
    org: ORG,
    findings: false,
    rows: `SELECT concat('ep-', toString(number + ${offset})) AS subject_id,
        fromUnixTimestamp64Milli(toInt64(${Date.now()} - cityHash64(number + ${offset}, 'at') % ${DAYS * DAY_MS})) AS at,
        concat('robot-', toString(cityHash64(number + ${offset}, 'robot') % 1000)) AS robot_id,
        toUInt64(pow((cityHash64(number + ${offset}, 'fp') % 1000000) / 1000000, 2) * 2000) AS rank,
        lower(hex(cityHash64(rank))) AS fingerprint,
        rank % ${CODES.length} + 1 AS c,
        arrayElement(${arr(0)}, c) AS code, arrayElement(${arr(1)}, c) AS category,
        arrayElement(${arr(2)}, c) AS factor, arrayElement(${arr(3)}, c) AS severity,
        '${ANALYZER_VERSION}' AS analyzer_version
      FROM numbers(${n})`,
  });
}

async function api(path) {
  const r = await fetch(`${svc.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

async function percentiles(fn, reps = REPS) {
  await fn();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q) => Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

/** The cursor of page `n` (1 = the first page: no cursor). */
async function cursorOfPage(n) {
  let cursor = null;
  for (let i = 1; i < n; i++) {
    const page = await api(`/api/episodes?org=${ORG}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    cursor = page.next_cursor;
    if (!cursor) return null;
  }
  return cursor;
}

/** Time from navigation to the first row of the list on screen, in chromium, signed in. */
async function firstRender() {
  if (!existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${svc.url}/`);
    await page.getByLabel('API key').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Org').fill(ORG);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.locator('.failure').first().waitFor({ timeout: 30_000 });
    return await percentiles(async () => {
      const t0 = performance.now();
      await page.goto(`${svc.url}/failures?kind=episode&r=${Math.random()}`);
      await page.locator('.failure').first().waitFor({ timeout: 30_000 });
      return performance.now() - t0;
    }, RENDERS);
  } finally {
    await browser.close();
  }
}

async function measure() {
  const deep = await cursorOfPage(20);
  return {
    first_page_ms: await percentiles(() => api(`/api/episodes?org=${ORG}&limit=50`)),
    category_severity_ms: await percentiles(() => api(`/api/episodes?org=${ORG}&limit=50&category=hardware_fault&severity=high`)),
    one_robot_ms: await percentiles(() => api(`/api/episodes?org=${ORG}&limit=50&robot=robot-7`)),
    page_20_ms: deep ? await percentiles(() => api(`/api/episodes?org=${ORG}&limit=50&cursor=${deep}`)) : null,
    first_render_ms: await firstRender(),
  };
}

try {
  // The empty store: 1,000 failures (so that page 20 exists).
  await insertFailures(1000, 0);
  const empty = await measure();
  console.log(JSON.stringify({ store: 'empty', failures: 1000, ...empty }));
  const t0 = Date.now();
  await insertFailures(FAILURES - 1000, 1000);
  const fillMs = Date.now() - t0;
  const rows = await store.rows(`SELECT count() AS n FROM ${db}.failure_list WHERE org_id = {org:String}`, { org: ORG });
  const filled = await measure();
  console.log(
    JSON.stringify({
      store: 'filled',
      failures: FAILURES,
      days: DAYS,
      fill_ms: fillMs,
      failure_list_rows: Number(rows[0].n),
      ...filled,
    }),
  );
  const ratio = (k) => (filled[k] && empty[k] ? Math.round((filled[k].p95 / empty[k].p95) * 10) / 10 : null);
  console.log(
    `\n| read (${REPS} calls; renders ${RENDERS}) | 1,000 failures p50 / p95 ms | ${FAILURES.toLocaleString('en')} failures p50 / p95 ms | p95 ratio |`,
  );
  console.log('|---|---|---|---|');
  for (const [k, label] of [
    ['first_page_ms', 'GET /api/episodes (first page of 50)'],
    ['category_severity_ms', 'GET /api/episodes?category=hardware_fault&severity=high'],
    ['one_robot_ms', 'GET /api/episodes?robot=robot-7 (1 of 1,000 robots)'],
    ['page_20_ms', 'GET /api/episodes, page 20 (cursor)'],
    ['first_render_ms', 'console: navigation to the first row on screen'],
  ]) {
    const e = empty[k];
    const f = filled[k];
    console.log(`| ${label} | ${e ? `${e.p50} / ${e.p95}` : 'n/a'} | ${f ? `${f.p50} / ${f.p95}` : 'n/a'} | ${ratio(k)} |`);
  }
} finally {
  await svc.close();
  rmSync(dir, { recursive: true, force: true });
}
