-- Failure groups (issue 15 item 1): a group is a fingerprint within an org.
--
-- fingerprints_hourly (0007) is sorted fingerprint-first: "the groups active in a window" would
-- read the org's whole history. Two tables make the listing cost follow the window:
--   groups_hourly       org × hour × fingerprint × kind × category × factor × severity → failures
--                       (hour-first: the window's groups, their counts and sparklines)
--   fingerprint_groups  org × fingerprint → first seen, last seen, the masked template (signature),
--                       kind, code, category, factor, severity of its latest failure (one row per
--                       group after merges: the page's groups by key)
-- and one written by people:
--   group_status        org × fingerprint → resolved | ignored | open, when and by whom (newest wins)
--
-- Both rollups are maintained by ClickHouse from inserts into analyses, with 0007's idempotence:
-- an analyses row says what it changes (rollup_change 0 nothing — a redelivery or a re-analysis
-- with the same outcome; 1 first seen; 2 replaces the previous analysis, kept in prev_*).
-- groups_hourly counts −1 for the previous values and +1 for the new, like fingerprints_hourly.
-- fingerprint_groups keeps only min/max/latest values, which a repeated row cannot change, so it
-- takes the new values of rows 1 and 2 (a subject that leaves a group by re-analysis does not
-- move its first/last seen back: they say when the group was first and last seen at all).
-- Only failures count (a primary finding; an analysis without findings is no group).
--
-- Existing data moves: the views are created, the tables emptied and filled from analyses FINAL
-- (as 0007 does). Re-running this file after a failure part-way through ends in the same state.
-- Lifetimes (TTL) are set by the store at open (FAULTLINE_RETENTION_ROLLUPS_DAYS).

CREATE TABLE IF NOT EXISTS {db}.groups_hourly
(
    org_id               LowCardinality(String),
    hour                 DateTime('UTC'),
    fingerprint          String,
    subject_kind         LowCardinality(String),
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    severity             LowCardinality(String),
    failures             Int64,
    stored_at            SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = SummingMergeTree(failures)
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, hour, fingerprint, subject_kind, category, contributing_factor, severity);

CREATE TABLE IF NOT EXISTS {db}.fingerprint_groups
(
    org_id               LowCardinality(String),
    fingerprint          String,
    subject_kind         SimpleAggregateFunction(anyLast, LowCardinality(String)),
    signature            SimpleAggregateFunction(anyLast, String),
    primary_code         SimpleAggregateFunction(anyLast, LowCardinality(String)),
    category             SimpleAggregateFunction(anyLast, LowCardinality(String)),
    contributing_factor  SimpleAggregateFunction(anyLast, LowCardinality(String)),
    severity             SimpleAggregateFunction(anyLast, LowCardinality(String)),
    first_seen           SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_seen            SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    stored_at            SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY (org_id, fingerprint);

CREATE TABLE IF NOT EXISTS {db}.group_status
(
    org_id       LowCardinality(String),
    fingerprint  String,
    status       LowCardinality(String),
    set_at       DateTime64(3, 'UTC'),
    actor        String,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, fingerprint);

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.groups_hourly_mv TO {db}.groups_hourly AS
SELECT org_id, toStartOfHour(occurred_at) AS hour, if(sign > 0, fingerprint, prev_fingerprint) AS fingerprint, subject_kind,
    if(sign > 0, category, prev_category) AS category,
    if(sign > 0, contributing_factor, prev_contributing_factor) AS contributing_factor,
    if(sign > 0, severity, prev_severity) AS severity,
    toInt64(sign) AS failures, now() AS stored_at
FROM {db}.analyses
ARRAY JOIN multiIf(rollup_change = 1, [1], rollup_change = 2, [1, -1], []) AS sign
WHERE if(sign > 0, primary_code, prev_primary_code) != '';

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.fingerprint_groups_mv TO {db}.fingerprint_groups AS
SELECT org_id, fingerprint, subject_kind, signature, primary_code, category, contributing_factor, severity,
    occurred_at AS first_seen, occurred_at AS last_seen, now() AS stored_at
FROM {db}.analyses
WHERE rollup_change IN (1, 2) AND primary_code != '';

TRUNCATE TABLE {db}.groups_hourly;

TRUNCATE TABLE {db}.fingerprint_groups;

INSERT INTO {db}.groups_hourly
SELECT org_id, toStartOfHour(occurred_at), fingerprint, subject_kind, category, contributing_factor, severity, count(), now()
FROM {db}.analyses FINAL WHERE primary_code != ''
GROUP BY ALL;

INSERT INTO {db}.fingerprint_groups
SELECT org_id, fingerprint, argMax(subject_kind, occurred_at), any(signature), argMax(primary_code, occurred_at),
    argMax(category, occurred_at), argMax(contributing_factor, occurred_at), argMax(severity, occurred_at),
    min(occurred_at), max(occurred_at), now()
FROM {db}.analyses FINAL WHERE primary_code != ''
GROUP BY org_id, fingerprint;
