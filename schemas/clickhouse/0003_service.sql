-- API keys: only the SHA-256 of a key is stored. A revoked key keeps its row (revoked = 1).
CREATE TABLE IF NOT EXISTS {db}.api_keys
(
    key_hash    String,
    key_id      String,
    org_id      LowCardinality(String),
    role        LowCardinality(String),
    label       String,
    created_at  DateTime64(3, 'UTC'),
    revoked     UInt8 DEFAULT 0,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY key_hash;

-- Every analysis (failure_analysis.completed / failure_analysis.errored) and every admin action.
CREATE TABLE IF NOT EXISTS {db}.audit_log
(
    at            DateTime64(3, 'UTC'),
    org_id        LowCardinality(String),
    action        LowCardinality(String),
    actor         String,
    subject_kind  LowCardinality(String),
    subject_id    String,
    metadata      String
)
ENGINE = MergeTree
ORDER BY (org_id, at, subject_id);

-- Batch runs (manual and scheduled) and their summaries (the seed's FR-007).
CREATE TABLE IF NOT EXISTS {db}.runs
(
    run_id        String,
    org_id        LowCardinality(String),
    trigger       LowCardinality(String),
    status        LowCardinality(String),
    requested_by  String,
    started_at    DateTime64(3, 'UTC'),
    finished_at   Nullable(DateTime64(3, 'UTC')),
    summary       String,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY run_id;
