package org.timesmith.server.preference;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/**
 * Preference objects (JSON text) in the metadata database, one per user and one per user and
 * sketch; every lookup is keyed by the user, so one user never reads another's. The upsert
 * ({@code ON CONFLICT ... DO UPDATE}) is the same SQL on SQLite and PostgreSQL.
 */
@Repository
public class PreferenceRepository {

    private final JdbcClient jdbc;
    private final Times times;

    public PreferenceRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public Optional<String> userPreferences(long userId) {
        return jdbc.sql("SELECT body FROM user_preference WHERE user_id = ?").param(userId)
                .query(String.class).optional();
    }

    public void saveUserPreferences(long userId, String body) {
        jdbc.sql("INSERT INTO user_preference (user_id, body, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at")
                .params(userId, body, times.now()).update();
    }

    public Optional<String> sketchPreferences(long sketchId, long userId) {
        return jdbc.sql("SELECT body FROM sketch_preference WHERE sketch_id = ? AND user_id = ?")
                .params(sketchId, userId).query(String.class).optional();
    }

    public void saveSketchPreferences(long sketchId, long userId, String body) {
        jdbc.sql("INSERT INTO sketch_preference (sketch_id, user_id, body, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (sketch_id, user_id) DO UPDATE SET body = excluded.body,"
                        + " updated_at = excluded.updated_at")
                .params(sketchId, userId, body, times.now()).update();
    }
}
