#!/usr/bin/env node
/**
 * The steps that make a new blind set (issue 13 item 4), as the sessions since the fourteenth ran
 * them by hand, in the order they run:
 *
 *   node test/accuracy/blind-set.js used [FILE...] > used-sources.txt
 *       every source any labelled set already uses (github owner/repo, lower case; else host + path),
 *       plus those of FILE..., and the former names of used repositories (renamed-repos.js): what
 *       collectors must not take from.
 *   node test/accuracy/blind-set.js check [--used used-sources.txt] FILE...
 *       the collected files before anything else reads them: every line JSON with the fields a case
 *       needs (evaluate.js auditCases), a taxonomy pair, kind, slice; ids and sources unique here and
 *       against every labelled set; no repository already used, none with more than 2 cases, none in
 *       two files (then kept in the file that sorts first: the others' cases are listed to drop);
 *       the search tool's post header line ("<user> · <description> · <date>") is not page text.
 *       Exit 1 when anything is wrong; every problem is printed, the check goes on past a bad line.
 *   node test/accuracy/blind-set.js prep NAME OUT_DIR FILE...
 *       the second labeller's input: OUT_DIR/NAME-texts.jsonl (opaque shuffled ids, kind and text
 *       only: no source, label, note or original id) and OUT_DIR/NAME-map.json (opaque id -> id,
 *       never shown to the labeller).
 *   node test/accuracy/blind-set.js merge NAME OUT_DIR
 *       OUT_DIR/NAME-labels.jsonl (the labeller's {id, expected, note}) back under the original ids:
 *       OUT_DIR/NAME-second.jsonl, the lines agreement/second-labeller.jsonl takes. Fails naming an
 *       opaque id the map does not know; prints the ids left unlabelled.
 *   node test/accuracy/blind-set.js entry NAME COMMIT REPORT_OUTPUT FILE...
 *       after the one measurement (`node test/accuracy/report.js > REPORT_OUTPUT`): the sets.json
 *       entry of the set made of FILE... (blind/…), its "first" counts summed over the files.
 *
 * Invariants: nothing here runs the analyzer or reads its answers (a set is checked, split and
 * labelled twice before it is measured); `entry` only adds up what report.js printed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ACCURACY_DIR, auditCases, loadCases, SLICES } from './evaluate.js';
import { shuffled } from './learning.js';
import { CURRENT_NAME, RENAMED_REPOS } from './renamed-repos.js';

/** Every labelled file of test/accuracy: development set, held-out sets, blind sets (pending ones too). */
export function labelledFiles(dir = ACCURACY_DIR) {
  return ['cases', 'holdout', 'blind', 'blind-pending'].flatMap((sub) => {
    try {
      return readdirSync(join(dir, sub))
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => join(dir, sub, f));
    } catch {
      return [];
    }
  });
}

/**
 * A source's key: a GitHub owner/repo in lower case (".git" dropped; a former name read as the
 * current one, renamed-repos.js), else the address's host + path.
 */
export function sourceKey(source) {
  const s = String(source ?? '');
  const m = s.match(/github\.com\/([^/\s]+)\/([^/\s#?]+)/i);
  if (m) {
    const repo = `${m[1]}/${m[2]}`.toLowerCase().replace(/\.git$/, '');
    return CURRENT_NAME.get(repo) ?? repo;
  }
  try {
    const u = new URL(s);
    return `${u.host}${u.pathname}`.toLowerCase();
  } catch {
    return s.toLowerCase();
  }
}

/** The lines of a JSONL file as cases; a line that is not JSON becomes a problem, never a stop. */
export function readCases(path, problems) {
  const out = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        out.push({ ...JSON.parse(line), file: basename(path), fileLine: i + 1 });
      } catch (err) {
        problems.push(`${basename(path)}:${i + 1}: not JSON (${err.message})`);
      }
    });
  return out;
}

/** The search tool's header of a post: "<user> · <description> · <date>", alone on its line. */
const POST_HEADER = /^[^\n·]{1,80} · [^\n]{0,300} · \d{4}-\d{2}-\d{2}[^\n]{0,40}$/m;

