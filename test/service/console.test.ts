/**
 * The web console in a real browser (Debian's chromium, driven by playwright-core) against the real
 * embedded service: sign in and see a failed episode's Failure insights card in the seed's order
 * within 2 s of the finalize; a log's modal with its root cause and fix (focus trapped, Escape
 * closes); filtering by category and severity through the URL; an admin's re-run and its audit
 * row; a member without the re-run button whose forged POST is refused; another org's episode
 * "not found"; one org's cookie not reading the other's API; no console errors or failed requests
 * on any page; axe-core with no serious or critical violation on any page; screenshots of every
 * page at 1280 and 390 px in test-results/console/ (kept by the run for a reviewer).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { apiCaller, keyMaker, requireTool, until } from './harness.js';
import { startInProcess } from './in-process.js';

const CHROMIUM = requireTool('FAULTLINE_CHROMIUM', '/usr/bin/chromium', 'chromium', (m) => t.fail(m));
const SHOTS = fileURLToPath(new URL('../../../test-results/console/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const BOOT = 'console-bootstrap-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-console-', {
  FAULTLINE_ADMIN_KEY: BOOT,
  FAULTLINE_WORKERS: '2',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
});
const call = apiCaller(svc.url);
// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field
type Json = any;
// The browser's globals, in the functions page.evaluate runs in the page (this file has no DOM types).
// biome-ignore lint/suspicious/noExplicitAny: the page's own objects
declare const document: any;
// biome-ignore lint/suspicious/noExplicitAny: the page's own objects
declare const window: any;
// biome-ignore lint/suspicious/noExplicitAny: the page's own objects
declare const getComputedStyle: any;

const key = keyMaker(svc.url, BOOT);
const keys = {
  producerA: await key('org-a', 'producer'),
  adminA: await key('org-a', 'admin'),
  memberA: await key('org-a', 'member'),
  producerB: await key('org-b', 'producer'),
  adminB: await key('org-b', 'admin'),
};

const finalize = (producer: string, id: string, body: Record<string, unknown>) =>
  call('POST', `/api/ingest/episode/${id}/finalize`, producer, { robot_id: 'r-7', status: 'failed', duration_s: 4, ...body });

// Background failures in org-a: episodes of three kinds of failure, logs, a trace; org-b's own episode.
for (const [i, id] of ['bg-1', 'bg-2', 'bg-3', 'bg-4'].entries()) {
  await finalize(keys.producerA, id, {
    robot_id: `r-${i % 2}`,
    started_at: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
    metadata: i % 2 ? { typed: [{ type: 'Battery', percent: 6 }] } : { failure_reason: 'RuntimeError: gripper jammed' },
  });
}
await call('POST', '/api/ingest/logs', keys.producerA, [
  {
    log_id: 'exp-1760667123',
    error_message: 'Forbidden import from: torchvision; Forbidden attribute: eval',
    logs: 'Traceback (most recent call last):\nValidationError: Forbidden import from: torchvision',
  },
]);
await call('POST', '/api/ingest/traces', keys.producerA, [
  {
    trace_id: 'tr-1',
    timestamp: new Date().toISOString(),
    spans: [{ span_id: 's', name: 'llm.call', status: { code: 'ERROR', message: 'RateLimitError: 429 rate limit exceeded' } }],
  },
]);
await finalize(keys.producerB, 'only-b', { metadata: { failure_reason: 'ValueError: b' } });
await until('org-a listed', 20_000, async () => (await call('GET', '/api/episodes', keys.adminA)).body?.items?.length === 4);
await until('log analyzed', 20_000, async () => (await call('GET', '/api/logs/exp-1760667123', keys.adminA)).body?.pattern);
await until('trace analyzed', 20_000, async () => (await call('GET', '/api/traces/tr-1', keys.adminA)).body?.pattern);
await until('only-b analyzed', 20_000, async () => (await call('GET', '/api/episodes/only-b', keys.adminB)).body?.analysis);

const browser: Browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
t.teardown(() => browser.close());

/** A browser user: its context, a page, and every console error and failed request seen on it. */
interface User {
  ctx: BrowserContext;
  page: Page;
  problems: string[];
}

