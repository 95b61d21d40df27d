-- The audit log and the analysis errors by month (issue 19): both grow with every analysis and
-- were one unpartitioned part list each, so their lifetime (TTL, set by the store at open from
-- FAULTLINE_RETENTION_AUDIT_DAYS / _ANALYSES_DAYS) rewrote whole parts to drop a day of rows.
-- Partitioned by the month of the time their TTL counts from, an expired month leaves as whole
-- parts, and a read of a time range (the audit listing, the re-run selection's recent errors)
-- prunes the other months. Sorting keys unchanged. Existing rows move: a new table is filled
-- from the old one (INSERT ... SELECT), exchanged, the old one dropped; re-running this file
-- after a failure part-way through starts again from the first statement and ends in the same state.

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
