-- Dimensions of runs for the fleet insight (issue 15 item 2): what failing runs have in common.
--
-- episodes.tags   the episode record's tags, as sent (redacted), read back with the episode.
-- run_dims        one row per (org, kind, subject) of every finished run the store knows the outcome
--                 of: failed episodes and traces with their analysis (outcome 'failure', the primary
--                 finding's category, factor and fingerprint) and succeeded episodes (outcome
--                 'success'), with the run's tags. The writer of a subject's row reads the previous
--                 row (FINAL) first: occurred_at is fixed by the first row (a re-analysis or an outcome
--                 change stays in its partition and hour), and rollup_change says what the row changes
--                 in the rollup, as in 0007 (0 nothing: a redelivery or the same outcome and tags;
--                 1 first seen; 2 replaces the previous outcome/tags kept in prev_*).
-- tags_hourly     org × kind × hour × tag key × tag value × outcome × category × factor → runs, kept
--                 by ClickHouse from inserts into run_dims (a materialized view). Every run also counts
--                 once under the empty key ('', ''), so the rollup knows the totals of runs, tagged or
--                 not. A redelivery never double-counts (rollup_change).
--
-- Existing data moves: run_dims is filled from analyses FINAL (episode and trace failures, with the
-- episode's tags where the episode is stored) and from the succeeded episodes, then the rollup from
-- run_dims FINAL. Re-running this file after a failure part-way through starts again from the first
-- statement and ends in the same state. Lifetimes (TTL) are set by the store at open.

ALTER TABLE {db}.episodes ADD COLUMN IF NOT EXISTS tags Map(String, String) DEFAULT map();

DROP VIEW IF EXISTS {db}.tags_hourly_mv SYNC;

DROP TABLE IF EXISTS {db}.tags_hourly SYNC;

DROP TABLE IF EXISTS {db}.run_dims SYNC;

CREATE TABLE {db}.run_dims
(
    org_id                    LowCardinality(String),
    subject_kind              LowCardinality(String),
    subject_id                String,
    occurred_at               DateTime64(3, 'UTC'),
    outcome                   LowCardinality(String),
    category                  LowCardinality(String),
    contributing_factor       LowCardinality(String),
    fingerprint               String,
    tags                      Map(LowCardinality(String), String),
    stored_at                 DateTime('UTC') DEFAULT now(),
    version                   UInt64,
    rollup_change             Int8 DEFAULT 0,
    prev_outcome              LowCardinality(String) DEFAULT '',
    prev_category             LowCardinality(String) DEFAULT '',
    prev_contributing_factor  LowCardinality(String) DEFAULT '',
    prev_tags                 Map(LowCardinality(String), String) DEFAULT map(),
    INDEX fingerprint_idx fingerprint TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, subject_kind, subject_id);

CREATE TABLE {db}.tags_hourly
(
    org_id               LowCardinality(String),
    subject_kind         LowCardinality(String),
    hour                 DateTime('UTC'),
    tag_key              LowCardinality(String),
    tag_value            String,
    outcome              LowCardinality(String),
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    runs                 Int64,
    stored_at            SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = SummingMergeTree(runs)
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, subject_kind, hour, tag_key, tag_value, outcome, category, contributing_factor);

CREATE MATERIALIZED VIEW {db}.tags_hourly_mv TO {db}.tags_hourly AS
SELECT org_id, subject_kind, toStartOfHour(occurred_at) AS hour, tag.1 AS tag_key, tag.2 AS tag_value,
    if(sign > 0, outcome, prev_outcome) AS outcome,
    if(sign > 0, category, prev_category) AS category,
    if(sign > 0, contributing_factor, prev_contributing_factor) AS contributing_factor,
    toInt64(sign) AS runs, now() AS stored_at
FROM {db}.run_dims
ARRAY JOIN multiIf(rollup_change = 1, [1], rollup_change = 2, [1, -1], []) AS sign
ARRAY JOIN arrayPushFront(arrayZip(mapKeys(if(sign > 0, tags, prev_tags)), mapValues(if(sign > 0, tags, prev_tags))),
    tuple('', '')) AS tag;

INSERT INTO {db}.run_dims (org_id, subject_kind, subject_id, occurred_at, outcome, category, contributing_factor, fingerprint,
    tags, version)
SELECT a.org_id, a.subject_kind, a.subject_id, a.occurred_at, 'failure', a.category, a.contributing_factor, a.fingerprint,
    if(a.subject_kind = 'episode', e.tags, CAST(map(), 'Map(String, String)')), a.version
FROM (SELECT * FROM {db}.analyses FINAL WHERE subject_kind IN ('episode', 'trace')) AS a
LEFT JOIN (SELECT org_id, episode_id, tags FROM {db}.episodes FINAL) AS e
    ON e.org_id = a.org_id AND e.episode_id = a.subject_id
SETTINGS join_use_nulls = 0;

INSERT INTO {db}.run_dims (org_id, subject_kind, subject_id, occurred_at, outcome, category, contributing_factor, fingerprint,
    tags, version)
SELECT org_id, 'episode', episode_id, coalesce(started_at, ended_at, updated_at), 'success', '', '', '', tags, version
FROM {db}.episodes FINAL
WHERE status = 'succeeded';

INSERT INTO {db}.tags_hourly
SELECT org_id, subject_kind, toStartOfHour(occurred_at), tag.1, tag.2, outcome, category, contributing_factor, count(), now()
FROM {db}.run_dims FINAL
ARRAY JOIN arrayPushFront(arrayZip(mapKeys(tags), mapValues(tags)), tuple('', '')) AS tag
GROUP BY ALL;
