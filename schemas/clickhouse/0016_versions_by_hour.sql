-- The version rollup's rows dated by their hour (issue 18): one part per insert into rollup_hourly
-- instead of two.
--
-- 0013's view wrote the 'versions' rows (org × kind × analyzer version → subjects) at hour
-- 1970-01-01, so every insert into analyses wrote its rollup rows into two partitions of
-- rollup_hourly (PARTITION BY toYYYYMM(hour)): the month of its analyses and 197001, two parts
-- where one would do. A part costs the same whatever it holds (a few milliseconds of CPU to write
-- its dozen files, and later merges): load-tests/README.md, "Fourth landing".
-- Now the view dates a 'versions' row by the hour of its analysis (occurred_at, fixed by the
-- subject's first analysis, tables/analyses.ts), as the other rollups' rows: they go in the same
-- part. A version's count is the sum over its rows, whatever their hour (analyses_by_version, the
-- store's stale counts: unchanged); the rows written before this migration keep hour 1970-01-01
-- and keep counting; a re-analysis's −1 lands in the hour of its subject, so the sums stay exact.
-- Lifetime: unchanged (TTL on stored_at; the 'versions' rows keep the analyses' lifetime, and an
-- hour's row now expires once its hour is no longer written for that long).
-- Only the view changes (nothing writes during a migration). Re-running this file ends in the same state.

DROP TABLE IF EXISTS {db}.rollup_hourly_mv SYNC;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.rollup_hourly_mv TO {db}.rollup_hourly AS
SELECT rollup, org_id,
    if(rollup = 'fingerprints', s_fingerprint, '') AS lead,
    toStartOfHour(occurred_at) AS hour,
    if(rollup IN ('fingerprints', 'groups'), s_fingerprint, '') AS fingerprint,
    subject_kind,
    if(rollup = 'versions', '', s_category) AS category,
    if(rollup = 'versions', '', s_factor) AS contributing_factor,
    if(rollup = 'versions', '', s_severity) AS severity,
    if(rollup IN ('failures', 'fingerprints'), s_code, '') AS code,
    if(rollup = 'versions', s_version, '') AS analyzer_version,
    toInt64(sign) AS subjects,
    toInt64(if(rollup = 'versions', 0, if(rollup = 'failures' OR s_code != '', sign, 0))) AS failures,
    now() AS stored_at
FROM
(
    SELECT org_id, subject_kind, occurred_at, sign,
        if(sign > 0, fingerprint, prev_fingerprint) AS s_fingerprint,
        if(sign > 0, category, prev_category) AS s_category,
        if(sign > 0, contributing_factor, prev_contributing_factor) AS s_factor,
        if(sign > 0, severity, prev_severity) AS s_severity,
        if(sign > 0, primary_code, prev_primary_code) AS s_code,
        if(sign > 0, analyzer_version, prev_analyzer_version) AS s_version
    FROM {db}.analyses
    ARRAY JOIN multiIf(rollup_change = 1, [1], rollup_change = 2, [1, -1], []) AS sign
)
ARRAY JOIN ['failures', 'fingerprints', 'groups', 'versions'] AS rollup
WHERE rollup != 'groups' OR s_code != '';
