-- Failed logins per (lower-cased) username and client address, kept in the metadata database so
-- that every node of a cluster sees the same count (the login throttle). last_failure is in epoch
-- milliseconds; rows older than the lockout are purged as new failures come in.
CREATE TABLE login_failure (
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    failures INTEGER NOT NULL,
    last_failure BIGINT NOT NULL,
    PRIMARY KEY (username, address)
);
CREATE INDEX login_failure_last ON login_failure (last_failure);
