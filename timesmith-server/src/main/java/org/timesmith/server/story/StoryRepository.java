package org.timesmith.server.story;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Stories in the metadata database; every lookup is scoped to its sketch. */
@Repository
public class StoryRepository {

    private static final String COLUMNS = "id, sketch_id, user_id, title, content, label_string, created_at, updated_at";
    private static final RowMapper<Story> STORY = (rs, n) -> new Story(rs.getLong("id"), rs.getLong("sketch_id"),
            rs.getLong("user_id"), rs.getString("title"), rs.getString("content"), rs.getString("label_string"),
            rs.getString("created_at"), rs.getString("updated_at"));

    private final JdbcClient jdbc;
    private final Times times;

    public StoryRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public Story create(long sketchId, long userId, String title, String content, String labelString) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO story (sketch_id, user_id, title, content, label_string, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(sketchId, userId, title, content, labelString, now, now).query(Long.class).single();
        return byId(sketchId, id).orElseThrow();
    }

    public void update(Story story) {
        jdbc.sql("UPDATE story SET title = ?, content = ?, label_string = ?, updated_at = ? WHERE id = ? AND sketch_id = ?")
                .params(story.title(), story.content(), story.labelString(), times.now(), story.id(), story.sketchId())
                .update();
    }

    public Optional<Story> byId(long sketchId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM story WHERE id = ? AND sketch_id = ?")
                .params(id, sketchId).query(STORY).optional();
    }

    public List<Story> list(long sketchId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM story WHERE sketch_id = ? ORDER BY id").param(sketchId)
                .query(STORY).list();
    }

    public boolean delete(long sketchId, long id) {
        return jdbc.sql("DELETE FROM story WHERE id = ? AND sketch_id = ?").params(id, sketchId).update() > 0;
    }
}
