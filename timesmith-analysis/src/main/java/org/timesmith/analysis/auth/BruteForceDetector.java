package org.timesmith.analysis.auth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Timesketch's brute-force rule, streaming: a successful login from a source address is a
 * brute-forced login when, in the window before it (an hour by default), that address had at least
 * {@code minFailures} failed logins and no more than {@code successThreshold} successes. Events
 * arrive oldest first; per address only the window's attempts are kept, so memory grows with the
 * number of addresses, not of events. A later disconnect of the same session gives the session's
 * length; a long one is likely an attacker at work.
 */
final class BruteForceDetector {

    /** The thresholds (Timesketch's BRUTE_FORCE_WINDOW, _MIN_FAILED_EVENT, success threshold, _MIN_ACCESS_WINDOW). */
    record Options(long windowSeconds, long minFailures, long successThreshold, long minAccessSeconds) {
    }

    /** A brute-forced login: the success and the failures before it; the session length once it ended (-1 until then). */
    static final class Login {
        final AuthEvent success;
        final long failures;
        long durationSeconds = -1;

        Login(AuthEvent success, long failures) {
            this.success = success;
            this.failures = failures;
        }
    }

    /** What one address did over the whole timeline. */
    static final class Source {
        long firstSeen;
        long lastSeen;
        long failures;
        long successes;
        long maxWindowFailures;
        private long windowFailures;
        final List<Login> bruteForced = new ArrayList<>();
    }

    private final Options options;
    private final Map<String, Deque<AuthEvent>> windows = new HashMap<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, Login> awaitingEnd = new HashMap<>();

    BruteForceDetector(Options options) {
        this.options = options;
    }

    void accept(AuthEvent event) {
        if (event.kind() == AuthEvent.Kind.DISCONNECT) {
            Login login = awaitingEnd.remove(event.session());
            if (login != null) {
                login.durationSeconds = event.seconds() - login.success.seconds();
            }
            return;
        }
        if (event.sourceIp().isEmpty() || event.sourceIp().equals("-")) {
            return;
        }
        Source source = sources.computeIfAbsent(event.sourceIp(), ip -> {
            Source s = new Source();
            s.firstSeen = event.seconds();
            return s;
        });
        source.lastSeen = event.seconds();
        Deque<AuthEvent> window = windows.computeIfAbsent(event.sourceIp(), ip -> new ArrayDeque<>());
        while (!window.isEmpty() && window.peekFirst().seconds() < event.seconds() - options.windowSeconds()) {
            if (window.removeFirst().kind() == AuthEvent.Kind.FAILURE) {
                source.windowFailures--;
            }
        }
        window.addLast(event);
        if (event.kind() == AuthEvent.Kind.FAILURE) {
            source.failures++;
            source.maxWindowFailures = Math.max(source.maxWindowFailures, ++source.windowFailures);
            return;
        }
        source.successes++;
        long failures = source.windowFailures;
        long successes = window.size() - failures;
        if (successes <= options.successThreshold() && failures >= options.minFailures()) {
            Login login = new Login(event, failures);
            source.bruteForced.add(login);
            if (!event.session().isEmpty()) {
                awaitingEnd.put(event.session(), login);
            }
        }
    }

    /** The addresses with at least one brute-forced login, in order of first appearance. */
    Map<String, Source> bruteForcingSources() {
        Map<String, Source> found = new LinkedHashMap<>();
        sources.forEach((ip, source) -> {
            if (!source.bruteForced.isEmpty()) {
                found.put(ip, source);
            }
        });
        return found;
    }

    /** Addresses with at least the minimum of failures in one window, whether or not a success followed. */
    long sourcesWithManyFailures() {
        return sources.values().stream().filter(s -> s.maxWindowFailures >= options.minFailures()).count();
    }

    Options options() {
        return options;
    }
}
