package org.timesmith.server.view;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Saved searches in the metadata database; every lookup is scoped to its sketch. */
@Repository
public class ViewRepository {

    private static final String COLUMNS = "id, sketch_id, user_id, name, description, query_string, query_filter,"
            + " query_dsl, label_string, created_at, updated_at";
    private static final RowMapper<SavedView> VIEW = (rs, n) -> new SavedView(rs.getLong("id"), rs.getLong("sketch_id"),
            rs.getLong("user_id"), rs.getString("name"), rs.getString("description"), rs.getString("query_string"),
            rs.getString("query_filter"), rs.getString("query_dsl"), rs.getString("label_string"),
            rs.getString("created_at"), rs.getString("updated_at"));

    private final JdbcClient jdbc;
    private final Times times;

    public ViewRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public SavedView create(long sketchId, long userId, String name, String description, String queryString,
                            String queryFilter, String queryDsl, String labelString) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO saved_view (sketch_id, user_id, name, description, query_string, query_filter,"
                        + " query_dsl, label_string, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " RETURNING id")
                .params(sketchId, userId, name, description, queryString, queryFilter, queryDsl, labelString, now, now)
                .query(Long.class).single();
        return byId(sketchId, id).orElseThrow();
    }

    public void update(SavedView view) {
        jdbc.sql("UPDATE saved_view SET name = ?, description = ?, query_string = ?, query_filter = ?, query_dsl = ?,"
                        + " label_string = ?, updated_at = ? WHERE id = ? AND sketch_id = ?")
                .params(view.name(), view.description(), view.queryString(), view.queryFilter(), view.queryDsl(),
                        view.labelString(), times.now(), view.id(), view.sketchId()).update();
    }

    public Optional<SavedView> byId(long sketchId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM saved_view WHERE id = ? AND sketch_id = ?")
                .params(id, sketchId).query(VIEW).optional();
    }

    public List<SavedView> list(long sketchId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM saved_view WHERE sketch_id = ? ORDER BY id")
                .param(sketchId).query(VIEW).list();
    }

    public boolean delete(long sketchId, long id) {
        return jdbc.sql("DELETE FROM saved_view WHERE id = ? AND sketch_id = ?").params(id, sketchId).update() > 0;
    }
}
