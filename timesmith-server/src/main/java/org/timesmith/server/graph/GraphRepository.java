package org.timesmith.server.graph;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Saved graphs in the metadata database; every lookup is scoped to its sketch. */
@Repository
class GraphRepository {

    private static final String COLUMNS = "id, sketch_id, user_id, name, description, graph_config, graph_elements,"
            + " num_nodes, num_edges, created_at, updated_at";
    private static final RowMapper<SavedGraph> GRAPH = (rs, n) -> new SavedGraph(rs.getLong("id"),
            rs.getLong("sketch_id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("description"),
            rs.getString("graph_config"), rs.getString("graph_elements"), rs.getInt("num_nodes"),
            rs.getInt("num_edges"), rs.getString("created_at"), rs.getString("updated_at"));

    private final JdbcClient jdbc;
    private final Times times;

    GraphRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    SavedGraph create(long sketchId, long userId, GraphFields fields) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO saved_graph (sketch_id, user_id, name, description, graph_config, graph_elements,"
                        + " num_nodes, num_edges, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(sketchId, userId, fields.name(), fields.description(), fields.graphConfig(), fields.graphElements(),
                        fields.numNodes(), fields.numEdges(), now, now)
                .query(Long.class).single();
        return byId(sketchId, id).orElseThrow();
    }

    void update(long sketchId, long id, GraphFields fields) {
        jdbc.sql("UPDATE saved_graph SET name = ?, description = ?, graph_config = ?, graph_elements = ?, num_nodes = ?,"
                        + " num_edges = ?, updated_at = ? WHERE id = ? AND sketch_id = ?")
                .params(fields.name(), fields.description(), fields.graphConfig(), fields.graphElements(),
                        fields.numNodes(), fields.numEdges(), times.now(), id, sketchId).update();
    }

    Optional<SavedGraph> byId(long sketchId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM saved_graph WHERE id = ? AND sketch_id = ?")
                .params(id, sketchId).query(GRAPH).optional();
    }

    List<SavedGraph> list(long sketchId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM saved_graph WHERE sketch_id = ? ORDER BY id")
                .param(sketchId).query(GRAPH).list();
    }

    void delete(long sketchId, long id) {
        jdbc.sql("DELETE FROM saved_graph WHERE id = ? AND sketch_id = ?").params(id, sketchId).update();
    }
}
