-- Issue 19, continued: the audit log and the analysis errors by month, and every analysis in
-- failures_hourly (below).
--
-- audit_log and analysis_errors grow with every analysis and were one unpartitioned part list
-- each, so their lifetime (TTL, set by the store at open from FAULTLINE_RETENTION_AUDIT_DAYS /
-- _ANALYSES_DAYS) rewrote whole parts to drop a day of rows. Partitioned by the month of the time
-- their TTL counts from, an expired month leaves as whole parts, and a read of a time range
-- prunes the other months. Sorting keys unchanged. Existing rows move: a new table is filled from
-- the old one (INSERT ... SELECT), exchanged, the old one dropped. Re-running this file after a
-- failure part-way through starts again from the first statement and ends in the same state.

DROP TABLE IF EXISTS {db}.audit_log_next SYNC;

CREATE TABLE {db}.audit_log_next
(
    at            DateTime64(3, 'UTC'),
    org_id        LowCardinality(String),
    action        LowCardinality(String),
    actor         String,
    subject_kind  LowCardinality(String),
    subject_id    String,
    metadata      String,
    audit_id      String DEFAULT toString(cityHash64(at, org_id, action, actor, subject_kind, subject_id, metadata))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (org_id, at, subject_id);

INSERT INTO {db}.audit_log_next (at, org_id, action, actor, subject_kind, subject_id, metadata, audit_id)
SELECT at, org_id, action, actor, subject_kind, subject_id, metadata, audit_id FROM {db}.audit_log;

EXCHANGE TABLES {db}.audit_log AND {db}.audit_log_next;

DROP TABLE {db}.audit_log_next SYNC;

DROP TABLE IF EXISTS {db}.analysis_errors_next SYNC;

CREATE TABLE {db}.analysis_errors_next
(
    org_id            LowCardinality(String),
    subject_kind      LowCardinality(String),
    subject_ref       String,
    error_kind        LowCardinality(String),
    step              LowCardinality(String),
    reason            String,
    run_id            String,
    analyzer_version  LowCardinality(String),
    occurred_at       DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, occurred_at, subject_ref);

INSERT INTO {db}.analysis_errors_next (org_id, subject_kind, subject_ref, error_kind, step, reason, run_id, analyzer_version, occurred_at)
SELECT org_id, subject_kind, subject_ref, error_kind, step, reason, run_id, analyzer_version, occurred_at FROM {db}.analysis_errors;

EXCHANGE TABLES {db}.analysis_errors AND {db}.analysis_errors_next;

DROP TABLE {db}.analysis_errors_next SYNC;

-- failures_hourly counts every analysis, those without a finding as code '' (they were left out,
-- so a panel counting analyses by category could not read the rollup and stay equal to the
-- analyses table): the view loses its filter, and the analyses without a finding already
-- stored are added once (the guard: no code '' row exists yet — the old view never wrote one,
-- and nothing writes during a migration — so a re-run after a failure does not add them twice).
-- Trends of findings read the rollup with code != ''.
DROP TABLE IF EXISTS {db}.failures_hourly_mv SYNC;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.failures_hourly_mv TO {db}.failures_hourly AS
SELECT org_id, toStartOfHour(occurred_at) AS hour, subject_kind,
    if(sign > 0, category, prev_category) AS category,
    if(sign > 0, contributing_factor, prev_contributing_factor) AS contributing_factor,
    if(sign > 0, severity, prev_severity) AS severity,
    if(sign > 0, primary_code, prev_primary_code) AS code,
    toInt64(sign) AS failures, now() AS stored_at
FROM {db}.analyses
ARRAY JOIN multiIf(rollup_change = 1, [1], rollup_change = 2, [1, -1], []) AS sign;

INSERT INTO {db}.failures_hourly
SELECT org_id, toStartOfHour(occurred_at), subject_kind, category, contributing_factor, severity, '', count(), now()
FROM {db}.analyses FINAL
WHERE primary_code = '' AND (SELECT count() FROM {db}.failures_hourly WHERE code = '') = 0
GROUP BY ALL;
