package org.timesmith.analysis.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * Correlation rules over constructed events in a real Lucene store: each of the four types finds
 * the groups whose events fall within the timespan and leaves the others alone, and broken or
 * unsupported correlations fail the run with the reason.
 */
class SigmaCorrelationAnalyzerTest {

    private static final long MINUTE = 60_000_000L;
    private static final SigmaAnalyzer.RuleSource RULES = SigmaAnalyzer.RuleSource.of(List::of,
            new SigmaConverter(SigmaConfig.parse("{}", "no field mapping")));

    private static final String BASE_RULES = """
            title: Failed logon
            id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
            name: failed_login
            logsource: {product: windows, service: security}
            detection:
                selection: {EventID: 4625}
                condition: selection
            ---
            title: Successful logon
            name: successful_login
            logsource: {product: windows, service: security}
            detection:
                selection: {EventID: 4624}
                condition: selection
            ---
            title: Recon whoami
            name: recon_whoami
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {CommandLine|contains: whoami}
                condition: selection
            ---
            title: Recon net user
            name: recon_net
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {CommandLine|contains: 'net user'}
                condition: selection
            """;

    @TempDir
    Path dir;

    private static Map<String, Object> event(long minute, Object... keyValues) {
        Map<String, Object> event = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            event.put((String) keyValues[i], keyValues[i + 1]);
        }
        long timestamp = 1_700_000_000_000_000L + minute * MINUTE;
        event.put("timestamp", timestamp);
        event.put("datetime", java.time.Instant.EPOCH.plus(timestamp, java.time.temporal.ChronoUnit.MICROS).toString());
        event.put("message", "event at minute " + minute);
        return event;
    }

    private static List<Map<String, Object>> events() {
        List<Map<String, Object>> events = new ArrayList<>();
        // alice: 3 failures in 2 minutes, then a success; bob: 3 failures over 20 minutes; carol: 2 failures.
        events.add(event(0, "EventID", 4625, "User", "alice", "SourceIp", "10.0.0.1"));
        events.add(event(1, "EventID", 4625, "User", "alice", "SourceIp", "10.0.0.1"));
        events.add(event(2, "EventID", 4625, "User", "alice", "SourceIp", "10.0.0.1"));
        events.add(event(3, "EventID", 4624, "User", "alice", "SourceIp", "10.0.0.1"));
        events.add(event(0, "EventID", 4625, "User", "bob", "SourceIp", "10.0.0.2"));
        events.add(event(10, "EventID", 4625, "User", "bob", "SourceIp", "10.0.0.2"));
        events.add(event(20, "EventID", 4625, "User", "bob", "SourceIp", "10.0.0.2"));
        events.add(event(30, "EventID", 4624, "User", "carol", "SourceIp", "10.0.0.3"));
        events.add(event(31, "EventID", 4625, "User", "carol", "SourceIp", "10.0.0.3"));
        events.add(event(32, "EventID", 4625, "User", "carol", "SourceIp", "10.0.0.3"));
        // one address spraying three users within 5 minutes
        events.add(event(40, "EventID", 4625, "User", "u1", "SourceIp", "10.9.9.9"));
        events.add(event(41, "EventID", 4625, "User", "u2", "SourceIp", "10.9.9.9"));
        events.add(event(42, "EventID", 4625, "User", "u3", "SourceIp", "10.9.9.9"));
        // recon on ws1 within 3 minutes, on ws2 an hour apart; no Computer: in no group
        events.add(event(50, "CommandLine", "whoami /all", "Computer", "ws1"));
        events.add(event(53, "CommandLine", "net user /domain", "Computer", "ws1"));
        events.add(event(50, "CommandLine", "net user admin", "Computer", "ws2"));
        events.add(event(110, "CommandLine", "whoami", "Computer", "ws2"));
        events.add(event(51, "CommandLine", "whoami"));
        events.add(event(52, "CommandLine", "net user"));
        return events;
    }

    private AnalysisResult run(LuceneEventStore store, String correlation) {
        return TestTimelines.run(new SigmaCorrelationAnalyzer(), store, "events",
                Map.of("rule_yaml", correlation + "\n---\n" + BASE_RULES), RULES);
    }

    private static long tagged(LuceneEventStore store, String title) {
        return TestTimelines.count(store, "events", "tag:\"sigma_" + title + "\"");
    }

    @Test
    void eachCorrelationTypeTagsTheGroupsWithinItsTimespan() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "events", 1, events());

            AnalysisResult count = run(store, """
                    title: Brute force
                    correlation:
                        type: event_count
                        rules: [failed_login]
                        group-by: [User]
                        timespan: 5m
                        condition: {gte: 3}
                    """);
            assertThat(count.status()).as(count.summary()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(count.summary()).isEqualTo("3 events tagged in 1 matching groups for 1 correlation rules");
            assertThat(TestTimelines.count(store, "events", "tag:\"sigma_Brute force\" AND User:alice")).isEqualTo(3);
            assertThat(TestTimelines.count(store, "events", "sigma_correlation:\"Brute force\"")).isEqualTo(3);

            run(store, """
                    title: Spray
                    correlation:
                        type: value_count
                        rules: [53ba33fd-3a50-4468-a5ef-c583635cfa92]
                        group-by: [SourceIp]
                        timespan: 5m
                        condition: {field: User, gte: 3}
                    """);
            assertThat(tagged(store, "Spray")).isEqualTo(3);
            assertThat(TestTimelines.count(store, "events", "tag:\"sigma_Spray\" AND SourceIp:\"10.9.9.9\"")).isEqualTo(3);

            run(store, """
                    title: Recon
                    correlation:
                        type: temporal
                        rules: [recon_whoami, recon_net]
                        group-by: [Computer]
                        timespan: 5m
                    """);
            assertThat(TestTimelines.count(store, "events", "tag:\"sigma_Recon\"")).isEqualTo(2);
            assertThat(TestTimelines.count(store, "events", "tag:\"sigma_Recon\" AND Computer:ws1")).isEqualTo(2);

            run(store, """
                    title: Failure then success
                    correlation:
                        type: temporal_ordered
                        rules: [failed_login, successful_login]
                        group-by: [User]
                        timespan: 2m
                    """);
            // alice: failure at 2, success at 3; carol's success comes before her failures.
            assertThat(tagged(store, "Failure then success")).isEqualTo(2);
            assertThat(TestTimelines.count(store, "events", "tag:\"sigma_Failure then success\" AND User:alice")).isEqualTo(2);

            AnalysisResult none = run(store, """
                    title: Nothing
                    correlation:
                        type: event_count
                        rules: [failed_login]
                        group-by: [User]
                        timespan: 1m
                        condition: {gt: 5}
                    """);
            assertThat(none.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
        }
    }

    @Test
    void brokenAndUnsupportedCorrelationsFailWithTheReason() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "events", 1, events());
            Map<String, String> broken = new LinkedHashMap<>();
            broken.put("title: A\ncorrelation: {type: event_count, rules: [failed_login], group-by: [User], timespan: 5 minutes,"
                    + " condition: {gte: 2}}", "timespan '5 minutes'");
            broken.put("title: A\ncorrelation: {type: sometimes, rules: [failed_login], timespan: 5m}", "correlation type 'sometimes'");
            broken.put("title: A\ncorrelation: {type: event_count, rules: [no_such_rule], timespan: 5m, condition: {gte: 2}}",
                    "'no_such_rule', which is neither");
            broken.put("title: A\ncorrelation: {type: event_count, rules: [failed_login], timespan: 5m}", "needs a condition");
            broken.put("title: A\ncorrelation: {type: value_count, rules: [failed_login], timespan: 5m, condition: {gte: 2}}",
                    "needs the field");
            broken.put("title: A\ncorrelation: {type: event_count, rules: [failed_login], timespan: 5m, condition: {about: 2}}",
                    "'about: 2'");
            broken.put("title: A\nname: inner\ncorrelation: {type: event_count, rules: [failed_login], timespan: 5m,"
                    + " condition: {gte: 2}}\n---\ntitle: B\ncorrelation: {type: temporal, rules: [inner, successful_login],"
                    + " timespan: 5m}", "correlations of correlations");
            broken.put("title: [unclosed", "not valid YAML");
            broken.put("title: only a rule\ndetection: {sel: {a: b}, condition: sel}", "no correlation rule");
            broken.forEach((yaml, reason) -> {
                AnalysisResult result = run(store, yaml);
                assertThat(result.status()).as(yaml).isEqualTo(AnalysisResult.Status.ERROR);
                assertThat(result.error()).as(yaml).hasValueSatisfying(e -> assertThat(e).contains(reason));
            });
            AnalysisResult missing = TestTimelines.run(new SigmaCorrelationAnalyzer(), store, "events", Map.of(), RULES);
            assertThat(missing.error()).hasValueSatisfying(e -> assertThat(e).contains("rule_yaml"));
        }
    }
}
