#!/usr/bin/env node
/**
 * Reads the TAP that `npm test` printed and says what ran: `.ci/run` prints this report.
 *
 *   node .ci/tap-report.mjs LOG [--readme README.md] [--machine NAME]
 *
 * - Counts: the sum of tap's per-run summaries (`# { total: N, pass: P, fail: F, skip: S, todo: T }`,
 *   keys in any order, missing keys 0).
 * - Skips: every test point `ok N - NAME # SKIP REASON`, at any depth, listed with its reason
 *   (the name when a skip gives none).
 * - A skip of a real part (the native Kafka client, Kafka, the schema registry, ClickHouse,
 *   Prometheus, Grafana, a browser, Python and its SDK suite — recognised by words in its name or reason) is an error
 *   unless the README allows it on this machine: a line
 *     - `allow-skip MACHINE-GLOB /REGEX/` — why
 *   where MACHINE-GLOB (`*`, `?`) matches the machine (--machine, else $FAULTLINE_CI_MACHINE,
 *   else the host name) and REGEX matches "NAME: REASON". A line without a why allows nothing.
 *
 * Prints the report, then, as its last line, `P F S D` (passed, failed, skipped, disallowed
 * skips) for the caller. Exits 1 when a test failed or a skip is disallowed, else 0.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';

/** Real parts a test may skip, first match wins (the native client before Kafka). */
export const REAL_PARTS = [
  ['native Kafka client', /confluent|librdkafka|native kafka|kafka-javascript/i],
  ['Kafka', /\bkafka/i],
  ['schema registry', /registry/i],
  ['ClickHouse', /clickhouse|chdb/i],
  ['Prometheus', /prometheus|promtool/i],
  ['Grafana', /grafana/i],
  ['browser', /browser|chrom(e|ium)|playwright|puppeteer|firefox/i],
  // The Python SDK's pytest suite (test/service/python-sdk.test.ts reports its skips this way).
  ['Python', /\bpython\b|pytest|gymnasium/i],
];

/** Sums the summaries and lists the skips of a TAP log. */
export function parseTap(text) {
  const counts = { total: 0, pass: 0, fail: 0, skip: 0, todo: 0 };
  let summaries = 0;
  const skips = [];
  for (const line of text.split('\n')) {
    const summary = /^# \{ (total: \d+.*) \}\s*$/.exec(line);
    if (summary) {
      summaries++;
      for (const [, key, n] of (summary[1] ?? '').matchAll(/(\w+): (\d+)/g)) {
        if (key in counts) counts[key] += Number(n);
      }
      continue;
    }
    const skip = /^\s*ok \d+(?: - (.*?))? # SKIP\b:?\s*(.*)$/.exec(line);
    if (skip) {
      const name = (skip[1] ?? '').replace(/ # time=[\d.]+m?s$/, '').trim();
      const reason = (skip[2] ?? '').replace(/ # time=[\d.]+m?s$/, '').trim();
      skips.push({ name, reason: reason || name });
    }
  }
  return { counts, summaries, skips };
}

/** The allow-skip lines of a README: machine glob, pattern, why. */
export function parseAllowances(readme) {
  const out = [];
  for (const line of readme.split('\n')) {
    const m = /^\s*[-*] `allow-skip (\S+) \/(.+)\/`\s*(?:—|--|-|:)\s*(\S.*)$/.exec(line);
    if (m) out.push({ machine: m[1], pattern: new RegExp(m[2], 'i'), why: m[3].trim() });
  }
  return out;
}

const globToRegExp = (glob) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );

/** Each skip with the real part it concerns (or none) and the allowance that covers it (or none). */
export function judgeSkips(skips, allowances, machine) {
  return skips.map((s) => {
    const text = `${s.name}: ${s.reason}`;
    const part = REAL_PARTS.find(([, re]) => re.test(text))?.[0];
    const allowed = part ? allowances.find((a) => globToRegExp(a.machine).test(machine) && a.pattern.test(text)) : undefined;
    return { ...s, part, allowed };
  });
}

function main(argv) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const log = argv[0];
  if (!log) {
    console.error('usage: node .ci/tap-report.mjs LOG [--readme README.md] [--machine NAME]');
    return 2;
  }
  const machine = arg('--machine') || process.env.FAULTLINE_CI_MACHINE || hostname();
  const { counts, summaries, skips } = parseTap(readFileSync(log, 'utf8'));
  const readme = arg('--readme') ?? new URL('../README.md', import.meta.url);
  const judged = judgeSkips(skips, parseAllowances(readFileSync(readme, 'utf8')), machine);
  const disallowed = judged.filter((s) => s.part && !s.allowed);

  console.log(
    `tap: ${summaries} runs, ${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped, ${counts.todo} todo`,
  );
  if (judged.length) {
    console.log(`skipped tests (${judged.length}), machine "${machine}":`);
    for (const s of judged) {
      const verdict = !s.part
        ? ''
        : s.allowed
          ? ` [${s.part}: allowed here by README: ${s.allowed.why}]`
          : ` [${s.part}: NOT ALLOWED on this machine]`;
      console.log(`  - ${s.name}: ${s.reason}${verdict}`);
    }
  }
  if (disallowed.length) {
    console.log(
      `${disallowed.length} skip(s) of a real part that README.md ("Allowed skips") does not allow on "${machine}": CI fails`,
    );
  }
  console.log(`${counts.pass} ${counts.fail} ${counts.skip} ${disallowed.length}`);
  return counts.fail > 0 || disallowed.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
