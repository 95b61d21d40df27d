/**
 * The synthetic fleet the load tests fill ClickHouse with (store-scale.js, groups.js,
 * console-list.js): failed episodes' analyses, and optionally their findings, inserted inside chdb
 * by `INSERT … SELECT` from a row source the caller writes, so millions of rows take minutes.
 * Invariants: rows are inserted as the store's writer inserts a first analysis (version 1,
 * `rollup_change = 1`), so every materialized view on `analyses` fires as in production (or, with
 * `insertFailuresFast`, the rollup views are detached and their tables written once from the
 * same rows: the same contents, `store-scale.js --check`); the row
 * source yields one row per failure with the columns `subject_id`, `at`, `robot_id`,
 * `fingerprint`, `code`, `category`, `factor`, `severity` and `analyzer_version`; an analysis has
 * one finding (its primary), in the JSON shape the store keeps.
 */

/** `[x, y, …]` of column `i` of a table of rule codes (code, category, factor, severity), for `arrayElement`. */
export const column = (codes, i) => `[${codes.map((c) => `'${c[i]}'`).join(',')}]`;

/** Calls `fn(from, n)` for consecutive chunks of at most `chunk` rows covering [from, to). */
export async function inChunks(from, to, chunk, fn) {
  for (let at = from; at < to; at += chunk) await fn(at, Math.min(chunk, to - at));
}

/**
 * Inserts the analyses of `rows` (a SELECT, see the module comment) for `org`, and their findings
 * when `findings` is true. `signature` is the SQL of the masked template (default the code).
 */
export async function insertFailures(store, { org, rows, signature = 'code', findings = true }) {
  const db = store.database;
  await store.client.command({
    query: `INSERT INTO ${db}.analyses (org_id, subject_kind, subject_id, analyzer_version, analyzed_at, occurred_at, robot_id, service,
        fingerprint, signature, primary_code, category, contributing_factor, severity, confidence, finding_codes, findings, pattern,
        source, rule_errors, version, rollup_change)
      SELECT '${org}', 'episode', subject_id, analyzer_version, at, at, robot_id, '', fingerprint, ${signature}, code,
        category, factor, severity, 0.8, [code],
        concat('[{"code":"', code, '","title":"', code, ' on ', robot_id, '","description":"', code, '","category":"', category,
          '","contributing_factor":"', factor, '","severity":"', severity,
          '","confidence":0.8,"confidence_band":"high","evidence":{"episode":"', subject_id, '"},"suggested_action":"check ', factor,
          '"}]'),
        '', 'heuristic', '', 1, 1
      FROM (${rows})`,
  });
  if (!findings) return;
  await store.client.command({
    query: `INSERT INTO ${db}.findings (org_id, subject_kind, subject_id, code, rank, category, contributing_factor, severity, confidence,
        confidence_band, fingerprint, robot_id, service, occurred_at, analyzed_at, analyzer_version, version, is_deleted)
      SELECT '${org}', 'episode', subject_id, code, 0, category, factor, severity, 0.8, 'high', fingerprint, robot_id, '', at, at,
        analyzer_version, 1, 0
      FROM (${rows})`,
  });
}

/**
 * The views on `analyses` whose target a fast fill rebuilds instead of letting the view fire:
 * for each, the target's columns and how the view's rows of many inserts combine into one row per
 * the target's key — what the target's engine does to them at a merge (SummingMergeTree sums,
 * SimpleAggregateFunction columns take their function). Views on `analyses` not named here stay
 * attached and fire as usual (failure_list_mv writes one row per analysis: nothing to combine).
 */
