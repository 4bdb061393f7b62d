package org.timesmith.analysis.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timesmith.analysis.TestTimelines.count;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalyzerConfigFiles;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.analysis.accounts.AccountFinderAnalyzer;
import org.timesmith.analysis.support.RuleFiles;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * feature_extraction's default files on the real System.evtx plaso file (7045 service installs)
 * and on the Chrome history built for the browser tests (accounts in Gmail, GitHub and LinkedIn
 * URLs), then account_finder over what it found; a deployment's own files; broken rules.
 */
class FeatureExtractionAnalyzerTest {

    static final String HISTORY = "/org/timesmith/analysis/browser/chrome_history.jsonl";

    @TempDir
    Path dir;

    @Test
    void windowsServiceInstallsGetTheirStringsAsAttributes() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"))) {
            TestTimelines.importFile(store, "evtx", 1, TestTimelines.fixture("plaso/evtx_20250918.plaso"));

            AnalysisResult result = TestTimelines.run(new FeatureExtractionAnalyzer(), store, "evtx", Map.of());

            assertThat(result.summary()).isEqualTo("regex: 20 events from 1 features; winevt: 24 events from 1 features");
            assertThat(count(store, "evtx", "_exists_:service_name")).isEqualTo(24);
            assertThat(count(store, "evtx", "service_name:PsExec AND image_path:*PSEXESVC.EXE AND start_type:\"demand start\""))
                    .isEqualTo(8);
            assertThat(count(store, "evtx", "service_name:Mnemosyne AND service_type:\"kernel mode driver\"")).isEqualTo(6);
            assertThat(count(store, "evtx", "_exists_:service_image_path")).isEqualTo(20);
            assertThat(count(store, "evtx", "service_image_path:\"%SystemRoot%\\\\PSEXESVC.EXE\"")).isEqualTo(8);
            assertThat(result.created().savedViews()).hasSize(1);
            assertThat(result.created().aggregations()).hasSize(1);
        }
    }

    @Test
    void accountsInBrowserHistoryAndTheAccountFinder() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"))) {
            TestTimelines.write(store, "web", 1, TestTimelines.projectFixture(HISTORY));

            AnalysisResult features = TestTimelines.run(new FeatureExtractionAnalyzer(), store, "web", Map.of("plugin", "regex"));

            assertThat(features.summary()).isEqualTo("regex: 48 events from 4 features; winevt: 0 events from 0 features");
            assertThat(features.counts()).containsEntry("features_failed", 0L);
            assertThat(count(store, "web", "email_address:\"jane.doe.dfir@gmail.com\" AND tag:\"email-address\"")).isEqualTo(23);
            assertThat(count(store, "web", "found_account:\"jane.doe.dfir@gmail.com\" AND tag:\"gmail-account\"")).isEqualTo(23);
            assertThat(count(store, "web", "found_account:\"janedoe-dfir\" AND tag:\"github-account\"")).isEqualTo(1);
            assertThat(count(store, "web", "found_account:\"jane-doe-dfir\" AND tag:\"linkedin-account\"")).isEqualTo(1);
            assertThat(count(store, "web", "__ts_emojis:\"&#x1F194\"")).isEqualTo(25);

            AnalysisResult accounts = TestTimelines.run(new AccountFinderAnalyzer(), store, "web", Map.of());

            assertThat(accounts.priority()).isEqualTo(AnalysisResult.Priority.LOW);
            assertThat(accounts.counts()).containsEntry("accounts", 3L)
                    .containsEntry("gmail-account:jane.doe.dfir@gmail.com", 23L)
                    .containsEntry("github-account:janedoe-dfir", 1L).containsEntry("linkedin-account:jane-doe-dfir", 1L);
        }
    }

    @Test
    void aDeploymentsFeaturesWithMultimatchListsAndMerging() throws IOException {
        Files.writeString(dir.resolve("regex_features.yaml"), """
                all_words:
                  query_string: 'data_type:"syslog:line"'
                  attribute: 'message'
                  store_as: 'words'
                  re: '\\b([a-z]{7,})\\b'
                  keep_multimatch: true
                  store_type_list: true
                  tags: ['long-words']
                first_word:
                  query_string: 'data_type:"syslog:line"'
                  attribute: 'message'
                  store_as: 'words'
                  re: '(INFO)'
                  overwrite_store_as: false
                  tags: ['never-overwrites']
                broken:
                  attribute: 'message'
                  re: '(unclosed'
                  store_as: 'x'
                """);
        Files.writeString(dir.resolve("winevt_features.yaml"), "bad_mapping:\n  source_name: [x]\n  event_identifier: 1\n");
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"))) {
            TestTimelines.importFile(store, "syslog", 1, TestTimelines.fixture("plaso/plaso_test_data_psort_test.plaso"));

            AnalysisResult result = TestTimelines.run(new FeatureExtractionAnalyzer(), store, "syslog", Map.of(),
                    new AnalyzerConfigFiles(dir));

            assertThat(result.counts()).containsEntry("features_failed", 2L).containsEntry("regex_features_matched", 1L);
            long tagged = count(store, "syslog", "tag:\"long-words\"");
            assertThat(tagged).isPositive().isEqualTo(result.counts().get("regex_events"));
            assertThat(count(store, "syslog", "tag:\"never-overwrites\"")).isZero();
            assertThat(result.summary()).endsWith("2 features could not run");
        }
    }

    @Test
    void storedValuesFollowTimesketchsOverwriteRules() {
        RegexFeature keepAll = RegexFeature.parse("f", RuleFiles.parse("""
                f:
                  attribute: a
                  store_as: b
                  re: '(\\d+)'
                  keep_multimatch: true
                """, "test").rules().get("f"));
        assertThat(keepAll.valueFor(keepAll.extract("3 1 2 1"), null)).contains("1,2,3");
        assertThat(keepAll.valueFor(keepAll.extract(List.of("7", "8")), List.of("9"))).contains(List.of("7", "8"));
        assertThat(keepAll.valueFor(keepAll.extract("none"), null)).isEmpty();
        RegexFeature merge = RegexFeature.parse("f", RuleFiles.parse("""
                f:
                  attribute: a
                  store_as: b
                  re: '(\\d+)'
                  overwrite_and_merge_store_as: true
                """, "test").rules().get("f"));
        assertThat(merge.valueFor(merge.extract("5"), "4")).contains("4,5");
        assertThat(merge.valueFor(merge.extract("5"), List.of("4"))).isEqualTo(Optional.of(List.of("4", "5")));
    }

    @Test
    void brokenFeatureFilesAndArguments() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"))) {
            TestTimelines.write(store, "web", 1, TestTimelines.projectFixture(HISTORY));
            assertThat(TestTimelines.run(new FeatureExtractionAnalyzer(), store, "web", Map.of("plugin", "yara")).summary())
                    .isEqualTo("plugin must be regex or winevt, not yara");
            assertThat(TestTimelines.run(new FeatureExtractionAnalyzer(), store, "web", Map.of("feature_name", "nope")).summary())
                    .isEqualTo("no feature nope in regex_features.yaml or winevt_features.yaml");
            Files.writeString(dir.resolve("winevt_features.yaml"), "{{{");
            AnalysisResult broken = TestTimelines.run(new FeatureExtractionAnalyzer(), store, "web", Map.of(),
                    new AnalyzerConfigFiles(dir));
            assertThat(broken.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(broken.summary()).contains("winevt_features.yaml is not valid YAML");
            assertThat(count(store, "web", "_exists_:found_account")).isZero();
            assertThat(TestTimelines.run(new AccountFinderAnalyzer(), store, "web", Map.of()).summary())
                    .isEqualTo("Account finder was unable to extract any accounts.");
        }
    }
}