/**
 * Checks collected files (paths) against each other, the labelled sets (`existing`: cases already
 * labelled) and the used sources (a Set of sourceKey). Returns { problems, drop, counts }: `drop`
 * are the ids of cases whose repository is also in a file sorting first (decided before measuring:
 * that file keeps it).
 */
export function checkFiles(paths, { existing = [], used = new Set() } = {}) {
  const problems = [];
  const files = [...paths].sort((a, b) => (basename(a) < basename(b) ? -1 : 1));
  const byFile = files.map((p) => ({ path: p, cases: readCases(p, problems) }));
  const all = byFile.flatMap((f) => f.cases);
  problems.push(...auditCases(all));
  const knownIds = new Set(existing.map((c) => c.id));
  const knownSources = new Set(existing.map((c) => c.source));
  const sources = new Set();
  const repoFile = new Map();
  const repoCount = new Map();
  const drop = [];
  const counts = {};
  for (const { path, cases } of byFile) {
    const f = basename(path);
    const c = (counts[f] = { cases: cases.length, slices: {}, kinds: {} });
    for (const x of cases) {
      const where = `${f}:${x.fileLine}`;
      c.slices[x.slice] = (c.slices[x.slice] ?? 0) + 1;
      c.kinds[x.kind] = (c.kinds[x.kind] ?? 0) + 1;
      if (!SLICES.includes(x.slice)) problems.push(`${where}: slice must be one of ${SLICES.join(', ')} (${x.slice})`);
      if (knownIds.has(x.id)) problems.push(`${where}: id ${x.id} is already a labelled case's`);
      if (knownSources.has(x.source) || sources.has(x.source)) problems.push(`${where}: source ${x.source} used twice`);
      sources.add(x.source);
      if (typeof x.text === 'string' && POST_HEADER.test(x.text))
        problems.push(`${where}: the text holds a search tool's post header line (not page text): remove it`);
      const repo = sourceKey(x.source);
      if (used.has(repo)) problems.push(`${where}: ${repo} is used by an earlier set`);
      const first = repoFile.get(repo);
      if (first === undefined) repoFile.set(repo, f);
      else if (first !== f) {
        drop.push(x.id);
        continue;
      }
      repoCount.set(repo, (repoCount.get(repo) ?? 0) + 1);
    }
  }
  for (const [repo, n] of repoCount) if (n > 2) problems.push(`${repo}: ${n} cases (at most 2 a repository)`);
  return { problems, drop, counts };
}

/** A string's FNV-1a hash: the shuffle's seed (the same set gives the same opaque ids). */
function seedOf(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}

/** The second labeller's input and the private map (see the module comment). */
export function prep(name, outDir, paths) {
  const problems = [];
  const cases = shuffled(
    paths.flatMap((p) => readCases(p, problems)),
    seedOf(name),
  );
  if (problems.length) throw new Error(problems.join('\n'));
  const map = {};
  const lines = cases.map((c, i) => {
    const opaque = `${name}-x${String(i).padStart(3, '0')}`;
    map[opaque] = c.id;
    return JSON.stringify({ id: opaque, kind: c.kind, text: c.text });
  });
  writeFileSync(join(outDir, `${name}-texts.jsonl`), `${lines.join('\n')}\n`);
  writeFileSync(join(outDir, `${name}-map.json`), `${JSON.stringify(map, null, 0)}\n`);
  return cases.length;
}

/** The second labels under the original ids; throws naming an unknown opaque id. */
export function merge(name, outDir) {
  const map = JSON.parse(readFileSync(join(outDir, `${name}-map.json`), 'utf8'));
  const problems = [];
  const rows = readCases(join(outDir, `${name}-labels.jsonl`), problems);
  if (problems.length) throw new Error(problems.join('\n'));
  const seen = new Set();
  const out = rows.map((r) => {
    if (!Object.hasOwn(map, r.id))
      throw new Error(`${name}-labels.jsonl:${r.fileLine}: ${r.id} is not an id of ${name}-map.json`);
    if (seen.has(r.id)) throw new Error(`${name}-labels.jsonl:${r.fileLine}: ${r.id} labelled twice`);
    seen.add(r.id);
    const e = r.expected ?? {};
    return JSON.stringify({
      id: map[r.id],
      expected: { category: e.category, contributing_factor: e.contributing_factor },
      note: r.note ?? '',
    });
  });
  writeFileSync(join(outDir, `${name}-second.jsonl`), `${out.join('\n')}\n`);
  return { labelled: out.length, missing: Object.keys(map).filter((k) => !seen.has(k)) };
}