async function user(width = 1280): Promise<User> {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A fetch the browser cancels because the test navigated away (ERR_ABORTED) is not a failure.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return { ctx, page, problems };
}

async function signIn(u: User, apiKey: string) {
  await u.page.goto(`${svc.url}/`);
  await u.page.getByLabel('API key').fill(apiKey);
  await u.page.getByRole('button', { name: 'Sign in' }).click();
  await u.page.getByRole('heading', { name: 'Failures', level: 1 }).waitFor();
}

/** axe-core on the page as it is: the serious and critical violations (none expected). */
async function axe(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the console's Content-Security-Policy forbids inline scripts.
  await page.evaluate(AXE);
  const result = (await page.evaluate(
    // biome-ignore lint/suspicious/noExplicitAny: axe is the injected global
    () => (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }),
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks a page that is showing what it should: no problems, no serious axe violation, screenshots at both widths. */
async function review(t: Test, u: User, name: string, allowed: RegExp[] = []) {
  await u.page.waitForLoadState('networkidle');
  const problems = u.problems.splice(0).filter((p) => !allowed.some((a) => a.test(p)));
  t.same(problems, [], `${name}: no console errors, no failed requests`);
  t.same(await axe(u.page), [], `${name}: no serious accessibility violations`);
  for (const width of [1280, 390]) {
    await u.page.setViewportSize({ width, height: 900 });
    await u.page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await u.page.setViewportSize({ width: 1280, height: 900 });
}

const admin = await user();
await signIn(admin, keys.adminA);

t.test('sign in: the sign-in page, then the failures list', async (t) => {
  const fresh = await user();
  await fresh.page.goto(`${svc.url}/`);
  await fresh.page.getByLabel('API key').waitFor();
  await review(t, fresh, 'signin');
  await fresh.page.getByLabel('API key').fill('not-a-key-0123456789');
  await fresh.page.getByRole('button', { name: 'Sign in' }).click();
  await fresh.page.getByText('That key is not valid.').waitFor();
  t.pass('a wrong key says so');
  await fresh.ctx.close();
  const cookies = await admin.ctx.cookies();
  const session = cookies.find((c) => c.name === 'faultline_session');
  t.ok(session?.httpOnly, 'the session cookie is HttpOnly');
  t.equal(session?.sameSite, 'Strict');
  t.ok((session?.expires ?? 0) > Date.now() / 1000, 'and expires');
  await review(t, admin, 'failures');
});

t.test("a failed episode's card, in the seed's order, within 2 s of the finalize", async (t) => {
  const finalizedAt = Date.now();
  const r = await finalize(keys.producerA, 'ep-4812', {
    metadata: {
      failure_reason: 'Traceback (most recent call last):\nRuntimeError: joint 3 torque limit exceeded',
      typed: [
        { type: 'EpisodeOutcome', success: false, reason: 'dropped the cup' },
        { type: 'Battery', percent: 11 },
      ],
      terminated: false,
      truncated: true,
    },
  });
  t.equal(r.status, 202);
  // The episode's page exists once the analyzer stored the episode (a moment after the 202).
  await until('ep-4812 stored', 10_000, async () => (await call('GET', '/api/episodes/ep-4812', keys.adminA)).status === 200);
  const storedAfter = Date.now() - finalizedAt;
  await admin.page.goto(`${svc.url}/episodes/ep-4812`);
  const findings = admin.page.locator('.insights .finding');
  await findings.first().waitFor({ timeout: 10_000 });
  const seenAfter = Date.now() - finalizedAt;
  t.ok(
    seenAfter < 2000,
    `the card is on screen ${seenAfter} ms after the finalize (the episode readable after ${storedAfter} ms)`,
  );
  const api: Json = (await call('GET', '/api/episodes/ep-4812', keys.adminA)).body;
  const codes = await admin.page.locator('.insights .finding code').allTextContents();
  t.same(
    codes,
    api.analysis.findings.map((f: Json) => f.code),
    'every finding, in the ranked order',
  );
  t.ok(codes.length >= 4, `several findings (${codes.join(', ')})`);
  const confidences = api.analysis.findings.map((f: Json) => f.confidence);
  t.same(
    confidences,
    [...confidences].sort((a: number, b: number) => b - a),
    'highest confidence first',
  );
  const first = findings.first();
  t.match(await first.locator('.pill').first().textContent(), /confidence/, 'a confidence pill');
  t.equal(await first.locator('.finding-title').textContent(), api.analysis.findings[0].title, 'the title');
  t.ok((await first.locator('.evidence dt').count()) > 0, 'an evidence grid');
  t.match(await first.locator('.next-step').textContent(), /Next step:/, 'a next step');
  t.match(await admin.page.locator('.insights').textContent(), `analyzer v${api.analysis.analyzer_version}`);
  await review(t, admin, 'episode');
});

t.test("the episode page lists its eval and verification results, its org's only", async (t) => {
  const sent = [
    await call('POST', '/api/ingest/eval-results', keys.producerA, [
      {
        eval_run_id: 'run-a-17',
        candidate_episode_id: 'ep-4812',
        baseline_episode_id: 'ep-4700',
        metrics: { success_delta: -0.4 },
      },
    ]),
    await call('POST', '/api/ingest/verification-results', keys.producerA, [
      { scenario_id: 'shelf-pick-3', candidate_episode_id: 'ep-4812', status: 'fail', message: 'cup dropped at waypoint 4' },
    ]),
    // org-b names an episode of the same id: it must not show in org-a's page.
    await call('POST', '/api/ingest/eval-results', keys.producerB, [
      { eval_run_id: 'run-b-99', candidate_episode_id: 'ep-4812', metrics: { success_delta: 0.5 } },
    ]),
  ];
  t.same(
    sent.map((r) => r.status),
    [202, 202, 202],
    'all three accepted',
  );
  const api: Json = await until('the results stored', 20_000, async () => {
    const b = (await call('GET', '/api/episodes/ep-4812', keys.adminA)).body;
    return b?.eval_results?.length && b?.verification_results?.length ? b : null;
  });
  t.same(
    api.eval_results.map((r: Json) => r.eval_run_id),
    ['run-a-17'],
    "the API: org-a's eval result only",
  );
  await admin.page.goto(`${svc.url}/episodes/ep-4812`);
  const evalRow = admin.page.locator('.eval-row', { hasText: 'run-a-17' });
  await evalRow.waitFor({ timeout: 10_000 });
  t.match(await evalRow.textContent(), /ep-4700.*success_delta -0\.4/, 'the eval run, its baseline and its metric');
  const verification = admin.page.locator('.verification-row', { hasText: 'shelf-pick-3' });
  t.match(await verification.textContent(), /fail.*cup dropped at waypoint 4/, 'the scenario, its status and message');
  t.equal(
    await admin.page.locator('.eval-row', { hasText: 'run-b-99' }).count(),
    0,
    "org-b's eval result is not on org-a's page",
  );
});

t.test('an admin re-runs the analysis and sees the audit row', async (t) => {
  await admin.page.goto(`${svc.url}/episodes/ep-4812`);
  await admin.page.locator('.insights .finding').first().waitFor();
  t.equal(await admin.page.locator('.audit-row', { hasText: 'episode.reanalyze' }).count(), 0, 'no re-run audited yet');
  await admin.page.getByRole('button', { name: 'Re-run analysis' }).click();
  await admin.page.getByRole('status').filter({ hasText: 'Re-run requested' }).waitFor();
  await admin.page.locator('.audit-row', { hasText: 'episode.reanalyze' }).waitFor({ timeout: 10_000 });
  t.pass('the audit row of the re-run is listed');
  const audit: Json = (await call('GET', '/api/audit?subject_id=ep-4812&action=episode.reanalyze', keys.adminA)).body;
  t.equal(audit.entries.length, 1, 'one audit entry, by the API');
  await admin.page.getByRole('button', { name: 'Actions' }).click();
  t.ok(await admin.page.getByRole('menuitem', { name: 'Mark as failed' }).isDisabled(), 'mark as failed: already failed');
  await admin.page.keyboard.press('Escape');
  // The menu closes on the next render: wait for it (up to 5 s), then count; a menu that stays open fails.
  await admin.page
    .getByRole('menuitem', { name: 'Mark as failed' })
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => {});
  t.equal(await admin.page.getByRole('menuitem').count(), 0, 'Escape closes the actions menu');
  await review(t, admin, 'episode-admin');
  await admin.page.goto(`${svc.url}/audit`);
  await admin.page.locator('.audit-row', { hasText: 'episode.reanalyze' }).first().waitFor();
  await review(t, admin, 'audit');
});

t.test("a log's modal: root cause and fix; focus stays in it; Escape closes it", async (t) => {
  await admin.page.goto(`${svc.url}/failures?kind=log`);
  const badge = admin.page.getByRole('button', { name: /show the analysis of log exp-1760667123/ });
  await badge.click();
  const dialog = admin.page.getByRole('dialog', { name: 'Failure analysis' });
  await dialog.waitFor();
  const api: Json = (await call('GET', '/api/logs/exp-1760667123', keys.adminA)).body;
  await dialog.locator('.root-cause').waitFor();
  t.equal(await dialog.locator('.root-cause').textContent(), api.pattern.root_cause_hypothesis, 'the root cause');
  t.equal(await dialog.locator('.fix').textContent(), api.pattern.suggested_fix, 'the fix');
  t.ok(api.pattern.root_cause_hypothesis.length > 10 && api.pattern.suggested_fix.length > 10, 'both say something');
  for (let i = 0; i < 6; i++) {
    await admin.page.keyboard.press('Tab');
    t.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), `Tab ${i + 1}: focus is in the modal`);
  }
  await review(t, admin, 'log-modal');
  await admin.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  t.ok(await badge.evaluate((b) => b === document.activeElement), 'focus returns to the badge');
  await review(t, admin, 'failures-logs');
  await admin.page.goto(`${svc.url}/logs/exp-1760667123`);
  await admin.page.locator('.root-cause').waitFor();
  await review(t, admin, 'log');
  await admin.page.goto(`${svc.url}/traces/tr-1`);
  await admin.page.locator('.root-cause').waitFor();
  await review(t, admin, 'trace');
});

