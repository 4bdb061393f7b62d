package org.timesmith.server.auth;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Users, groups and group membership in the metadata database. */
@Repository
public class UserRepository {

    private static final String COLUMNS = "id, username, name, email, admin, active, created_at, updated_at";
    private static final RowMapper<User> USER = (rs, n) -> new User(rs.getLong("id"), rs.getString("username"),
            rs.getString("name"), rs.getString("email"), rs.getBoolean("admin"), rs.getBoolean("active"),
            rs.getString("created_at"), rs.getString("updated_at"));
    private static final RowMapper<Group> GROUP = (rs, n) -> new Group(rs.getLong("id"), rs.getString("name"),
            rs.getString("description"));

    private final JdbcClient jdbc;
    private final Times times;

    public UserRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public Optional<User> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ts_user WHERE id = ?").param(id).query(USER).optional();
    }

    public Optional<User> byUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ts_user WHERE username = ?").param(username).query(USER).optional();
    }

    public List<User> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ts_user ORDER BY id").query(USER).list();
    }

    public Optional<String> passwordHash(String username) {
        return jdbc.sql("SELECT password_hash FROM ts_user WHERE username = ?").param(username)
                .query(String.class).optional();
    }

    public User create(String username, String passwordHash, boolean admin) {
        String now = times.now();
        long id = jdbc.sql("INSERT INTO ts_user (username, name, email, password_hash, admin, active, created_at, updated_at)"
                        + " VALUES (?, ?, '', ?, ?, TRUE, ?, ?) RETURNING id")
                .params(username, username, passwordHash, admin, now, now).query(Long.class).single();
        return byId(id).orElseThrow();
    }

    public void setPasswordHash(long userId, String passwordHash) {
        jdbc.sql("UPDATE ts_user SET password_hash = ?, updated_at = ? WHERE id = ?")
                .params(passwordHash, times.now(), userId).update();
    }

    public void setActive(long userId, boolean active) {
        jdbc.sql("UPDATE ts_user SET active = ?, updated_at = ? WHERE id = ?").params(active, times.now(), userId).update();
    }

    public void setAdmin(long userId, boolean admin) {
        jdbc.sql("UPDATE ts_user SET admin = ?, updated_at = ? WHERE id = ?").params(admin, times.now(), userId).update();
    }

    public List<String> groupNames(long userId) {
        return jdbc.sql("SELECT g.name FROM ts_group g JOIN ts_group_member m ON m.group_id = g.id"
                + " WHERE m.user_id = ? ORDER BY g.name").param(userId).query(String.class).list();
    }

    public List<Long> groupIds(long userId) {
        return jdbc.sql("SELECT group_id FROM ts_group_member WHERE user_id = ?").param(userId).query(Long.class).list();
    }

    public Optional<Group> groupByName(String name) {
        return jdbc.sql("SELECT id, name, description FROM ts_group WHERE name = ?").param(name).query(GROUP).optional();
    }

    public Optional<Group> groupById(long id) {
        return jdbc.sql("SELECT id, name, description FROM ts_group WHERE id = ?").param(id).query(GROUP).optional();
    }

    public List<Group> groups() {
        return jdbc.sql("SELECT id, name, description FROM ts_group ORDER BY name").query(GROUP).list();
    }

    public Group createGroup(String name, String description) {
        long id = jdbc.sql("INSERT INTO ts_group (name, description, created_at) VALUES (?, ?, ?) RETURNING id")
                .params(name, description, times.now()).query(Long.class).single();
        return new Group(id, name, description);
    }

    public List<String> memberNames(long groupId) {
        return jdbc.sql("SELECT u.username FROM ts_user u JOIN ts_group_member m ON m.user_id = u.id"
                + " WHERE m.group_id = ? ORDER BY u.username").param(groupId).query(String.class).list();
    }

    /** Adds the membership; returns false when the user already was a member. */
    public boolean addMember(long groupId, long userId) {
        if (jdbc.sql("SELECT COUNT(*) FROM ts_group_member WHERE group_id = ? AND user_id = ?")
                .params(groupId, userId).query(Long.class).single() > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO ts_group_member (group_id, user_id) VALUES (?, ?)").params(groupId, userId).update();
        return true;
    }

    public boolean removeMember(long groupId, long userId) {
        return jdbc.sql("DELETE FROM ts_group_member WHERE group_id = ? AND user_id = ?").params(groupId, userId)
                .update() > 0;
    }
}
