-- Issue 20: saved graphs of a sketch (Timesketch's Graph model). graph_elements and graph_config
-- are kept as the JSON text the client sent; the plugin runs themselves are not cached.
CREATE TABLE saved_graph (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    name VARCHAR(255) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    graph_config TEXT NOT NULL DEFAULT '',
    graph_elements TEXT NOT NULL,
    num_nodes INTEGER NOT NULL DEFAULT 0,
    num_edges INTEGER NOT NULL DEFAULT 0,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX saved_graph_sketch ON saved_graph (sketch_id);