t.test('filter by category and severity: the URL holds them, the rows match, back undoes them', async (t) => {
  await admin.page.goto(`${svc.url}/failures?kind=episode`);
  const rows = admin.page.locator('.failure');
  await rows.first().waitFor();
  const all = await rows.count();
  const api: Json = (await call('GET', '/api/episodes', keys.adminA)).body;
  const battery = api.items.find((r: Json) => r.id === 'bg-2');
  await admin.page.getByRole('combobox', { name: 'Category', exact: true }).selectOption(battery.category);
  await admin.page.waitForURL(new RegExp(`category=${battery.category}`));
  await admin.page.getByRole('combobox', { name: 'Severity', exact: true }).selectOption(battery.severity);
  await admin.page.waitForURL(new RegExp(`severity=${battery.severity}`));
  await admin.page.locator('.failure').first().waitFor();
  const want = api.items.filter((r: Json) => r.category === battery.category && r.severity === battery.severity);
  const ids = await admin.page.locator('.failure .meta span:nth-child(3)').allTextContents();
  t.same(
    ids,
    want.map((r: Json) => r.id),
    'the filtered rows, newest first',
  );
  t.ok(want.length >= 2 && want.length < all, `a strict subset (${want.length} of ${all})`);
  await review(t, admin, 'failures-filtered');
  await admin.page.goBack();
  await admin.page.waitForURL((u) => !u.search.includes('severity='));
  t.equal(
    await admin.page.getByRole('combobox', { name: 'Severity', exact: true }).inputValue(),
    '',
    'back: the severity filter is gone',
  );
});