/** The sets.json entry: each file's "first" counts (report.js's output) summed. */
export function entry(name, commit, reportText, files) {
  const keys = ['cases', 'category', 'category_factor', 'confident', 'confident_right', 'unknown'];
  const add = (a, b) => {
    for (const k of keys) a[k] = (a[k] ?? 0) + (b[k] ?? 0);
  };
  const first = {
    date: null,
    commit,
    cases: 0,
    category: 0,
    category_factor: 0,
    confident: 0,
    confident_right: 0,
    unknown: 0,
    slices: {},
  };
  const found = new Set();
  let current = null;
  for (const line of reportText.split('\n')) {
    const f = files.find((x) => line.startsWith(`${x} `));
    if (f && / cases: category /.test(line)) current = f;
    const m = line.match(/^\s+"first": (\{.*\})\s*$/);
    if (m && current) {
      const x = JSON.parse(m[1]);
      first.date = x.date;
      add(first, x);
      for (const [s, v] of Object.entries(x.slices ?? {})) add((first.slices[s] ??= {}), v);
      found.add(current);
      current = null;
    }
  }
  const missing = files.filter((f) => !found.has(f));
  if (missing.length) throw new Error(`no first figures in the report for ${missing.join(', ')}`);
  return { name, files, tuned_on: false, first };
}

function main(argv) {
  const [cmd, ...rest] = argv;
  const opt = (flag) => {
    const i = rest.indexOf(flag);
    if (i < 0) return undefined;
    const v = rest[i + 1];
    rest.splice(i, 2);
    return v;
  };
  if (cmd === 'used') {
    const keys = new Set();
    for (const p of [...labelledFiles(), ...rest.map((p) => resolve(p))])
      for (const c of readCases(p, [])) keys.add(sourceKey(c.source));
    // A used repository's former names too: a collector greps this list for the name it found.
    for (const [old, current] of RENAMED_REPOS) if (keys.has(current)) keys.add(old);
    process.stdout.write(`${[...keys].sort().join('\n')}\n`);
    return 0;
  }
  if (cmd === 'check') {
    const usedFile = opt('--used');
    const paths = rest.map((p) => resolve(p));
    const mine = new Set(paths);
    const existing = labelledFiles()
      .filter((p) => !mine.has(p))
      .flatMap((p) => loadCases(dirname(p), (n) => n === basename(p)));
    const used = new Set(
      usedFile
        ? readFileSync(usedFile, 'utf8')
            .split('\n')
            .map((l) => l.trim().toLowerCase())
            .filter(Boolean)
        : existing.map((c) => sourceKey(c.source)),
    );
    const { problems, drop, counts } = checkFiles(paths, { existing, used });
    for (const [f, c] of Object.entries(counts))
      console.log(`${f}: ${c.cases} cases ${JSON.stringify(c.slices)} ${JSON.stringify(c.kinds)}`);
    if (drop.length) console.log(`drop (repository also in a file sorting first): ${drop.join(' ')}`);
    console.log(problems.length ? problems.join('\n') : 'no problems');
    return problems.length ? 1 : 0;
  }
  if (cmd === 'prep') {
    const [name, outDir, ...paths] = rest;
    console.log(`${prep(name, outDir, paths)} cases -> ${join(outDir, `${name}-texts.jsonl`)}`);
    return 0;
  }
  if (cmd === 'merge') {
    const [name, outDir] = rest;
    const { labelled, missing } = merge(name, outDir);
    console.log(
      `${labelled} labels -> ${join(outDir, `${name}-second.jsonl`)}; unlabelled: ${missing.length ? missing.join(' ') : 'none'}`,
    );
    return missing.length ? 1 : 0;
  }
  if (cmd === 'entry') {
    const [name, commit, report, ...files] = rest;
    console.log(JSON.stringify(entry(name, commit, readFileSync(report, 'utf8'), files), null, 1));
    return 0;
  }
  console.error('usage: blind-set.js used|check|prep|merge|entry … (see the comment at the top of test/accuracy/blind-set.js)');
  return 2;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
