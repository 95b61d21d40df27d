-- Input records kept for joins, re-analysis and batch runs. Every text is redacted before it is written.
-- ReplacingMergeTree: a redelivered or re-sent record replaces its earlier row (idempotent writes).

CREATE TABLE IF NOT EXISTS {db}.episodes
(
    org_id       LowCardinality(String),
    episode_id   String,
    robot_id     String,
    source       LowCardinality(String),
    status       LowCardinality(String),
    started_at   Nullable(DateTime64(3, 'UTC')),
    ended_at     Nullable(DateTime64(3, 'UTC')),
    duration_s   Nullable(Float64),
    metadata     String CODEC(ZSTD(3)),
    updated_at   DateTime64(3, 'UTC'),
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, episode_id);

-- The per-robot history of successful durations (the duration_anomaly rule's baseline).
-- is_deleted = 1 when an episode that had succeeded is later marked failed.
CREATE TABLE IF NOT EXISTS {db}.robot_success_durations
(
    org_id       LowCardinality(String),
    robot_id     String,
    episode_id   String,
    finished_at  DateTime64(3, 'UTC'),
    duration_s   Float64,
    version      UInt64,
    is_deleted   UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (org_id, robot_id, episode_id);

CREATE TABLE IF NOT EXISTS {db}.eval_results
(
    org_id                LowCardinality(String),
    eval_run_id           String,
    candidate_episode_id  String,
    baseline_episode_id   String,
    success_delta         Nullable(Float64),
    reward_delta          Nullable(Float64),
    metrics               String,
    received_at           DateTime64(3, 'UTC'),
    version               UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, candidate_episode_id, eval_run_id);

CREATE TABLE IF NOT EXISTS {db}.verification_results
(
    org_id                LowCardinality(String),
    scenario_id           String,
    candidate_episode_id  String,
    status                LowCardinality(String),
    message               String,
    received_at           DateTime64(3, 'UTC'),
    version               UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, candidate_episode_id, scenario_id);

-- Traces and logs as received, redacted (prompts and completions removed, secrets masked,
-- huge logs cut to head and tail), so that batch runs can re-analyze them.
CREATE TABLE IF NOT EXISTS {db}.traces
(
    org_id       LowCardinality(String),
    trace_id     String,
    service      String,
    timestamp    DateTime64(3, 'UTC'),
    span_count   UInt32,
    payload      String CODEC(ZSTD(3)),
    received_at  DateTime64(3, 'UTC'),
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, trace_id);

CREATE TABLE IF NOT EXISTS {db}.logs
(
    org_id           LowCardinality(String),
    log_id           String,
    timestamp        DateTime64(3, 'UTC'),
    experiment_type  String,
    error_message    String CODEC(ZSTD(3)),
    logs             String CODEC(ZSTD(3)),
    code_snippet     String CODEC(ZSTD(3)),
    received_at      DateTime64(3, 'UTC'),
    version          UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, log_id);