t.test('trends and runs pages', async (t) => {
  await admin.page.goto(`${svc.url}/trends?range=7d&by=category`);
  await admin.page.locator('.uplot').waitFor();
  t.ok((await admin.page.locator('.totals tbody tr').count()) >= 2, 'totals by category');
  await review(t, admin, 'trends');
  await admin.page.goto(`${svc.url}/runs`);
  await admin.page.getByRole('heading', { name: 'Batch runs' }).waitFor();
  await admin.page
    .getByText(/No batch runs yet|Started/)
    .first()
    .waitFor();
  await review(t, admin, 'runs');
});

t.test("a member: no re-run button, and a forged POST is refused; another org's episode is not found", async (t) => {
  const member = await user();
  await signIn(member, keys.memberA);
  await member.page.goto(`${svc.url}/episodes/ep-4812`);
  await member.page.locator('.insights .finding').first().waitFor();
  t.equal(await member.page.getByRole('button', { name: 'Re-run analysis' }).count(), 0, 'no re-run button');
  t.equal(await member.page.getByRole('button', { name: 'Actions' }).count(), 0, 'no actions menu');
  t.equal(await member.page.getByRole('link', { name: 'Audit' }).count(), 0, 'no audit page in the menu');
  await review(t, member, 'episode-member');
  const before = (await call('GET', '/api/audit?subject_id=ep-4812&action=episode.', keys.adminA)).body.entries.length;
  // An attacker's page on another origin of the same host (same site: the browser sends the
  // SameSite=Strict cookie) auto-submits a form POST with the admin's session.
  const evil = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(
      `<!doctype html><form method="POST" action="${svc.url}/api/episodes/ep-4812/reanalyze"></form><script>document.forms[0].submit()</script>`,
    );
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  const forged = await admin.ctx.newPage();
  await forged.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
  await forged.waitForURL(/reanalyze/);
  t.match(await forged.textContent('body'), /cross-site request refused/, 'a forged form POST from another origin: refused');
  evil.close();
  // The same POST from the console's own origin but without the CSRF token (a script that did not get it).
  const noToken = await admin.page.evaluate(async () => {
    const r = await fetch('/api/episodes/ep-4812/reanalyze', { method: 'POST', credentials: 'same-origin' });
    return r.status;
  });
  t.equal(noToken, 403, "the admin's cookie without the CSRF token: 403");
  const memberPost = await member.page.evaluate(async () => {
    const r = await fetch('/api/episodes/ep-4812/reanalyze', { method: 'POST', credentials: 'same-origin' });
    return r.status;
  });
  t.equal(memberPost, 403, "the member's forged POST: 403");
  admin.problems.splice(0);
  member.problems.splice(0);
  await forged.close();
  const after = (await call('GET', '/api/audit?subject_id=ep-4812&action=episode.', keys.adminA)).body.entries.length;
  t.equal(after, before, 'nothing was re-run by the forged requests');

  await member.page.goto(`${svc.url}/episodes/only-b`);
  await member.page.getByRole('heading', { name: 'Not found' }).waitFor();
  t.pass("org-b's episode: Not found");
  await review(t, member, 'not-found', [/404 GET .*\/api\/(episodes|verify\/episodes)\/only-b/, /status of 404/]);
  // Positive control: org-b's admin sees it.
  const b = await user();
  await signIn(b, keys.adminB);
  await b.page.goto(`${svc.url}/episodes/only-b`);
  await b.page.locator('.insights .finding').first().waitFor();
  t.pass("org-b's admin reads only-b");
  // One org's cookie does not read the other's API.
  const cookie = (await member.ctx.cookies()).find((c) => c.name === 'faultline_session');
  const asA = async (path: string) =>
    (await fetch(`${svc.url}${path}`, { headers: { cookie: `faultline_session=${cookie?.value}` } })).status;
  t.equal(await asA('/api/episodes/ep-4812'), 200, "positive control: org-a's cookie reads org-a");
  t.equal(await asA('/api/episodes/only-b'), 404, "org-a's cookie, org-b's episode: 404");
  t.equal(await asA('/api/episodes?org=org-b'), 403, "org-a's cookie, org-b's list: 403");
  await Promise.all([member.ctx.close(), b.ctx.close()]);
});

