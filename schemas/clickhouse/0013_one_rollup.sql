-- One rollup table fed by one view (issue 19): the insert cost of the views on analyses.
--
-- Every materialized view on analyses runs its own pipeline and writes its own part on every
-- insert. Four of them (0007's failures_hourly, fingerprints_hourly and analyses_by_version,
-- 0008's groups_hourly) kept the same signed changes by different keys into SummingMergeTrees.
-- They become one table, rollup_hourly, with a column saying which rollup a row belongs to, fed by
-- one view (rollup_hourly_mv) that writes every rollup's rows of an insert in one part:
--   rollup        'failures'      org × hour × kind × category × factor × severity × code → failures
--                                 (every analysis; code '' for those without a finding, as 0010)
--                 'fingerprints'  org × fingerprint × hour × kind × category × factor × severity × code
--                                 → subjects, failures (sorted fingerprint-first: peers, counts before)
--                 'groups'        org × hour × fingerprint × kind × category × factor × severity
--                                 → failures (failures only)
--                 'versions'      org × kind × analyzer version → subjects (hour is 1970-01-01)
--   lead          the fingerprint in 'fingerprints' rows, '' in the others: the sorting key is
--                 (rollup, org, lead, hour, …), so a 'fingerprints' read of one fingerprint is one
--                 index range and the hour-first rollups read their window's hours.
-- The four old names stay, as plain views (SELECT … WHERE rollup = '…') with their old columns:
-- the store's reads, the dashboards' panels and an analyst's queries keep working unchanged, and
-- ClickHouse pushes their filters into the table's sorting key.
--
-- Idempotence is 0007's: an analyses row says what it changes (rollup_change 0 nothing — a
-- redelivery or a re-analysis with the same outcome; 1 first seen: +1; 2 replaces the previous
-- analysis kept in prev_*: −1 for the previous values, +1 for the new), and the view writes exactly
-- those signed rows for each rollup, as the four views did.
--
-- Lifetime: the rollups' (FAULTLINE_RETENTION_ROLLUPS_DAYS) for every row, except 'versions' rows,
-- which keep the analyses' (FAULTLINE_RETENTION_ANALYSES_DAYS) as analyses_by_version did; both are
-- TTL rules of this table set by the store at open.
--
-- Existing data moves from the old rollup tables (not from analyses FINAL: a few rows per hour
-- instead of every analysis), each guarded by "this rollup holds no row yet", then the old views
-- and tables are dropped and the plain views created. Nothing writes during a migration. Re-running
-- this file after a failure part-way through ends in the same state (a rollup already moved is not
-- moved again; a plain view that exists is kept), unless it failed between dropping an old table
-- and creating its plain view: then the data had already moved, and re-running from that view's
-- CREATE VIEW statement on finishes it.

CREATE TABLE IF NOT EXISTS {db}.rollup_hourly
(
    rollup               LowCardinality(String),
    org_id               LowCardinality(String),
    lead                 String,
    hour                 DateTime('UTC'),
    fingerprint          String,
    subject_kind         LowCardinality(String),
    category             LowCardinality(String),
    contributing_factor  LowCardinality(String),
    severity             LowCardinality(String),
    code                 LowCardinality(String),
    analyzer_version     LowCardinality(String),
    subjects             Int64,
    failures             Int64,
    stored_at            SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = SummingMergeTree((subjects, failures))
PARTITION BY toYYYYMM(hour)
ORDER BY (rollup, org_id, lead, hour, fingerprint, subject_kind, category, contributing_factor, severity, code, analyzer_version);

DROP TABLE IF EXISTS {db}.failures_hourly_mv SYNC;

DROP TABLE IF EXISTS {db}.fingerprints_hourly_mv SYNC;

DROP TABLE IF EXISTS {db}.groups_hourly_mv SYNC;

DROP TABLE IF EXISTS {db}.analyses_by_version_mv SYNC;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.rollup_hourly_mv TO {db}.rollup_hourly AS
SELECT rollup, org_id,
    if(rollup = 'fingerprints', s_fingerprint, '') AS lead,
    if(rollup = 'versions', toDateTime(0, 'UTC'), toStartOfHour(occurred_at)) AS hour,
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

INSERT INTO {db}.rollup_hourly
SELECT 'failures', org_id, '', hour, '', subject_kind, category, contributing_factor, severity, code, '', failures, failures, stored_at
FROM {db}.failures_hourly
WHERE (SELECT count() FROM {db}.rollup_hourly WHERE rollup = 'failures') = 0;

INSERT INTO {db}.rollup_hourly
SELECT 'fingerprints', org_id, fingerprint, hour, fingerprint, subject_kind, category, contributing_factor, severity, code, '',
    subjects, failures, stored_at
FROM {db}.fingerprints_hourly
WHERE (SELECT count() FROM {db}.rollup_hourly WHERE rollup = 'fingerprints') = 0;

INSERT INTO {db}.rollup_hourly
SELECT 'groups', org_id, '', hour, fingerprint, subject_kind, category, contributing_factor, severity, '', '', failures, failures,
    stored_at
FROM {db}.groups_hourly
WHERE (SELECT count() FROM {db}.rollup_hourly WHERE rollup = 'groups') = 0;

INSERT INTO {db}.rollup_hourly
SELECT 'versions', org_id, '', toDateTime(0, 'UTC'), '', subject_kind, '', '', '', '', analyzer_version, subjects, 0, stored_at
FROM {db}.analyses_by_version
WHERE (SELECT count() FROM {db}.rollup_hourly WHERE rollup = 'versions') = 0;

DROP TABLE IF EXISTS {db}.failures_hourly SYNC;

CREATE VIEW IF NOT EXISTS {db}.failures_hourly AS
SELECT org_id, hour, subject_kind, category, contributing_factor, severity, code, failures, stored_at
FROM {db}.rollup_hourly WHERE rollup = 'failures';

DROP TABLE IF EXISTS {db}.fingerprints_hourly SYNC;

CREATE VIEW IF NOT EXISTS {db}.fingerprints_hourly AS
SELECT org_id, lead AS fingerprint, hour, subject_kind, category, contributing_factor, severity, code, subjects, failures, stored_at
FROM {db}.rollup_hourly WHERE rollup = 'fingerprints';

DROP TABLE IF EXISTS {db}.groups_hourly SYNC;

CREATE VIEW IF NOT EXISTS {db}.groups_hourly AS
SELECT org_id, hour, fingerprint, subject_kind, category, contributing_factor, severity, failures, stored_at
FROM {db}.rollup_hourly WHERE rollup = 'groups';

DROP TABLE IF EXISTS {db}.analyses_by_version SYNC;

CREATE VIEW IF NOT EXISTS {db}.analyses_by_version AS
SELECT org_id, subject_kind, analyzer_version, subjects, stored_at
FROM {db}.rollup_hourly WHERE rollup = 'versions';
