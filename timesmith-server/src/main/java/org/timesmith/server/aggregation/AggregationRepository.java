package org.timesmith.server.aggregation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Saved aggregations and aggregation groups in the metadata database; every lookup is scoped to its sketch. */
@Repository
public class AggregationRepository {

    private static final String AGG_COLUMNS = "id, sketch_id, user_id, view_id, group_id, name, description, agg_type,"
            + " parameters, chart_type, label_string, created_at, updated_at";
    private static final RowMapper<SavedAggregation> AGGREGATION = (rs, n) -> new SavedAggregation(rs.getLong("id"),
            rs.getLong("sketch_id"), rs.getLong("user_id"), optionalLong(rs, "view_id"), optionalLong(rs, "group_id"),
            rs.getString("name"), rs.getString("description"), rs.getString("agg_type"), rs.getString("parameters"),
            rs.getString("chart_type"), rs.getString("label_string"), rs.getString("created_at"),
            rs.getString("updated_at"));
    private static final String GROUP_COLUMNS = "id, sketch_id, user_id, name, description, parameters, orientation,"
            + " created_at, updated_at";
    private static final RowMapper<AggregationGroup> GROUP = (rs, n) -> new AggregationGroup(rs.getLong("id"),
            rs.getLong("sketch_id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("description"),
            rs.getString("parameters"), rs.getString("orientation"), rs.getString("created_at"),
            rs.getString("updated_at"));

    private final JdbcClient jdbc;
    private final Times times;

    public AggregationRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    // ---- saved aggregations

    public SavedAggregation create(long sketchId, long userId, Optional<Long> viewId, String name, String description,
                                   String aggType, String parameters, String chartType, String labelString) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO saved_aggregation (sketch_id, user_id, view_id, name, description, agg_type,"
                        + " parameters, chart_type, label_string, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(sketchId, userId, viewId.orElse(null), name, description, aggType, parameters, chartType,
                        labelString, now, now)
                .query(Long.class).single();
        return aggregation(sketchId, id).orElseThrow();
    }

    public void update(SavedAggregation a) {
        jdbc.sql("UPDATE saved_aggregation SET view_id = ?, name = ?, description = ?, agg_type = ?, parameters = ?,"
                        + " chart_type = ?, label_string = ?, updated_at = ? WHERE id = ? AND sketch_id = ?")
                .params(a.viewId().orElse(null), a.name(), a.description(), a.aggType(), a.parameters(), a.chartType(),
                        a.labelString(), times.now(), a.id(), a.sketchId()).update();
    }

    public Optional<SavedAggregation> aggregation(long sketchId, long id) {
        return jdbc.sql("SELECT " + AGG_COLUMNS + " FROM saved_aggregation WHERE id = ? AND sketch_id = ?")
                .params(id, sketchId).query(AGGREGATION).optional();
    }

    public List<SavedAggregation> aggregations(long sketchId) {
        return jdbc.sql("SELECT " + AGG_COLUMNS + " FROM saved_aggregation WHERE sketch_id = ? ORDER BY id")
                .param(sketchId).query(AGGREGATION).list();
    }

    public List<SavedAggregation> members(long sketchId, long groupId) {
        return jdbc.sql("SELECT " + AGG_COLUMNS + " FROM saved_aggregation WHERE sketch_id = ? AND group_id = ?"
                        + " ORDER BY id")
                .params(sketchId, groupId).query(AGGREGATION).list();
    }

    public boolean delete(long sketchId, long id) {
        return jdbc.sql("DELETE FROM saved_aggregation WHERE id = ? AND sketch_id = ?").params(id, sketchId).update() > 0;
    }

    // ---- groups

    public AggregationGroup createGroup(long sketchId, long userId, String name, String description, String parameters,
                                        String orientation) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO aggregation_group (sketch_id, user_id, name, description, parameters,"
                        + " orientation, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(sketchId, userId, name, description, parameters, orientation, now, now)
                .query(Long.class).single();
        return group(sketchId, id).orElseThrow();
    }

    public void updateGroup(AggregationGroup g) {
        jdbc.sql("UPDATE aggregation_group SET name = ?, description = ?, parameters = ?, orientation = ?,"
                        + " updated_at = ? WHERE id = ? AND sketch_id = ?")
                .params(g.name(), g.description(), g.parameters(), g.orientation(), times.now(), g.id(), g.sketchId())
                .update();
    }

    public Optional<AggregationGroup> group(long sketchId, long id) {
        return jdbc.sql("SELECT " + GROUP_COLUMNS + " FROM aggregation_group WHERE id = ? AND sketch_id = ?")
                .params(id, sketchId).query(GROUP).optional();
    }

    public List<AggregationGroup> groups(long sketchId) {
        return jdbc.sql("SELECT " + GROUP_COLUMNS + " FROM aggregation_group WHERE sketch_id = ? ORDER BY id")
                .param(sketchId).query(GROUP).list();
    }

    /** Makes exactly these aggregations (all of the group's sketch) the group's members. */
    public void setMembers(long sketchId, long groupId, List<Long> aggregationIds) {
        jdbc.sql("UPDATE saved_aggregation SET group_id = NULL WHERE sketch_id = ? AND group_id = ?")
                .params(sketchId, groupId).update();
        for (long id : aggregationIds) {
            jdbc.sql("UPDATE saved_aggregation SET group_id = ? WHERE sketch_id = ? AND id = ?")
                    .params(groupId, sketchId, id).update();
        }
    }

    public boolean deleteGroup(long sketchId, long id) {
        jdbc.sql("UPDATE saved_aggregation SET group_id = NULL WHERE sketch_id = ? AND group_id = ?")
                .params(sketchId, id).update();
        return jdbc.sql("DELETE FROM aggregation_group WHERE id = ? AND sketch_id = ?").params(id, sketchId).update() > 0;
    }
}
