package org.timesmith.analysis.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timesmith.analysis.TestTimelines.count;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * gcp_logging and gcp_servicekey on Google Cloud audit log entries as plaso's GCP parser gives them,
 * built for these tests ({@code gcp/gcp_audit.jsonl}: 12 gcp:log:json entries of an intrusion: a
 * service account and key created, IAM policy, instance, firewall and network changes, one entry
 * without actor; and one unrelated syslog line). No public GCP audit log fixture exists.
 */
class GcpAnalyzersTest {

    static final String AUDIT = "/org/timesmith/analysis/gcp/gcp_audit.jsonl";

    @TempDir
    Path dir;

    @Test
    void securityRelevantMethodsAreTaggedAndIdentitiesCollected() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "gcp", 1, TestTimelines.projectFixture(AUDIT));

            AnalysisResult result = TestTimelines.run(new GcpLoggingAnalyzer(), store, "gcp", Map.of());

            assertThat(result.summary()).isEqualTo("GCP logging analyzer completed with 7 resource types extracted.");
            assertThat(result.counts()).containsEntry("gcp_events", 12L).containsEntry("gcp_events_tagged", 9L)
                    .containsEntry("gcp_identities", 4L).containsEntry("gcp_instances", 2L)
                    .containsEntry("gcp_serviceAccounts", 2L).containsEntry("gcp_buckets", 1L);
            assertThat(count(store, "gcp", "tag:\"service-account-created\"")).isEqualTo(2);
            assertThat(count(store, "gcp", "tag:\"service-account-key-created\"")).isEqualTo(1);
            assertThat(count(store, "gcp", "tag:\"iam-policy-changed\"")).isEqualTo(1);
            assertThat(count(store, "gcp", "tag:\"gce-instance-created\" AND tag:\"default-service-account\"")).isEqualTo(1);
            assertThat(count(store, "gcp", "tag:\"default-service-account\"")).isEqualTo(2);
            assertThat(count(store, "gcp", "tag:\"fw-rule-created\"")).isEqualTo(1);
            assertThat(count(store, "gcp", "tag:\"network-created\"")).isEqualTo(1);
            assertThat(count(store, "gcp", "tag:\"compute-metadata-changed\"")).isEqualTo(2);
            assertThat(result.created().savedViews()).hasSize(4);
        }
    }

    @Test
    void serviceAccountActionsAreTagged() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "gcp", 1, TestTimelines.projectFixture(AUDIT));

            AnalysisResult result = TestTimelines.run(new GcpServiceKeyAnalyzer(), store, "gcp", Map.of());

            assertThat(result.counts()).containsEntry("service_key_events", 5L).containsEntry("service_key_events_tagged", 4L);
            assertThat(count(store, "gcp", "tag:\"service-account-created\"")).isEqualTo(1);
            assertThat(count(store, "gcp", "tag:\"gce-instance-created\"")).isEqualTo(1);
            assertThat(count(store, "gcp", "tag:\"fw-rule-created\"")).isEqualTo(1);
            assertThat(count(store, "gcp", "tag:\"network-created\"")).isEqualTo(1);
            assertThat(result.created().savedViews()).hasSize(1);
        }
    }

    @Test
    void aTimelineWithoutGcpLogsHasNoFindings() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "other", 1, List.of(Map.of("message", "m", "timestamp", 1L,
                    "datetime", "1970-01-01T00:00:00Z", "timestamp_desc", "t", "methodName", 42)));
            assertThat(TestTimelines.run(new GcpLoggingAnalyzer(), store, "other", Map.of()).status())
                    .isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(TestTimelines.run(new GcpServiceKeyAnalyzer(), store, "other", Map.of()).status())
                    .isEqualTo(AnalysisResult.Status.NO_FINDINGS);
        }
    }
}
