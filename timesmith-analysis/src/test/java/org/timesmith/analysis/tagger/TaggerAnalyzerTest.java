package org.timesmith.analysis.tagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timesmith.analysis.TestTimelines.count;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalyzerConfigFiles;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.store.lucene.LuceneEventStore;

/** The tagger's default rules on the real System.evtx plaso file, and a deployment's own rules. */
class TaggerAnalyzerTest {

    @TempDir
    Path dir;

    @Test
    void defaultRulesTagTheRealSystemEventLog() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"))) {
            TestTimelines.importFile(store, "evtx", 1, TestTimelines.fixture("plaso/evtx_20250918.plaso"));

            AnalysisResult result = TestTimelines.run(new TaggerAnalyzer(), store, "evtx", Map.of());

            assertThat(result.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(result.summary()).startsWith("312 events tagged for 5 of 17 rules (default tags.yaml)");
            assertThat(result.counts()).containsEntry("rules", 17L).containsEntry("rules_matched", 5L)
                    .containsEntry("rules_failed", 0L).containsEntry("rule:windows_service_installed", 24L);
            assertThat(count(store, "evtx", "tag:\"service-installed\"")).isEqualTo(24);
            assertThat(count(store, "evtx", "tag:\"service-start-type-changed\"")).isEqualTo(204);
            assertThat(count(store, "evtx", "tag:\"system-boot\"")).isEqualTo(20);
            assertThat(count(store, "evtx", "tag:\"system-shutdown\"")).isEqualTo(18);
            assertThat(count(store, "evtx", "tag:\"time-changed\"")).isEqualTo(46);
            assertThat(count(store, "evtx", "_exists_:__ts_emojis")).isEqualTo(24);
            assertThat(count(store, "evtx", "__ts_emojis:\"&#x2728\" AND __ts_emojis:\"&#x1F682\"")).isEqualTo(24);
            assertThat(result.created().savedViews()).hasSize(1);
            assertThat(result.created().tags()).containsExactlyInAnyOrder("service-installed",
                    "service-start-type-changed", "system-boot", "system-shutdown", "time-changed");
        }
    }

    @Test
    void aDeploymentsRulesReplaceTheDefaultsWithDynamicTagsExpressionsAndLabels() throws IOException {
        Files.writeString(dir.resolve("tags.yaml"), """
                syslog_reporter:
                  query_string: 'data_type:"syslog:line"'
                  tags: ['syslog', '$reporter']
                  modifiers: ['upper']
                  labels: ['__ts_star']
                  emojis: ['LOCK']
                  save_search: true
                  search_name: 'Syslog by reporter'
                no_content:
                  query_string: 'data_type:"syslog:line"'
                  regular_expression: 'no new content'
                  re_flags: ['re.IGNORECASE']
                  re_attribute: 'message'
                  tags: ['no-content']
                  emojis: ['VALIDATE']
                broken_expression:
                  query_string: '*'
                  regular_expression: '(unclosed'
                  re_attribute: 'message'
                  tags: ['never']
                unknown_emoji:
                  query_string: '*'
                  tags: ['never']
                  emojis: ['NO_SUCH_EMOJI']
                """);
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"))) {
            TestTimelines.importFile(store, "syslog", 1, TestTimelines.fixture("plaso/plaso_test_data_psort_test.plaso"));

            AnalysisResult result = TestTimelines.run(new TaggerAnalyzer(), store, "syslog", Map.of(),
                    new AnalyzerConfigFiles(dir));

            assertThat(result.counts()).containsEntry("rules", 4L).containsEntry("rules_failed", 2L)
                    .containsEntry("rule:syslog_reporter", 13L);
            assertThat(count(store, "syslog", "tag:syslog")).isEqualTo(13);
            assertThat(count(store, "syslog", "tag:CLIENT")).isPositive();
            assertThat(count(store, "syslog", "tag:never")).isZero();
            assertThat(count(store, "syslog", "timesketch_label.name:__ts_star")).isEqualTo(13);
            long noContent = count(store, "syslog", "tag:\"no-content\"");
            assertThat(noContent).isPositive().isEqualTo(result.counts().get("rule:no_content"));
            // both rules' emojis are kept on the events both rules matched
            assertThat(count(store, "syslog", "__ts_emojis:\"&#x1F512\" AND __ts_emojis:\"&#x2705\"")).isEqualTo(noContent);
            assertThat(result.summary()).contains(dir.resolve("tags.yaml").toString()).endsWith("2 rules could not run");
        }
    }

    @Test
    void oneRuleByNameAndBrokenInputs() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"))) {
            TestTimelines.importFile(store, "evtx", 1, TestTimelines.fixture("plaso/evtx_20250918.plaso"));

            AnalysisResult one = TestTimelines.run(new TaggerAnalyzer(), store, "evtx",
                    Map.of("tag", "windows_service_installed"));
            assertThat(one.summary()).startsWith("24 events tagged for 1 of 1 rules");

            AnalysisResult unknown = TestTimelines.run(new TaggerAnalyzer(), store, "evtx", Map.of("tag", "nope"));
            assertThat(unknown.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(unknown.summary()).startsWith("no rule nope in default tags.yaml");

            Files.writeString(dir.resolve("tags.yaml"), "rule: [not, a, mapping\n");
            AnalysisResult broken = TestTimelines.run(new TaggerAnalyzer(), store, "evtx", Map.of(),
                    new AnalyzerConfigFiles(dir));
            assertThat(broken.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(broken.summary()).contains("is not valid YAML");

            Files.writeString(dir.resolve("tags.yaml"), "- a list\n- not a mapping\n");
            assertThat(TestTimelines.run(new TaggerAnalyzer(), store, "evtx", Map.of(), new AnalyzerConfigFiles(dir))
                    .summary()).endsWith("must be a mapping of rule name to rule");
            assertThat(count(store, "evtx", "tag:*")).isEqualTo(24);
        }
    }
}
