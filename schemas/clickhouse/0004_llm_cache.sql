-- LLM answers cached per failure pattern: one call per (fingerprint, analyzer version,
-- provider, model), so a fleet repeating one failure costs one call, not thousands.
-- Survives restarts; a newer row for the same key replaces the older one.
CREATE TABLE IF NOT EXISTS {db}.llm_cache
(
    cache_key         String,
    fingerprint       String,
    analyzer_version  LowCardinality(String),
    provider          LowCardinality(String),
    model             LowCardinality(String),
    answer            String CODEC(ZSTD(3)),
    input_tokens      UInt32,
    output_tokens     UInt32,
    created_at        DateTime64(3, 'UTC'),
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY cache_key;
