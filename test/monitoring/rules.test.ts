/**
 * The alerting rules, checked by Prometheus's own tool (promtool, Debian's prometheus
 * package, installed by deploy/local/install-checks.sh): the file is valid, and on synthetic
 * series each alert fires on the pattern it is for and stays quiet on its look-alike
 * (deploy/prometheus/rules/faultline.rules.test.yml).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import { requireTool } from '../service/harness.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const rulesDir = join(repo, 'deploy/prometheus/rules');
const PROMTOOL = requireTool('PROMTOOL_BIN', '/usr/bin/promtool', 'prometheus', (m) => t.fail(m));
const promtool = (...args: string[]) => spawnSync(PROMTOOL, args, { cwd: rulesDir, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'faultline-rules-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('promtool check rules accepts the rule file', async (t) => {
  const r = promtool('check', 'rules', 'faultline.rules.yml');
  t.equal(r.status, 0, r.stdout + r.stderr);
  t.match(r.stdout, /SUCCESS: \d+ rules found/);
});

t.test('promtool test rules: every alert fires on its pattern and not on the look-alike', async (t) => {
  const r = promtool('test', 'rules', 'faultline.rules.test.yml');
  t.equal(r.status, 0, r.stdout + r.stderr);
  const tests = readFileSync(join(rulesDir, 'faultline.rules.test.yml'), 'utf8');
  const alerts = (
    parseYaml(readFileSync(join(rulesDir, 'faultline.rules.yml'), 'utf8')) as { groups: { rules: { alert?: string }[] }[] }
  ).groups
    .flatMap((g) => g.rules)
    .flatMap((x) => (x.alert ? [x.alert] : []));
  for (const a of alerts) t.match(tests, new RegExp(`alertname: ${a}\\b`), `${a} has a unit test`);
});

t.test('every alert has a runbook, a runbook_url section in docs/runbooks.md, a summary and a severity', async (t) => {
  const doc = readFileSync(join(repo, 'docs/runbooks.md'), 'utf8');
  const groups = (
    parseYaml(readFileSync(join(rulesDir, 'faultline.rules.yml'), 'utf8')) as {
      groups: { rules: { alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
    }
  ).groups;
  for (const rule of groups.flatMap((g) => g.rules).filter((x) => x.alert)) {
    t.ok((rule.annotations?.runbook ?? '').length > 40, `${rule.alert}: runbook says what to look at`);
    t.ok(rule.annotations?.summary, `${rule.alert}: summary`);
    t.ok(['critical', 'warning', 'info'].includes(rule.labels?.severity ?? ''), `${rule.alert}: severity`);
    t.equal(rule.annotations?.runbook_url, `docs/runbooks.md#${rule.alert?.toLowerCase()}`);
    t.match(doc, new RegExp(`^## ${rule.alert}$`, 'm'), `${rule.alert}: section in docs/runbooks.md`);
  }
});

t.test('docs/runbooks.md is what deploy/prometheus/runbooks.mjs renders from the rules', async (t) => {
  const { render } = (await import(join(repo, 'deploy/prometheus/runbooks.mjs'))) as { render(): string };
  t.equal(readFileSync(join(repo, 'docs/runbooks.md'), 'utf8'), render(), 'up to date (node deploy/prometheus/runbooks.mjs)');
});

t.test('the checks can fail: a broken rule and a wrong expectation are refused', async (t) => {
  writeFileSync(
    join(dir, 'broken.rules.yml'),
    'groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: sum by (kind (rate(faultline_analyses_total[5m]))\n',
  );
  const broken = spawnSync(PROMTOOL, ['check', 'rules', join(dir, 'broken.rules.yml')], { encoding: 'utf8' });
  t.not(broken.status, 0, 'a rule that does not parse is refused');
  copyFileSync(join(rulesDir, 'faultline.rules.yml'), join(dir, 'faultline.rules.yml'));
  writeFileSync(
    join(dir, 'wrong.test.yml'),
    [
      'rule_files: [faultline.rules.yml]',
      'evaluation_interval: 1m',
      'tests:',
      '  - interval: 1m',
      '    input_series:',
      '      - series: \'faultline_findings_total{category="network_failure"}\'',
      "        values: '0+30x400'",
      '    alert_rule_test:',
      '      - eval_time: 6h25m',
      '        alertname: FaultlineFailureRateSpike',
      '        exp_alerts:',
      '          - exp_labels: {severity: warning, category: network_failure}',
      '',
    ].join('\n'),
  );
  const wrong = spawnSync(PROMTOOL, ['test', 'rules', 'wrong.test.yml'], { cwd: dir, encoding: 'utf8' });
  t.not(wrong.status, 0, 'a steady rate expected to spike fails the unit test');
});
