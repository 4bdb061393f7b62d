-- Per-user preferences of the web UI (Timesmith extension): user-wide ones (display time zone,
-- theme, search history) and per user and sketch ones (the event table's columns), each kept as
-- the validated JSON object the API returns, so that they follow the analyst to any browser.
CREATE TABLE user_preference (
    user_id BIGINT NOT NULL PRIMARY KEY REFERENCES ts_user (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE TABLE sketch_preference (
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    PRIMARY KEY (sketch_id, user_id)
);
