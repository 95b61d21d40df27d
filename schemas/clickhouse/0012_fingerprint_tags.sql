-- The fleet insight for one fingerprint (GET /api/insights/dimensions?fingerprint=), from a rollup
-- instead of run_dims FINAL (issue 15 item 2; 0009 read the fingerprint's failures from run_dims,
-- 2.9 s p95 on a million runs in the window).
--
-- fingerprint_tags_hourly  org × kind × fingerprint × hour × tag key × value × category × factor
--                          → failures, sorted by fingerprint first: one fingerprint's window is one
--                          index range. Failures only (the baseline stays tags_hourly). Every failure
--                          also counts under the empty key ('', ''), the fingerprint's total.
-- Kept by ClickHouse from inserts into run_dims (a materialized view), with 0009's rollup_change:
-- run_dims now keeps the previous fingerprint too (prev_fingerprint), and the writer counts a
-- change of fingerprint as a change (2: −1 for the previous fingerprint, +1 for the new one).
-- Existing data: the rollup is filled once from run_dims FINAL. Re-running this file after a
-- failure part-way through ends in the same state. Lifetime: the rollups' (set by the store at open).

ALTER TABLE {db}.run_dims ADD COLUMN IF NOT EXISTS prev_fingerprint String DEFAULT '';

DROP VIEW IF EXISTS {db}.fingerprint_tags_hourly_mv SYNC;

DROP TABLE IF EXISTS {db}.fingerprint_tags_hourly SYNC;

CREATE TABLE {db}.fingerprint_tags_hourly
(
    org_id               LowCardinality(String),
    subject_kind         LowCardinality(String),
    fingerprint          String,
    hour                 DateTime('UTC'),
    tag_key              LowCardinality(String),
    tag_value            String,
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    failures             Int64,
    stored_at            SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = SummingMergeTree(failures)
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, subject_kind, fingerprint, hour, tag_key, tag_value, category, contributing_factor);

CREATE MATERIALIZED VIEW {db}.fingerprint_tags_hourly_mv TO {db}.fingerprint_tags_hourly AS
SELECT org_id, subject_kind, if(sign > 0, fingerprint, prev_fingerprint) AS fingerprint, toStartOfHour(occurred_at) AS hour,
    tag.1 AS tag_key, tag.2 AS tag_value,
    if(sign > 0, category, prev_category) AS category,
    if(sign > 0, contributing_factor, prev_contributing_factor) AS contributing_factor,
    toInt64(sign) AS failures, now() AS stored_at
FROM {db}.run_dims
ARRAY JOIN multiIf(rollup_change = 1, [1], rollup_change = 2, [1, -1], []) AS sign
ARRAY JOIN arrayPushFront(arrayZip(mapKeys(if(sign > 0, tags, prev_tags)), mapValues(if(sign > 0, tags, prev_tags))),
    tuple('', '')) AS tag
WHERE if(sign > 0, outcome, prev_outcome) = 'failure';

INSERT INTO {db}.fingerprint_tags_hourly
SELECT org_id, subject_kind, fingerprint, toStartOfHour(occurred_at), tag.1, tag.2, category, contributing_factor, count(), now()
FROM {db}.run_dims FINAL
ARRAY JOIN arrayPushFront(arrayZip(mapKeys(tags), mapValues(tags)), tuple('', '')) AS tag
WHERE outcome = 'failure'
GROUP BY ALL;
