-- The failures list (issue 16): GET /api/episodes, /api/traces, /api/logs, newest first, with
-- keyset pagination on (occurred_at, subject_id) that stays cheap at a million rows per org.
--
-- analyses is sorted by (org, kind, id) for the id lookups; a newest-first page of it would sort
-- every analysis of the org. failure_list holds one narrow row per analysis version, sorted by
-- (org, kind, occurred_at, id): a page reads the newest granules of its org and kind in order and
-- stops at the page size (ClickHouse's read-in-order), and a cursor is a range of that key.
-- A subject's occurred_at is fixed by its first analysis (tables/analyses.ts), so every version of
-- a subject has the same sorting key and ReplacingMergeTree(version) keeps the newest; until a
-- merge does, the read keeps the newest per key itself (LIMIT 1 BY after ORDER BY ... version DESC)
-- before it filters, so a filter never matches a replaced version.
-- Filled by a materialized view from inserts into analyses, and once from analyses FINAL here.
-- Its lifetime is the analyses' (FAULTLINE_RETENTION_ANALYSES_DAYS, set by the store at open).

CREATE TABLE IF NOT EXISTS {db}.failure_list
(
    org_id               LowCardinality(String),
    subject_kind         LowCardinality(String),
    occurred_at          DateTime64(3, 'UTC'),
    subject_id           String,
    version              UInt64,
    analyzed_at          DateTime64(3, 'UTC'),
    analyzer_version     LowCardinality(String),
    robot_id             String,
    service              String,
    fingerprint          String,
    primary_code         LowCardinality(String),
    title                String,
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    severity             LowCardinality(String),
    confidence           Float32,
    confidence_band      LowCardinality(String),
    findings_count       UInt16
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, subject_kind, occurred_at, subject_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.failure_list_mv TO {db}.failure_list AS
SELECT org_id, subject_kind, occurred_at, subject_id, version, analyzed_at, analyzer_version, robot_id, service, fingerprint,
    primary_code, JSONExtractString(findings, 1, 'title') AS title, category, contributing_factor, severity, confidence,
    if(primary_code = '', '', JSONExtractString(findings, 1, 'confidence_band')) AS confidence_band,
    toUInt16(length(finding_codes)) AS findings_count
FROM {db}.analyses;

TRUNCATE TABLE {db}.failure_list;

INSERT INTO {db}.failure_list
SELECT org_id, subject_kind, occurred_at, subject_id, version, analyzed_at, analyzer_version, robot_id, service, fingerprint,
    primary_code, JSONExtractString(findings, 1, 'title'), category, contributing_factor, severity, confidence,
    if(primary_code = '', '', JSONExtractString(findings, 1, 'confidence_band')), toUInt16(length(finding_codes))
FROM {db}.analyses FINAL;
