package org.timesmith.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@link #MAX_FAILURES} failed logins for one username from one
 * address, further attempts are refused (even with the right password) until {@link #LOCKOUT} has
 * passed since the last failure. A successful login clears the count. The counts live in the
 * metadata database ({@code login_failure}), so with several nodes behind a load balancer a guesser
 * gets {@link #MAX_FAILURES} attempts in all, not per node; each failure is one atomic upsert, so
 * concurrent failures on different nodes are all counted.
 */
@Component
public class LoginThrottle {

    public static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    private record Failures(int count, long lastMillis) {
    }

    private final Clock clock;
    private final JdbcClient jdbc;

    public LoginThrottle(Clock clock, JdbcClient jdbc) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public boolean blocked(String username, String address) {
        Optional<Failures> entry = jdbc.sql("SELECT failures, last_failure FROM login_failure"
                        + " WHERE username = ? AND address = ?").params(key(username), address)
                .query((rs, n) -> new Failures(rs.getInt(1), rs.getLong(2))).optional();
        return entry.isPresent() && entry.get().lastMillis() >= expiry() && entry.get().count() >= MAX_FAILURES;
    }

    public void failed(String username, String address) {
        long now = clock.millis();
        long expiry = expiry();
        // A failure after the lockout of the previous ones has passed starts a new count.
        jdbc.sql("INSERT INTO login_failure (username, address, failures, last_failure) VALUES (?, ?, 1, ?)"
                        + " ON CONFLICT (username, address) DO UPDATE SET"
                        + " failures = CASE WHEN login_failure.last_failure < ? THEN 1"
                        + " ELSE login_failure.failures + 1 END,"
                        + " last_failure = excluded.last_failure")
                .params(key(username), address, now, expiry).update();
        // Expired rows serve no purpose; removing them here keeps the table as small as the attacks of the last minutes.
        jdbc.sql("DELETE FROM login_failure WHERE last_failure < ?").param(expiry).update();
    }

    public void succeeded(String username, String address) {
        jdbc.sql("DELETE FROM login_failure WHERE username = ? AND address = ?").params(key(username), address)
                .update();
    }

    private long expiry() {
        return clock.millis() - LOCKOUT.toMillis();
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
