/**
 * The synthetic fleet the load tests fill ClickHouse with (store-scale.js, groups.js,
 * console-list.js): failed episodes' analyses, and optionally their findings, inserted inside chdb
 * by `INSERT … SELECT` from a row source the caller writes, so millions of rows take minutes.
 * Invariants: rows are inserted as the store's writer inserts a first analysis (version 1,
 * `rollup_change = 1`), so every materialized view on `analyses` fires as in production; the row
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