t.test('a platform key (the bootstrap key of the first five minutes) names the org it opens', async (t) => {
  const ops = await user();
  await ops.page.goto(`${svc.url}/`);
  await ops.page.getByLabel('API key').fill(BOOT);
  await ops.page.getByRole('button', { name: 'Sign in' }).click();
  await ops.page.getByRole('heading', { name: 'Which org?' }).waitFor();
  await review(t, ops, 'org-picker');
  await ops.page.getByLabel('Org').fill('org-b');
  await ops.page.getByRole('button', { name: 'Open' }).click();
  await ops.page.locator('.failure').first().waitFor();
  t.same(await ops.page.locator('.failure .meta span:nth-child(3)').allTextContents(), ['only-b'], "org-b's failures only");
  await ops.page.getByRole('button', { name: 'Change org' }).click();
  await ops.page.getByLabel('Org').fill('org-a');
  await ops.page.getByRole('button', { name: 'Open' }).click();
  await ops.page.locator('.failure', { hasText: 'ep-4812' }).waitFor();
  t.notOk(
    (await ops.page.locator('.failure .meta span:nth-child(3)').allTextContents()).includes('only-b'),
    "then org-a's, without org-b's",
  );
  await review(t, ops, 'failures-platform');
  await ops.ctx.close();
});

