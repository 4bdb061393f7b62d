-- The settings object of users/me/settings/ (Timesketch's UserProfile.settings): free-form JSON
-- the web UI merges keys into, kept apart from Timesmith's validated preferences.
CREATE TABLE user_settings (
    user_id BIGINT NOT NULL PRIMARY KEY REFERENCES ts_user (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
