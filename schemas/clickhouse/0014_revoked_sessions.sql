-- Console sessions ended by sign-out (platform session.ts): the SHA-256 of the session cookie,
-- kept until that session would have expired anyway (then one more day, for clocks). Every api
-- replica refuses a cookie listed here, so a copy of a signed-out cookie no longer works.
-- Its lifetime is the session's own, not a configurable family (retention.ts).
CREATE TABLE IF NOT EXISTS {db}.revoked_sessions
(
    session_hash  String,
    org_id        LowCardinality(String),
    expires_at    DateTime64(3, 'UTC'),
    revoked_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY session_hash
TTL toDateTime(expires_at) + INTERVAL 1 DAY;
