package org.timesmith.server.annotation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.server.api.Times;
import org.timesmith.server.explore.EventComments;

/** Comments on events, per sketch (the event itself only carries the {@code __ts_comment} label). */
@Repository
public class CommentRepository implements EventComments {

    /** One comment. */
    public record Comment(long id, long userId, String comment, String createdAt, String updatedAt) {
    }

    private final JdbcClient jdbc;
    private final Times times;

    public CommentRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public Comment add(long sketchId, String indexName, String eventId, long userId, String comment) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO event_comment (sketch_id, index_name, event_id, user_id, comment, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(sketchId, indexName, eventId, userId, comment, now, now).query(Long.class).single();
        return new Comment(id, userId, comment, now, now);
    }

    public List<Comment> comments(long sketchId, String indexName, String eventId) {
        return jdbc.sql("SELECT id, user_id, comment, created_at, updated_at FROM event_comment"
                        + " WHERE sketch_id = ? AND index_name = ? AND event_id = ? ORDER BY id")
                .params(sketchId, indexName, eventId)
                .query((rs, n) -> new Comment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    /** A comment on the given event of the sketch, by id. */
    public Optional<Comment> comment(long sketchId, String indexName, String eventId, long commentId) {
        return jdbc.sql("SELECT id, user_id, comment, created_at, updated_at FROM event_comment"
                        + " WHERE id = ? AND sketch_id = ? AND index_name = ? AND event_id = ?")
                .params(commentId, sketchId, indexName, eventId)
                .query((rs, n) -> new Comment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).optional();
    }

    public Comment update(Comment comment, String text) {
        String now = times.now();
        jdbc.sql("UPDATE event_comment SET comment = ?, updated_at = ? WHERE id = ?")
                .params(text, now, comment.id()).update();
        return new Comment(comment.id(), comment.userId(), text, comment.createdAt(), now);
    }

    public void delete(long commentId) {
        jdbc.sql("DELETE FROM event_comment WHERE id = ?").param(commentId).update();
    }

    @Override
    public Map<String, List<String>> commentTexts(long sketchId, List<StoredEvent> events) {
        Map<String, List<String>> texts = new HashMap<>();
        for (StoredEvent event : events) {
            List<String> list = new ArrayList<>();
            comments(sketchId, event.index(), event.id()).forEach(c -> list.add(c.comment()));
            texts.put(event.index() + "/" + event.id(), list);
        }
        return texts;
    }
}
