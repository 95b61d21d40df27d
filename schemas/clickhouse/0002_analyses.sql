-- One analysis per subject: re-analysis writes a newer version of the same row.
CREATE TABLE IF NOT EXISTS {db}.analyses
(
    org_id               LowCardinality(String),
    subject_kind         LowCardinality(String),
    subject_id           String,
    analyzer_version     LowCardinality(String),
    analyzed_at          DateTime64(3, 'UTC'),
    occurred_at          DateTime64(3, 'UTC'),
    robot_id             String,
    service              String,
    fingerprint          String,
    signature            String,
    primary_code         LowCardinality(String),
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    severity             LowCardinality(String),
    confidence           Float32,
    finding_codes        Array(String),
    findings             String CODEC(ZSTD(3)),
    pattern              String CODEC(ZSTD(3)),
    source               LowCardinality(String),
    rule_errors          String,
    version              UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, subject_kind, subject_id);

-- Flattened findings for trends: one row per (subject, finding code). A re-analysis
-- rewrites its codes and tombstones (is_deleted = 1) codes that no longer fire, so
-- `FROM findings FINAL` never double-counts a subject.
CREATE TABLE IF NOT EXISTS {db}.findings
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
ORDER BY (org_id, subject_kind, subject_id, code);

-- Everything that did not become a stored analysis, with the subject reference and a
-- human-readable reason: rejections, output validation failures, time-outs, rule errors.
CREATE TABLE IF NOT EXISTS {db}.analysis_errors
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
ORDER BY (org_id, occurred_at, subject_ref);
