-- Per user and sketch search history that branches like Timesketch's SearchHistory: every explore
-- search (not scroll pages) is a node whose parent is the search it followed, so going back and
-- searching again starts a new branch. query_filter is the filter JSON the request carried.
CREATE TABLE search_history (
    id ${id_column},
    parent_id BIGINT REFERENCES search_history (id) ON DELETE CASCADE,
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id) ON DELETE CASCADE,
    description TEXT,
    query_string TEXT NOT NULL DEFAULT '',
    query_filter TEXT NOT NULL DEFAULT '{}',
    query_dsl TEXT,
    query_result_count BIGINT NOT NULL DEFAULT 0,
    query_time BIGINT NOT NULL DEFAULT 0,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX search_history_user_sketch ON search_history (sketch_id, user_id);
CREATE INDEX search_history_parent ON search_history (parent_id);
