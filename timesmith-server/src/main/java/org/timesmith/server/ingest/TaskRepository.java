package org.timesmith.server.ingest;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Tasks in the metadata database. */
@Repository
public class TaskRepository {

    private static final RowMapper<Task> TASK = (rs, n) -> new Task(rs.getString("id"), rs.getString("kind"),
            rs.getObject("sketch_id") == null ? null : rs.getLong("sketch_id"), rs.getLong("user_id"),
            rs.getString("state"), rs.getString("request"), rs.getString("result"), rs.getString("created_at"),
            rs.getString("updated_at"));

    private final JdbcClient jdbc;
    private final Times times;

    public TaskRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public void create(String id, String kind, Long sketchId, long userId, String request) {
        String now = times.now();
        jdbc.sql("INSERT INTO task (id, kind, sketch_id, user_id, state, request, result, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, 'PENDING', ?, '', ?, ?)")
                .params(id, kind, sketchId, userId, request, now, now).update();
    }

    public Optional<Task> byId(String id) {
        return jdbc.sql("SELECT * FROM task WHERE id = ?").param(id).query(TASK).optional();
    }

    public List<Task> unfinished(long userId) {
        return jdbc.sql("SELECT * FROM task WHERE user_id = ? AND state IN ('PENDING', 'STARTED') ORDER BY created_at")
                .param(userId).query(TASK).list();
    }

    public List<Task> unfinished(String kind) {
        return jdbc.sql("SELECT * FROM task WHERE kind = ? AND state IN ('PENDING', 'STARTED') ORDER BY created_at")
                .param(kind).query(TASK).list();
    }

    public void setState(String id, String state, String result) {
        jdbc.sql("UPDATE task SET state = ?, result = ?, updated_at = ? WHERE id = ?")
                .params(state, result, times.now(), id).update();
    }
}
