-- Explore scrolls (Timesketch's scroll_id): the client sends the first page's id again for every
-- later page, as OpenSearch keeps one id for a whole scroll, so the position lives here, where
-- every server node sees it. A row expires unless a page is fetched within its keep-alive.
-- after_id NULL with exhausted = 1: the last page was sent.
CREATE TABLE scroll_context (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES ts_user (id) ON DELETE CASCADE,
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    after_timestamp BIGINT,
    after_id VARCHAR(512),
    exhausted INTEGER NOT NULL DEFAULT 0,
    expires_at BIGINT NOT NULL
);
CREATE INDEX scroll_context_expires ON scroll_context (expires_at);
