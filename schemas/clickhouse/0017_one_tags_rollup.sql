-- One tags rollup fed by one view (issue 18): the insert cost of the views on run_dims.
--
-- Every materialized view runs its own pipeline and writes its own part on every insert, whatever
-- the insert holds (load-tests/README.md, "Fourth landing": a run_dims insert cost ~14-19 ms of CPU
-- without its views and ~43-46 with them). 0009's tags_hourly and 0012's fingerprint_tags_hourly
-- kept the same signed changes of run_dims by different keys into two SummingMergeTrees; they
-- become one table, tags_rollup_hourly, with a column saying which rollup a row belongs to, fed by
-- one view (tags_rollup_hourly_mv) that writes both rollups' rows of an insert in one part:
--   rollup        'runs'          org × kind × hour × tag key × value × outcome × category × factor
--                                 → n runs (every run; fingerprint ''), was tags_hourly.runs
--                 'fingerprints'  org × kind × fingerprint × hour × tag key × value × category × factor
--                                 → n failures (failures only; outcome 'failure'), was
--                                 fingerprint_tags_hourly.failures
-- The sorting key is (rollup, org, kind, fingerprint, hour, …): a 'runs' read is its org's and
-- kind's hours, a 'fingerprints' read of one fingerprint one index range, as before. Every run also
-- counts under the empty key ('', ''), the totals, as before.
-- The two old names stay, as plain views (SELECT … WHERE rollup = '…') with their old columns: the
-- store's reads (tables/dims.ts) and an analyst's queries keep working unchanged.
--
-- Idempotence is 0009's and 0012's: a run_dims row says what it changes (rollup_change 0 nothing;
-- 1 first seen: +1; 2 replaces the previous outcome, category, factor, fingerprint and tags kept in
-- prev_*: −1 for the previous values, +1 for the new), and the view writes exactly those signed rows
-- for each rollup, as the two views did.
-- Lifetime: the rollups' (FAULTLINE_RETENTION_ROLLUPS_DAYS), a TTL set by the store at open.
--
-- Existing data moves from the two old tables, each guarded by "this rollup holds no row yet", then
-- the old views and tables are dropped and the plain views created. Nothing writes during a
-- migration. Re-running this file after a failure part-way through ends in the same state (a
-- rollup already moved is not moved again; a plain view that exists is kept), unless it failed
-- between dropping an old table and creating its plain view: then the data had already moved, and
-- re-running from that view's CREATE VIEW statement on finishes it.

CREATE TABLE IF NOT EXISTS {db}.tags_rollup_hourly
(
    rollup               LowCardinality(String),
    org_id               LowCardinality(String),
    subject_kind         LowCardinality(String),
    fingerprint          String,
    hour                 DateTime('UTC'),
    tag_key              LowCardinality(String),
    tag_value            String,
    outcome              LowCardinality(String),
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    n                    Int64,
    stored_at            SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = SummingMergeTree(n)
PARTITION BY toYYYYMM(hour)
ORDER BY (rollup, org_id, subject_kind, fingerprint, hour, tag_key, tag_value, outcome, category, contributing_factor);

DROP TABLE IF EXISTS {db}.tags_hourly_mv SYNC;

DROP TABLE IF EXISTS {db}.fingerprint_tags_hourly_mv SYNC;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.tags_rollup_hourly_mv TO {db}.tags_rollup_hourly AS
SELECT rollup, org_id, subject_kind,
    if(rollup = 'fingerprints', s_fingerprint, '') AS fingerprint,
    hour, tag.1 AS tag_key, tag.2 AS tag_value,
    s_outcome AS outcome, s_category AS category, s_factor AS contributing_factor,
    toInt64(sign) AS n, now() AS stored_at
FROM
(
    SELECT org_id, subject_kind, toStartOfHour(occurred_at) AS hour, sign,
        if(sign > 0, outcome, prev_outcome) AS s_outcome,
        if(sign > 0, category, prev_category) AS s_category,
        if(sign > 0, contributing_factor, prev_contributing_factor) AS s_factor,
        if(sign > 0, fingerprint, prev_fingerprint) AS s_fingerprint,
        if(sign > 0, tags, prev_tags) AS s_tags
    FROM {db}.run_dims
    ARRAY JOIN multiIf(rollup_change = 1, [1], rollup_change = 2, [1, -1], []) AS sign
)
ARRAY JOIN arrayPushFront(arrayZip(mapKeys(s_tags), mapValues(s_tags)), tuple('', '')) AS tag
ARRAY JOIN ['runs', 'fingerprints'] AS rollup
WHERE rollup = 'runs' OR s_outcome = 'failure';

INSERT INTO {db}.tags_rollup_hourly
SELECT 'runs', org_id, subject_kind, '', hour, tag_key, tag_value, outcome, category, contributing_factor, runs, stored_at
FROM {db}.tags_hourly
WHERE (SELECT count() FROM {db}.tags_rollup_hourly WHERE rollup = 'runs') = 0;

INSERT INTO {db}.tags_rollup_hourly
SELECT 'fingerprints', org_id, subject_kind, fingerprint, hour, tag_key, tag_value, 'failure', category, contributing_factor,
    failures, stored_at
FROM {db}.fingerprint_tags_hourly
WHERE (SELECT count() FROM {db}.tags_rollup_hourly WHERE rollup = 'fingerprints') = 0;

DROP TABLE IF EXISTS {db}.tags_hourly SYNC;

CREATE VIEW IF NOT EXISTS {db}.tags_hourly AS
SELECT org_id, subject_kind, hour, tag_key, tag_value, outcome, category, contributing_factor, n AS runs, stored_at
FROM {db}.tags_rollup_hourly WHERE rollup = 'runs';

DROP TABLE IF EXISTS {db}.fingerprint_tags_hourly SYNC;

CREATE VIEW IF NOT EXISTS {db}.fingerprint_tags_hourly AS
SELECT org_id, subject_kind, fingerprint, hour, tag_key, tag_value, category, contributing_factor, n AS failures, stored_at
FROM {db}.tags_rollup_hourly WHERE rollup = 'fingerprints';
