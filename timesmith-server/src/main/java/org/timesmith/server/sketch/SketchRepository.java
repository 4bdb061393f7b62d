package org.timesmith.server.sketch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.access.Sketch;
import org.timesmith.server.access.SketchLookup;
import org.timesmith.server.api.Times;

/** Sketches, their ACL rows and attributes in the metadata database. */
@Repository
public class SketchRepository implements SketchLookup {

    private static final String COLUMNS = "s.id, s.name, s.description, s.user_id, s.status, s.label_string,"
            + " s.is_public, s.created_at, s.updated_at, s.last_activity";
    private static final RowMapper<Sketch> SKETCH = (rs, n) -> new Sketch(rs.getLong("id"), rs.getString("name"),
            rs.getString("description"), rs.getLong("user_id"), rs.getString("status"), rs.getString("label_string"),
            rs.getBoolean("is_public"), rs.getString("created_at"), rs.getString("updated_at"),
            rs.getString("last_activity"));

    /** The ACL condition "user :uid has :permission on sketch s" (directly, through a group, or public read). */
    static final String HAS_PERMISSION = "EXISTS (SELECT 1 FROM sketch_acl a WHERE a.sketch_id = s.id"
            + " AND a.permission = :permission AND ((a.principal_type = 'user' AND a.principal_id = :uid)"
            + " OR (a.principal_type = 'group' AND a.principal_id IN"
            + " (SELECT m.group_id FROM ts_group_member m WHERE m.user_id = :uid))))";

    /** The SQL condition over sketch alias {@code s} for "readable by :uid" (parameters uid and permission). */
    static String readableCondition() {
        return "(s.is_public = TRUE OR " + HAS_PERMISSION + ")";
    }

    /** One ACL row. */
    public record AclEntry(String principalType, long principalId, String permission) {
    }

    /** One attribute row. */
    public record Attribute(String name, String ontology, String valuesJson) {
    }

    private final JdbcClient jdbc;
    private final Times times;

    public SketchRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public Sketch create(String name, String description, long userId) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO sketch (name, description, user_id, status, label_string, is_public, created_at,"
                        + " updated_at, last_activity) VALUES (?, ?, ?, 'new', '', FALSE, ?, ?, ?) RETURNING id")
                .params(name, description, userId, now, now, now).query(Long.class).single();
        return byId(id).orElseThrow();
    }

    @Override
    public Optional<Sketch> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sketch s WHERE s.id = ?").param(id).query(SKETCH).optional();
    }

    /** A page of sketches matching a WHERE clause over {@code s} with named parameters; newest first. */
    public List<Sketch> page(String where, Map<String, Object> params, String orderBy, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sketch s WHERE " + where + " ORDER BY " + orderBy
                        + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", limit).param("offset", offset).query(SKETCH).list();
    }

    public long count(String where, Map<String, Object> params) {
        return jdbc.sql("SELECT COUNT(*) FROM sketch s WHERE " + where).params(params).query(Long.class).single();
    }

    public List<Sketch> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sketch s ORDER BY s.id").query(SKETCH).list();
    }

    public void update(long id, String name, String description) {
        jdbc.sql("UPDATE sketch SET name = ?, description = ?, updated_at = ? WHERE id = ?")
                .params(name, description, times.now(), id).update();
    }

    public void setLabels(long id, String labelString) {
        jdbc.sql("UPDATE sketch SET label_string = ?, updated_at = ? WHERE id = ?")
                .params(labelString, times.now(), id).update();
    }

    public void setStatus(long id, String status) {
        jdbc.sql("UPDATE sketch SET status = ?, updated_at = ? WHERE id = ?").params(status, times.now(), id).update();
    }

    public void setPublic(long id, boolean isPublic) {
        jdbc.sql("UPDATE sketch SET is_public = ?, updated_at = ? WHERE id = ?").params(isPublic, times.now(), id).update();
    }

    public void touch(long id) {
        jdbc.sql("UPDATE sketch SET last_activity = ? WHERE id = ?").params(times.now(), id).update();
    }

    public void delete(long id) {
        jdbc.sql("DELETE FROM sketch WHERE id = ?").param(id).update();
    }

    // ---- ACL

    /** The permissions a user holds on a sketch through ACL rows for the user or its groups, in one query. */
    @Override
    public List<String> grantedPermissions(long sketchId, long userId) {
        return jdbc.sql("SELECT DISTINCT a.permission FROM sketch_acl a WHERE a.sketch_id = ? AND ((a.principal_type ="
                        + " 'user' AND a.principal_id = ?) OR (a.principal_type = 'group' AND a.principal_id IN"
                        + " (SELECT m.group_id FROM ts_group_member m WHERE m.user_id = ?)))")
                .params(sketchId, userId, userId).query(String.class).list();
    }

    public List<AclEntry> acl(long sketchId) {
        return jdbc.sql("SELECT principal_type, principal_id, permission FROM sketch_acl WHERE sketch_id = ?"
                        + " ORDER BY principal_type, principal_id, permission")
                .param(sketchId)
                .query((rs, n) -> new AclEntry(rs.getString(1), rs.getLong(2), rs.getString(3))).list();
    }

    public void grant(long sketchId, String principalType, long principalId, String permission) {
        jdbc.sql("DELETE FROM sketch_acl WHERE sketch_id = ? AND principal_type = ? AND principal_id = ? AND permission = ?")
                .params(sketchId, principalType, principalId, permission).update();
        jdbc.sql("INSERT INTO sketch_acl (sketch_id, principal_type, principal_id, permission) VALUES (?, ?, ?, ?)")
                .params(sketchId, principalType, principalId, permission).update();
    }

    public void revokeAll(long sketchId, String principalType, long principalId) {
        jdbc.sql("DELETE FROM sketch_acl WHERE sketch_id = ? AND principal_type = ? AND principal_id = ?")
                .params(sketchId, principalType, principalId).update();
    }

    public void revoke(long sketchId, String principalType, long principalId, String permission) {
        jdbc.sql("DELETE FROM sketch_acl WHERE sketch_id = ? AND principal_type = ? AND principal_id = ? AND permission = ?")
                .params(sketchId, principalType, principalId, permission).update();
    }

    // ---- attributes

    public List<Attribute> attributes(long sketchId) {
        return jdbc.sql("SELECT name, ontology, values_json FROM sketch_attribute WHERE sketch_id = ? ORDER BY name")
                .param(sketchId).query((rs, n) -> new Attribute(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Creates or replaces an attribute; returns true when it was created. */
    public boolean putAttribute(long sketchId, String name, String ontology, String valuesJson, long userId) {
        String now = times.now();
        int updated = jdbc.sql("UPDATE sketch_attribute SET ontology = ?, values_json = ?, user_id = ?, updated_at = ?"
                        + " WHERE sketch_id = ? AND name = ?")
                .params(ontology, valuesJson, userId, now, sketchId, name).update();
        if (updated > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO sketch_attribute (sketch_id, name, ontology, values_json, user_id, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(sketchId, name, ontology, valuesJson, userId, now, now).update();
        return true;
    }

    public boolean deleteAttribute(long sketchId, String name, String ontology) {
        return jdbc.sql("DELETE FROM sketch_attribute WHERE sketch_id = ? AND name = ? AND ontology = ?")
                .params(sketchId, name, ontology).update() > 0;
    }
}
