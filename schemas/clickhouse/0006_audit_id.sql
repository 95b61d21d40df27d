-- An identity per audit row, so that a row written twice (an analysis of a batch the bus
-- delivered again after a crash) is one entry: the analyzer derives it from the delivery
-- (topic, partition, offset) that caused the analysis; admin actions get a random one. Reads
-- keep one row per audit_id (LIMIT 1 BY audit_id). Rows written before this migration get
-- a hash of their own content.
ALTER TABLE {db}.audit_log ADD COLUMN IF NOT EXISTS audit_id String DEFAULT toString(cityHash64(at, org_id, action, actor, subject_kind, subject_id, metadata));
