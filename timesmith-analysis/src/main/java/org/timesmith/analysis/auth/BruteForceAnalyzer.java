package org.timesmith.analysis.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.Kwargs;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * What the SSH and Windows brute-force analyzers share (Timesketch's authentication analyzers):
 * read the authentication events once, oldest first, through {@link BruteForceDetector}; then tag
 * and star the events of every brute-forced session, answer the question "was there a successful
 * brute-force login" with one conclusion per attacking address resting on its successful logins,
 * and save a search for the tag. The thresholds are run parameters; the subclasses say which
 * events to read and how to understand them.
 */
abstract class BruteForceAnalyzer implements Analyzer {

    private final BruteForceDetector.Options defaults;

    BruteForceAnalyzer(BruteForceDetector.Options defaults) {
        this.defaults = defaults;
    }

    abstract String query();

    abstract List<String> fields();

    /** The event as an authentication attempt; empty for events this analyzer does not count. */
    abstract Optional<AuthEvent> parse(StoredEvent event);

    /** The tag of the events of a brute-forced session. */
    abstract String tag();

    /** Which events of a brute-forced session to tag (all of them by default). */
    boolean annotates(StoredEvent event) {
        return true;
    }

    abstract String question();

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(
                parameter("window_seconds", "Time before a successful login in which failures count", defaults.windowSeconds()),
                parameter("min_failures", "Failed logins from one address in the window that make a success suspect",
                        defaults.minFailures()),
                parameter("success_threshold", "Most successful logins in the window for it to count as brute force",
                        defaults.successThreshold()),
                parameter("min_access_seconds", "Session length from which a brute-forced login counts as an actor at work",
                        defaults.minAccessSeconds()));
    }

    private static AnalyzerParameter parameter(String name, String description, long value) {
        return new AnalyzerParameter(name, AnalyzerParameter.Type.NUMBER, description, false, Optional.of(Long.toString(value)));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        BruteForceDetector detector = new BruteForceDetector(options(context));
        long authEvents = 0;
        try (EventStream events = context.stream(query(), fields())) {
            while (events.hasNext()) {
                Optional<AuthEvent> auth = parse(events.next());
                if (auth.isPresent()) {
                    authEvents++;
                    detector.accept(auth.get());
                }
            }
        }
        Map<String, BruteForceDetector.Source> attackers = detector.bruteForcingSources();
        if (attackers.isEmpty()) {
            String summary = authEvents == 0 ? "No authentication events" : "No bruteforce activity in " + authEvents + " authentication events";
            return AnalyzerOutcome.noFindings(summary).count("authentication_events", authEvents)
                    .count("bruteforce_logins", 0).count("sources_with_many_failures", detector.sourcesWithManyFailures());
        }
        long tagged = annotateSessions(context, attackers);
        AnalysisContext.Pending question = context.question(question());
        List<String> summaries = new ArrayList<>();
        long logins = 0;
        long longSessions = 0;
        for (Map.Entry<String, BruteForceDetector.Source> attacker : attackers.entrySet()) {
            List<BruteForceDetector.Login> bruteForced = attacker.getValue().bruteForced;
            logins += bruteForced.size();
            summaries.add(bruteForced.size() + " brute force from " + attacker.getKey());
            longSessions += bruteForced.stream().filter(l -> l.durationSeconds >= detector.options().minAccessSeconds()).count();
            context.addConclusion(question, conclusion(attacker.getKey(), attacker.getValue(), detector.options()),
                    bruteForced.stream().map(l -> l.success.event()).toList());
        }
        context.addSavedSearch("Brute force: " + tag(), "tag:\"" + tag() + "\"", "added by " + name());
        return AnalyzerOutcome.success(String.join(", ", summaries)).priority(AnalysisResult.Priority.HIGH)
                .count("authentication_events", authEvents).count("bruteforce_logins", logins)
                .count("bruteforce_sources", attackers.size()).count("events_tagged_bruteforce", tagged)
                .count("sources_with_many_failures", detector.sourcesWithManyFailures())
                .count("long_sessions", longSessions);
    }

    /** Second pass: tags and stars the events of the brute-forced sessions. */
    private long annotateSessions(AnalysisContext context, Map<String, BruteForceDetector.Source> attackers) {
        Set<String> sessions = new HashSet<>();
        attackers.values().forEach(s -> s.bruteForced.forEach(l -> sessions.add(l.success.session())));
        sessions.remove(""); // a login without a session key is still concluded on, but ties no other event to it
        List<EventRef> events = new ArrayList<>();
        try (EventStream stream = context.stream(query(), fields())) {
            while (stream.hasNext()) {
                StoredEvent event = stream.next();
                Optional<AuthEvent> auth = parse(event);
                if (auth.isPresent() && sessions.contains(auth.get().session()) && annotates(event)) {
                    events.add(auth.get().event());
                }
            }
        }
        context.tag(events, List.of(tag()));
        context.label(events, "__ts_star");
        return events.size();
    }

    private static String conclusion(String ip, BruteForceDetector.Source source, BruteForceDetector.Options options) {
        StringBuilder text = new StringBuilder("Brute force from " + ip + " (seen " + Instant.ofEpochSecond(source.firstSeen)
                + " to " + Instant.ofEpochSecond(source.lastSeen) + ", " + source.failures + " failed and "
                + source.successes + " successful logins):");
        for (BruteForceDetector.Login login : source.bruteForced) {
            text.append("\n- successful login as ").append(login.success.username()).append(" at ")
                    .append(Instant.ofEpochSecond(login.success.seconds())).append(" after ").append(login.failures)
                    .append(" failures in ").append(options.windowSeconds()).append(" s");
            if (login.durationSeconds >= 0) {
                text.append("; the session lasted ").append(login.durationSeconds).append(" s");
                if (login.durationSeconds >= options.minAccessSeconds()) {
                    text.append(" (potentially actor activity: long session)");
                }
            }
        }
        return text.toString();
    }

    private BruteForceDetector.Options options(AnalysisContext context) {
        return new BruteForceDetector.Options(Kwargs.positive(context, "window_seconds", defaults.windowSeconds()),
                Kwargs.positive(context, "min_failures", defaults.minFailures()),
                Kwargs.positive(context, "success_threshold", defaults.successThreshold()),
                Kwargs.positive(context, "min_access_seconds", defaults.minAccessSeconds()));
    }
}