const REBUILT_VIEWS = {
  rollup_hourly_mv: {
    target: 'rollup_hourly',
    columns: `rollup, org_id, lead, hour, fingerprint, subject_kind, category, contributing_factor, severity, code, analyzer_version,
      subjects, failures, stored_at`,
    combine: `rollup, org_id, lead, hour, fingerprint, subject_kind, category, contributing_factor, severity, code, analyzer_version,
      sum(subjects), sum(failures), max(stored_at)`,
    key: '`rollup`, org_id, lead, hour, fingerprint, subject_kind, category, contributing_factor, severity, code, analyzer_version',
  },
  fingerprint_groups_mv: {
    target: 'fingerprint_groups',
    columns: `org_id, fingerprint, subject_kind, signature, primary_code, category, contributing_factor, severity, first_seen,
      last_seen, stored_at`,
    combine: `org_id, fingerprint, anyLast(subject_kind), anyLast(signature), anyLast(primary_code), anyLast(category),
      anyLast(contributing_factor), anyLast(severity), min(first_seen), max(last_seen), max(stored_at)`,
    key: 'org_id, fingerprint',
  },
};

/** The SELECT of a materialized view on `analyses`, as ClickHouse keeps it (it reads `${db}.analyses` once). */
async function viewSelect(store, view) {
  const db = store.database;
  const [row] = await store.rows('SELECT as_select FROM system.tables WHERE database = {db:String} AND name = {view:String}', {
    db,
    view,
  });
  const from = `FROM ${db}.analyses`;
  if (row?.as_select.split(from).length !== 2) throw new Error(`view ${db}.${view}: expected one "${from}" in its SELECT`);
  return row.as_select;
}

/**
 * Inserts like `insertFailures` the chunks `inChunksOf` hands to its callback (one row source
 * each), with the views of REBUILT_VIEWS detached, then writes each view's target once: the
 * view's own SELECT over the analyses `filled` selects (a WHERE condition: the rows this call
 * inserted), grouped by the target's key as its engine would merge them. The targets then hold
 * what the views would have written, merged (`store-scale.js --check` compares both fills row by
 * row). The views are attached again after, also on failure; a process killed part-way leaves
 * the rollups short of the analyses, which `rollupsMatch` sees. One call's rows are grouped in
 * memory at once: callers keep a call to about 10 M rows.
 */
export async function insertFailuresFast(store, { org, signature = 'code', filled, inChunksOf }) {
  const db = store.database;
  const views = await store.rows(
    `SELECT arrayJoin(dependencies_table) AS v FROM system.tables WHERE database = {db:String} AND name = 'analyses'`,
    { db },
  );
  const detached = views.map((r) => r.v).filter((v) => v in REBUILT_VIEWS);
  const selects = Object.fromEntries(await Promise.all(detached.map(async (v) => [v, await viewSelect(store, v)])));
  for (const v of detached) await store.client.command({ query: `DETACH TABLE ${db}.${v}` });
  try {
    await inChunksOf((rows) => insertFailures(store, { org, rows, signature }));
  } finally {
    for (const v of detached) await store.client.command({ query: `ATTACH TABLE ${db}.${v}` });
  }
  for (const v of detached) {
    const { target, columns, combine, key } = REBUILT_VIEWS[v];
    const rows = `(SELECT * FROM ${db}.analyses WHERE ${filled})`;
    await store.client.command({
      query: `INSERT INTO ${db}.${target} (${columns})
        SELECT ${combine} FROM (${selects[v].replace(`FROM ${db}.analyses`, `FROM ${rows}`)}) GROUP BY ${key}`,
    });
  }
}

/** Whether the versions rollup counts every analysis of `org` (false after a fast fill that died part-way). */
export async function rollupsMatch(store, org) {
  const db = store.database;
  const [r] = await store.rows(
    `SELECT (SELECT sum(subjects) FROM ${db}.analyses_by_version WHERE org_id = {org:String}) AS counted,
       (SELECT count() FROM ${db}.analyses FINAL WHERE org_id = {org:String}) AS stored`,
    { org },
  );
  return { counted: Number(r.counted), stored: Number(r.stored), ok: Number(r.counted) === Number(r.stored) };
}
