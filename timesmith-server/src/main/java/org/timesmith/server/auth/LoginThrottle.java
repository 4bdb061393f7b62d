package org.timesmith.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@link #MAX_FAILURES} failed logins for one username from one
 * address, further attempts are refused (even with the right password) until {@link #LOCKOUT} has
 * passed since the last failure. A successful login clears the count.
 */
@Component
public class LoginThrottle {

    public static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    public boolean blocked(String username, String address) {
        Failures entry = failures.get(key(username, address));
        if (entry == null) {
            return false;
        }
        if (entry.last().plus(LOCKOUT).isBefore(clock.instant())) {
            failures.remove(key(username, address), entry);
            return false;
        }
        return entry.count() >= MAX_FAILURES;
    }

    public void failed(String username, String address) {
        if (failures.size() >= MAX_TRACKED) {
            Instant expiry = clock.instant().minus(LOCKOUT);
            failures.values().removeIf(f -> f.last().isBefore(expiry));
        }
        Instant now = clock.instant();
        failures.merge(key(username, address), new Failures(1, now),
                (old, one) -> new Failures(old.count() + 1, now));
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + '\u0000' + address;
    }
}
