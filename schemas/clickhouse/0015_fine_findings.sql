-- Findings in granules of 1,024 rows instead of 8,192 (issue 19): a trend's partial hours cost
-- their own rows, not the granules around them.
--
-- A trend reads its window's whole hours from rollup_hourly and the window's partial first and last
-- hours from findings (FINAL), through the sorting key's hour. An hour of findings is a few
-- thousand rows, but every part of the month holding that hour is read a whole granule at a time:
-- at 10 M findings a year, 8,192-row granules made the two partial hours of a 1-day trend read
-- ~98,000 rows. With 1,024-row granules the read is a fraction of that
-- (`node load-tests/store-scale.js --explain` prints the estimate, docs/sizing.md the figures).
-- The cost: eight times the marks (bytes per row on disk and the insert cost: docs/sizing.md).
--
-- Same columns, engine, partitions and sorting key as 0007; only index_granularity changes, which
-- ClickHouse fixes when a table is created: the data moves into a new table (INSERT ... SELECT, so
-- every part is written at the new granularity), the tables are exchanged and the old one dropped.
-- Nothing writes during a migration. Re-running this file after a failure part-way through ends in
-- the same state (findings_next is dropped first; after the exchange it holds the old copy).
-- The lifetime (TTL) is set by the store at open from the configuration (FAULTLINE_RETENTION_*).

DROP TABLE IF EXISTS {db}.findings_next SYNC;

CREATE TABLE {db}.findings_next
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
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (org_id, toStartOfHour(occurred_at), subject_kind, subject_id, code)
SETTINGS index_granularity = 1024;

INSERT INTO {db}.findings_next (org_id, subject_kind, subject_id, code, rank, category, contributing_factor, severity, confidence,
    confidence_band, fingerprint, robot_id, service, occurred_at, analyzed_at, analyzer_version, version, is_deleted)
SELECT org_id, subject_kind, subject_id, code, rank, category, contributing_factor, severity, confidence,
    confidence_band, fingerprint, robot_id, service, occurred_at, analyzed_at, analyzer_version, version, is_deleted
FROM {db}.findings;

EXCHANGE TABLES {db}.findings AND {db}.findings_next;

DROP TABLE {db}.findings_next SYNC;
