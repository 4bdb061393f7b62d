-- Saved searches (views), stories, saved aggregations and aggregation groups of a sketch. Same
-- portability rules as V1: ${id_column} for keys, ISO-8601 text times, JSON kept as text exactly as
-- the Timesketch wire carries it (query_filter, query_dsl, content, parameters are JSON strings).

CREATE TABLE saved_view (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    name VARCHAR(255) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    query_string TEXT NOT NULL DEFAULT '',
    query_filter TEXT NOT NULL DEFAULT '{}',
    query_dsl TEXT NOT NULL DEFAULT '""',
    label_string TEXT NOT NULL DEFAULT '',
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX saved_view_sketch ON saved_view (sketch_id);

CREATE TABLE story (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    title VARCHAR(255) NOT NULL,
    content TEXT NOT NULL DEFAULT '[]',
    label_string TEXT NOT NULL DEFAULT '',
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX story_sketch ON story (sketch_id);

CREATE TABLE aggregation_group (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    name VARCHAR(255) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parameters TEXT NOT NULL DEFAULT '{}',
    orientation VARCHAR(16) NOT NULL DEFAULT 'layer',
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX aggregation_group_sketch ON aggregation_group (sketch_id);

-- An aggregation belongs to at most one group (Timesketch's aggregationgroup_id).
CREATE TABLE saved_aggregation (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    view_id BIGINT REFERENCES saved_view (id) ON DELETE SET NULL,
    group_id BIGINT REFERENCES aggregation_group (id) ON DELETE SET NULL,
    name VARCHAR(255) NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    agg_type VARCHAR(64) NOT NULL,
    parameters TEXT NOT NULL DEFAULT '{}',
    chart_type VARCHAR(32) NOT NULL DEFAULT '',
    label_string TEXT NOT NULL DEFAULT '',
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX saved_aggregation_sketch ON saved_aggregation (sketch_id);
CREATE INDEX saved_aggregation_group ON saved_aggregation (group_id);
