package org.timesmith.server.settings;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.server.api.Times;

/** Each user's settings object as JSON text (table {@code user_settings}, one row per user). */
@Repository
public class UserSettingsRepository {

    private final JdbcClient jdbc;
    private final Times times;

    public UserSettingsRepository(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    public Optional<String> settings(long userId) {
        return jdbc.sql("SELECT body FROM user_settings WHERE user_id = ?").param(userId).query(String.class).optional();
    }

    public void save(long userId, String body) {
        jdbc.sql("INSERT INTO user_settings (user_id, body, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at")
                .params(userId, body, times.now()).update();
    }
}
