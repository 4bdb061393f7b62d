package org.timesmith.server.explore;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Search history nodes (table {@code search_history}) of a user in a sketch. */
@Repository
public class SearchHistoryRepository {

    /** One recorded search; {@code parentId} is the search it followed, empty for a root. */
    public record Node(long id, Optional<Long> parentId, long sketchId, long userId, Optional<String> description,
                       String queryString, String queryFilter, Optional<String> queryDsl, long resultCount,
                       long queryTime, String createdAt) {
    }

    private static final String COLUMNS = "id, parent_id, sketch_id, user_id, description, query_string, query_filter,"
            + " query_dsl, query_result_count, query_time, created_at";
    private static final RowMapper<Node> NODE = (rs, n) -> {
        long parent = rs.getLong("parent_id");
        Optional<Long> parentId = rs.wasNull() ? Optional.empty() : Optional.of(parent);
        return new Node(rs.getLong("id"), parentId, rs.getLong("sketch_id"), rs.getLong("user_id"),
                Optional.ofNullable(rs.getString("description")), rs.getString("query_string"),
                rs.getString("query_filter"), Optional.ofNullable(rs.getString("query_dsl")),
                rs.getLong("query_result_count"), rs.getLong("query_time"), rs.getString("created_at"));
    };

    private final JdbcClient jdbc;
    private final Times times;

    public SearchHistoryRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public Node add(Optional<Long> parentId, long sketchId, long userId, String queryString, String queryFilter,
                    Optional<String> queryDsl, long resultCount, long queryTime) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO search_history (parent_id, sketch_id, user_id, query_string, query_filter,"
                        + " query_dsl, query_result_count, query_time, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(parentId.orElse(null), sketchId, userId, queryString, queryFilter, queryDsl.orElse(null),
                        resultCount, queryTime, now, now)
                .query(Long.class).single();
        return byId(id).orElseThrow();
    }

    public Optional<Node> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_history WHERE id = ?").param(id).query(NODE).optional();
    }

    /** The user's newest searches in the sketch, newest first. */
    public List<Node> latest(long sketchId, long userId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_history WHERE sketch_id = ? AND user_id = ?"
                        + " ORDER BY id DESC LIMIT ?")
                .params(sketchId, userId, limit).query(NODE).list();
    }

    public List<Node> children(long parentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_history WHERE parent_id = ? ORDER BY id")
                .param(parentId).query(NODE).list();
    }
}
