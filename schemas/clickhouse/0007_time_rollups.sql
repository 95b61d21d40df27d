-- Reads whose cost follows the window, not the history (issue 19).
--
-- analyses and findings are partitioned by month of occurrence (a subject's occurred_at is fixed
-- by its first stored analysis, so a re-analysis replaces its row in the same partition and the
-- same sorting key). findings are sorted by (org, hour, ...): a trend for a window reads that
-- window's granules. analyses keep (org, kind, id) for the id lookups, with skipping indexes on
-- analyzer_version and fingerprint.
--
-- Rollups, maintained by ClickHouse from inserts into analyses (materialized views):
--   failures_hourly      org × hour × kind × category × factor × severity × code → failures (trends)
--   fingerprints_hourly  org × fingerprint × hour × kind × category × factor × severity × code
--                        → subjects, failures (trends by fingerprint, groups, sparklines, peers)
--   analyses_by_version  org × kind × analyzer version → subjects (stale gauge, re-run selection)
-- Each rollup row keeps when it was last written (stored_at), which its lifetime counts from: a
-- backfill of old records is counted, and a count lives as long as it is being updated.
-- Re-deliveries never double-count: each analyses row says what it changes in the rollups
-- (rollup_change: 0 nothing — a redelivery or a re-analysis with the same outcome; 1 first seen —
-- +1; 2 replaces the previous analysis — −1 for the previous values kept in prev_*, +1 for the new).
-- The writer reads the previous analysis (FINAL) before it writes, and one insert carries both the
-- new row and its delta, so the rollups change exactly when the row does.
--
-- Existing data moves: the new tables are filled from the old ones (INSERT ... SELECT), exchanged,
-- the old ones dropped; the rollups are then filled from analyses FINAL. Re-running this file after
-- a failure part-way through starts again from the first statement and ends in the same state.
-- Lifetimes (TTL) are set by the store at open from the configuration (FAULTLINE_RETENTION_*).

DROP TABLE IF EXISTS {db}.analyses_next SYNC;

CREATE TABLE {db}.analyses_next
(
    org_id                    LowCardinality(String),
    subject_kind              LowCardinality(String),
    subject_id                String,
    analyzer_version          LowCardinality(String),
    analyzed_at               DateTime64(3, 'UTC'),
    occurred_at               DateTime64(3, 'UTC'),
    robot_id                  String,
    service                   String,
    fingerprint               String,
    signature                 String,
    primary_code              LowCardinality(String),
    category                  LowCardinality(String),
    contributing_factor       LowCardinality(String),
    severity                  LowCardinality(String),
    confidence                Float32,
    finding_codes             Array(String),
    findings                  String CODEC(ZSTD(3)),
    pattern                   String CODEC(ZSTD(3)),
    source                    LowCardinality(String),
    rule_errors               String,
    llm                       String DEFAULT '' CODEC(ZSTD(3)),
    version                   UInt64,
    rollup_change             Int8 DEFAULT 0,
    prev_fingerprint          String DEFAULT '',
    prev_primary_code         LowCardinality(String) DEFAULT '',
    prev_category             LowCardinality(String) DEFAULT '',
    prev_contributing_factor  LowCardinality(String) DEFAULT '',
    prev_severity             LowCardinality(String) DEFAULT '',
    prev_analyzer_version     LowCardinality(String) DEFAULT '',
    INDEX analyzer_version_idx analyzer_version TYPE set(64) GRANULARITY 4,
    INDEX fingerprint_idx fingerprint TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, subject_kind, subject_id);

INSERT INTO {db}.analyses_next (org_id, subject_kind, subject_id, analyzer_version, analyzed_at, occurred_at, robot_id, service,
    fingerprint, signature, primary_code, category, contributing_factor, severity, confidence, finding_codes, findings, pattern,
    source, rule_errors, llm, version)
SELECT org_id, subject_kind, subject_id, analyzer_version, analyzed_at, occurred_at, robot_id, service,
    fingerprint, signature, primary_code, category, contributing_factor, severity, confidence, finding_codes, findings, pattern,
    source, rule_errors, llm, version
FROM {db}.analyses;

EXCHANGE TABLES {db}.analyses AND {db}.analyses_next;

DROP TABLE {db}.analyses_next SYNC;

DROP TABLE IF EXISTS {db}.findings_next SYNC;

CREATE TABLE {db}.findings_next
(
    org_id               LowCardinality(String),
    subject_kind         LowCardinality(String),
    subject_id           String,
    code                 LowCardinality(String),
    rank                 UInt8,
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    severity             LowCardinality(String),
    confidence           Float32,
    confidence_band      LowCardinality(String),
    fingerprint          String,
    robot_id             String,
    service              String,
    occurred_at          DateTime64(3, 'UTC'),
    analyzed_at          DateTime64(3, 'UTC'),
    analyzer_version     LowCardinality(String),
    version              UInt64,
    is_deleted           UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, toStartOfHour(occurred_at), subject_kind, subject_id, code);

