-- Cheaper parts to write and to merge (issue 18; load-tests/README.md, "ClickHouse's CPU by kind").
--
-- 1. No automatic column statistics. ClickHouse 25.x+ builds statistics ('basic, uniq_v2' by
--    default: min/max, a count of distinct values) for every suitable column of every part a merge
--    writes (materialize_statistics_on_merge), hashing every value of the big text columns again
--    at each merge level. No read of the store uses them: every read is by its ORDER BY key or
--    partition, and a statistic only chooses how a query is run, never what it returns. A server
--    that does not know the setting builds no statistics: the migration runner skips a MODIFY
--    SETTING of a MergeTree setting the server does not have (migrations.ts).
-- 2. ZSTD(1) instead of ZSTD(3) for the large text columns (a record's JSON, an analysis's findings
--    and pattern, a log's texts): every insert compresses them and every merge decompresses and
--    compresses them again; on the benchmark's records level 1 stores them within ~7% of level 3's
--    bytes (analyses) and the same (logs, traces). Only the codec changes: ClickHouse rewrites no
--    part for it (a part keeps the codec it was written with until a merge rewrites it), the
--    columns' types and defaults are unchanged.
-- 3. merge_selector_base = 10 (ClickHouse's default 5) on the tables every batch writes a part
--    into (the records, the analyses and what is derived from them per subject): fewer, wider
--    merges, each row rewritten fewer times, for about twice the parts between merges (a read with
--    FINAL or by key reads a few more parts; what it returns is the same). The dashboards' tables
--    (failure_list and the rollups) and the small ones keep the default. The CLI's temporary store
--    still sets 25 on every table at open (Store.open's mergeSelectorBase).
-- Re-running this file ends in the same state.

ALTER TABLE {db}.episodes MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.robot_success_durations MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.eval_results MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.verification_results MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.traces MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.logs MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.analyses MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.findings MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.analysis_errors MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.api_keys MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.audit_log MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.runs MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.llm_cache MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.failure_list MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.fingerprint_groups MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.group_status MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.run_dims MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.rollup_hourly MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.revoked_sessions MODIFY SETTING auto_statistics_types = '';
ALTER TABLE {db}.tags_rollup_hourly MODIFY SETTING auto_statistics_types = '';

ALTER TABLE {db}.episodes MODIFY COLUMN metadata CODEC(ZSTD(1));
ALTER TABLE {db}.traces MODIFY COLUMN payload CODEC(ZSTD(1));
ALTER TABLE {db}.logs MODIFY COLUMN error_message CODEC(ZSTD(1));
ALTER TABLE {db}.logs MODIFY COLUMN logs CODEC(ZSTD(1));
ALTER TABLE {db}.logs MODIFY COLUMN code_snippet CODEC(ZSTD(1));
ALTER TABLE {db}.analyses MODIFY COLUMN findings CODEC(ZSTD(1));
ALTER TABLE {db}.analyses MODIFY COLUMN pattern CODEC(ZSTD(1));
ALTER TABLE {db}.analyses MODIFY COLUMN llm CODEC(ZSTD(1));
ALTER TABLE {db}.llm_cache MODIFY COLUMN answer CODEC(ZSTD(1));

ALTER TABLE {db}.episodes MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.robot_success_durations MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.eval_results MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.verification_results MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.traces MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.logs MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.analyses MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.findings MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.analysis_errors MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.audit_log MODIFY SETTING merge_selector_base = 10;
ALTER TABLE {db}.run_dims MODIFY SETTING merge_selector_base = 10;
