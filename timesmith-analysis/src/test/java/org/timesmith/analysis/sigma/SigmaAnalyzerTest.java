package org.timesmith.analysis.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.AnalyzerResources;
import org.timesmith.analysis.LocalAnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.lucene.LuceneEventStore;

/** The Sigma analyzer on a real Lucene store with Timesketch's Sigma test events. */
class SigmaAnalyzerTest {

    private static final SigmaConverter CONVERTER = new SigmaConverter(SigmaConfig.timesketch());

    static final String ZMAP = """
            title: Zmap installed
            id: 5266a592-b793-11ea-b3de-0242ac130004
            status: test
            logsource:
                product: linux
                service: shell
            detection:
                keywords:
                    - 'apt-get install zmap'
                condition: keywords
            """;
    static final String FOO_OR_BAZ = """
            title: Foo or baz
            id: 11111111-2222-3333-4444-555555555555
            logsource:
                product: anything
            detection:
                selection:
                    extra_field_1:
                        - foo
                        - baz
                condition: selection
            """;
    static final String NOTHING = """
            title: Never
            id: 22222222-2222-3333-4444-555555555555
            logsource:
                product: anything
            detection:
                selection:
                    message|contains: 'no such text anywhere'
                condition: selection
            """;
    static final String UNSUPPORTED = """
            title: Fieldref
            id: 33333333-2222-3333-4444-555555555555
            logsource:
                product: anything
            detection:
                selection:
                    User|fieldref: ParentUser
                condition: selection
            """;
    static final String DEPRECATED = """
            title: Old
            id: 44444444-2222-3333-4444-555555555555
            status: deprecated
            logsource:
                product: anything
            detection:
                keywords:
                    - message
                condition: keywords
            """;

    @TempDir
    Path dir;
    private LuceneEventStore store;

    @BeforeEach
    void writeEvents() throws IOException {
        store = new LuceneEventStore(dir);
        List<Map<String, Object>> events = TestTimelines.jsonl(
                TestTimelines.fixture("timesketch/e2e_test_data/sigma_events.jsonl"));
        TestTimelines.write(store, "sigma", 1, events);
        TestTimelines.write(store, "sigma", 2, events);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static SigmaRule rule(String yaml) {
        return SigmaRule.parse(yaml, "test");
    }

    /** Runs the analyzer the way the server does (buffered, committed on success); the result. */
    private AnalysisResult run(List<SigmaRule> rules, TestTimelines.RecordingListener listener, Map<String, Object> kwargs) {
        return AnalysisRun.run(new SigmaAnalyzer(), new LocalAnalysisContext(7, Map.of(1L, "sigma"), kwargs, store, listener,
                AnalyzerResources.of(SigmaAnalyzer.RuleSource.of(() -> rules, CONVERTER))));
    }

    private List<List<String>> tags(long timeline) {
        List<List<String>> tags = new ArrayList<>();
        try (EventStream stream = store.stream(SearchRequest.builder("sigma")
                .query("__ts_timeline_id:" + timeline).build())) {
            while (stream.hasNext()) {
                StoredEvent event = stream.next();
                @SuppressWarnings("unchecked")
                List<String> eventTags = (List<String>) event.source().get("tag");
                tags.add(eventTags);
            }
        }
        return tags;
    }

    @Test
    void tagsMatchingEventsOfTheTimelineOnlyAndReportsEveryRule() {
        List<SigmaRule> rules = List.of(rule(ZMAP), rule(FOO_OR_BAZ), rule(NOTHING), rule(UNSUPPORTED), rule(DEPRECATED));
        TestTimelines.RecordingListener listener = new TestTimelines.RecordingListener();

        AnalysisResult result = run(rules, listener, Map.of());

        assertThat(result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
        assertThat(result.created().tags()).containsExactly("sigma_Zmap installed", "sigma_Foo or baz");
        assertThat(result.summary()).isEqualTo("3 events tagged for 2 rules (1 of 4 rules could not run; see the log)");
        assertThat(tags(1)).containsExactlyInAnyOrder(List.of("sigma_Foo or baz"), List.of(), List.of("sigma_Foo or baz"),
                List.of("sigma_Zmap installed"));
        assertThat(tags(2)).allMatch(List::isEmpty);
        assertThat(listener.lines).anyMatch(l -> l.startsWith("1 events tagged sigma_Zmap installed in "))
                .anyMatch(l -> l.startsWith("2 events tagged sigma_Foo or baz in ")).anyMatch(l -> l.startsWith("slowest rules: "));
        assertThat(result.counts()).containsEntry("sigma_Zmap installed", 1L).containsEntry("sigma_Foo or baz", 2L);
        assertThat(listener.lines).anyMatch(l -> l.startsWith("skipped rule 'test': modifier 'fieldref'"));
    }

    @Test
    void ruleUuidRestrictsTheRunAndAnUnknownOneIsAnError() {
        List<SigmaRule> rules = List.of(rule(ZMAP), rule(FOO_OR_BAZ));
        TestTimelines.RecordingListener listener = new TestTimelines.RecordingListener();
        assertThat(run(rules, listener, Map.of("rule_uuid", "5266a592-b793-11ea-b3de-0242ac130004")).summary())
                .isEqualTo("1 events tagged for 1 rules");
        AnalysisResult unknown = run(rules, listener, Map.of("rule_uuid", "nope"));
        assertThat(unknown.status()).isEqualTo(AnalysisResult.Status.ERROR);
        assertThat(unknown.error()).hasValueSatisfying(e -> assertThat(e).contains("nope"));
    }

    @Test
    void aRunWhereNoRuleCanRunFails() {
        AnalysisResult result = run(List.of(rule(UNSUPPORTED)), new TestTimelines.RecordingListener(), Map.of());
        assertThat(result.status()).isEqualTo(AnalysisResult.Status.ERROR);
        assertThat(result.summary()).contains("None of the 1 Sigma rules");
    }

    @Test
    void noRulesTagNothing() {
        AnalysisResult result = run(List.of(), new TestTimelines.RecordingListener(), Map.of());
        assertThat(result.summary()).isEqualTo("0 events tagged for 0 rules");
        assertThat(result.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
    }

    @Test
    void convertedFixtureRulesAreQueriesTheLuceneStoreAccepts() throws IOException {
        Path rules = SigmaConverterTest.fixtures();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(rules)) {
            files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        // Every third rule (about a thousand): running all of them costs a minute of CPU for little more.
        files = java.util.stream.IntStream.range(0, files.size()).filter(i -> i % 3 == 0).mapToObj(files::get).toList();
        List<String> refused = new ArrayList<>();
        int run = 0;
        for (Path file : files) {
            String query;
            try {
                query = CONVERTER.toQuery(SigmaRule.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (SigmaException e) {
                continue;
            }
            try {
                store.count(SearchRequest.builder("sigma").query(query).build());
                run++;
            } catch (RuntimeException e) {
                String message = e.toString();
                refused.add(file.getFileName() + ": " + message.substring(Math.max(0, message.length() - 120)));
            }
        }
        System.out.printf("Lucene store ran %d converted fixture rule queries, refused %d%n", run, refused.size());
        refused.forEach(r -> System.out.println("  " + r));
        // Only size limits of Lucene may refuse a converted rule (a rule ORing thousands of hashes,
        // a regex too complex to determinise); never the syntax of the query.
        assertThat(refused).hasSizeLessThan(5)
                .allMatch(r -> r.contains("too many boolean clauses") || r.contains("Determinizing automaton"));
    }
}