INSERT INTO {db}.findings_next SELECT * FROM {db}.findings;

EXCHANGE TABLES {db}.findings AND {db}.findings_next;

DROP TABLE {db}.findings_next SYNC;

CREATE TABLE IF NOT EXISTS {db}.failures_hourly
(
    org_id               LowCardinality(String),
    hour                 DateTime('UTC'),
    subject_kind         LowCardinality(String),
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    severity             LowCardinality(String),
    code                 LowCardinality(String),
    failures             Int64,
    stored_at            SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = SummingMergeTree(failures)
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, hour, subject_kind, category, contributing_factor, severity, code);

CREATE TABLE IF NOT EXISTS {db}.fingerprints_hourly
(
    org_id               LowCardinality(String),
    fingerprint          String,
    hour                 DateTime('UTC'),
    subject_kind         LowCardinality(String),
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    severity             LowCardinality(String),
    code                 LowCardinality(String),
    subjects             Int64,
    failures             Int64,
    stored_at            SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = SummingMergeTree((subjects, failures))
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, fingerprint, hour, subject_kind, category, contributing_factor, severity, code);

CREATE TABLE IF NOT EXISTS {db}.analyses_by_version
(
    org_id            LowCardinality(String),
    subject_kind      LowCardinality(String),
    analyzer_version  LowCardinality(String),
    subjects          Int64,
    stored_at         SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = SummingMergeTree(subjects)
ORDER BY (org_id, subject_kind, analyzer_version);

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.failures_hourly_mv TO {db}.failures_hourly AS
SELECT org_id, toStartOfHour(occurred_at) AS hour, subject_kind,
    if(sign > 0, category, prev_category) AS category,
    if(sign > 0, contributing_factor, prev_contributing_factor) AS contributing_factor,
    if(sign > 0, severity, prev_severity) AS severity,
    if(sign > 0, primary_code, prev_primary_code) AS code,
    toInt64(sign) AS failures, now() AS stored_at
FROM {db}.analyses
ARRAY JOIN multiIf(rollup_change = 1, [1], rollup_change = 2, [1, -1], []) AS sign
WHERE if(sign > 0, primary_code, prev_primary_code) != '';

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.fingerprints_hourly_mv TO {db}.fingerprints_hourly AS
SELECT org_id, if(sign > 0, fingerprint, prev_fingerprint) AS fingerprint, toStartOfHour(occurred_at) AS hour, subject_kind,
    if(sign > 0, category, prev_category) AS category,
    if(sign > 0, contributing_factor, prev_contributing_factor) AS contributing_factor,
    if(sign > 0, severity, prev_severity) AS severity,
    if(sign > 0, primary_code, prev_primary_code) AS code,
    toInt64(sign) AS subjects,
    toInt64(if(if(sign > 0, primary_code, prev_primary_code) != '', sign, 0)) AS failures, now() AS stored_at
FROM {db}.analyses
ARRAY JOIN multiIf(rollup_change = 1, [1], rollup_change = 2, [1, -1], []) AS sign;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.analyses_by_version_mv TO {db}.analyses_by_version AS
SELECT org_id, subject_kind, if(sign > 0, analyzer_version, prev_analyzer_version) AS analyzer_version,
    toInt64(sign) AS subjects, now() AS stored_at
FROM {db}.analyses
ARRAY JOIN multiIf(rollup_change = 1, [1], rollup_change = 2, [1, -1], []) AS sign;

TRUNCATE TABLE {db}.failures_hourly;

TRUNCATE TABLE {db}.fingerprints_hourly;

TRUNCATE TABLE {db}.analyses_by_version;

INSERT INTO {db}.failures_hourly
SELECT org_id, toStartOfHour(occurred_at), subject_kind, category, contributing_factor, severity, primary_code, count(), now()
FROM {db}.analyses FINAL WHERE primary_code != ''
GROUP BY ALL;

INSERT INTO {db}.fingerprints_hourly
SELECT org_id, fingerprint, toStartOfHour(occurred_at), subject_kind, category, contributing_factor, severity, primary_code,
    count(), countIf(primary_code != ''), now()
FROM {db}.analyses FINAL
GROUP BY ALL;

INSERT INTO {db}.analyses_by_version
SELECT org_id, subject_kind, analyzer_version, count(), now()
FROM {db}.analyses FINAL
GROUP BY ALL;