t.test('a phone-sized screen: the list and the card fit 390 px', async (t) => {
  const phone = await user(390);
  await signIn(phone, keys.adminA);
  const overflow = () => phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  t.equal(await overflow(), 0, 'failures: no horizontal scrolling');
  await phone.page.goto(`${svc.url}/episodes/ep-4812`);
  await phone.page.locator('.insights .finding').first().waitFor();
  t.equal(await overflow(), 0, 'episode: no horizontal scrolling');
  await phone.ctx.close();
});

t.test('the Content-Security-Policy: this origin only, no inline script or style, and the browser enforces it', async (t) => {
  const res = await fetch(`${svc.url}/failures`);
  const csp = res.headers.get('content-security-policy') ?? '';
  t.match(csp, /default-src 'self'/, 'default-src: this origin');
  t.notMatch(csp, /unsafe-inline|unsafe-eval|\*/, 'no unsafe-inline, unsafe-eval or wildcard');
  const u = await user();
  await signIn(u, keys.adminA);
  // An injected inline <style> and style attribute (what an HTML injection would try) are refused:
  // the page's background stays as the stylesheet set it, and the browser reports the violation.
  const seen = await u.page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string }) =>
      violations.push(e.violatedDirective),
    );
    const before = getComputedStyle(document.body).backgroundColor;
    const style = document.createElement('style');
    style.textContent = 'body { background-color: rgb(1, 2, 3) !important; }';
    document.head.appendChild(style);
    const div = document.createElement('div');
    div.innerHTML = '<p id="injected" style="color: rgb(4, 5, 6)">x</p>';
    document.body.appendChild(div);
    await new Promise((r) => setTimeout(r, 100));
    return {
      before,
      after: getComputedStyle(document.body).backgroundColor,
      color: getComputedStyle(document.getElementById('injected')).color,
      violations,
    };
  });
  t.not(seen.after, 'rgb(1, 2, 3)', `the injected <style> is not applied (background ${seen.before} -> ${seen.after})`);
  t.not(seen.color, 'rgb(4, 5, 6)', 'the injected style attribute is not applied');
  t.ok(
    seen.violations.some((d: string) => d.startsWith('style-src')),
    `the browser reported it (${seen.violations.join(', ')})`,
  );
  await u.ctx.close();
});
