package org.timesmith.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timesmith.analysis.TestTimelines.count;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * The full domain analyzer and phishy_domains on the Chrome history built for the browser tests
 * (19 domains, three look-alikes of google.com, facebook.com and github.com), and the domain
 * analyzer on the real Zeek DNS log of RITA's sample (query field).
 */
class DomainOnRealAndBrowserDataTest {

    static final String HISTORY = "/org/timesmith/analysis/browser/chrome_history.jsonl";

    @TempDir
    Path dir;

    @Test
    void rareCommonAndCdnDomainsOfABrowserHistory() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "web", 1, TestTimelines.projectFixture(HISTORY));

            AnalysisResult result = TestTimelines.run(new DomainAnalyzer(), store, "web", Map.of());

            assertThat(result.counts()).containsEntry("domains", 19L).containsEntry("events_with_domain", 209L)
                    .containsEntry("cdn_providers", 3L).containsEntry("cdn_events", 25L)
                    .containsEntry("rare_domain_events", 7L).containsEntry("rare_domain_max_count", 1L)
                    .containsEntry("common_domain_min_count", 18L);
            assertThat(count(store, "web", "tag:\"rare-domain\"")).isEqualTo(7);
            assertThat(count(store, "web", "tag:\"known-cdn\"")).isEqualTo(25);
            assertThat(count(store, "web", "cdn_provider:\"Amazon CloudFront\"")).isEqualTo(11);
            assertThat(count(store, "web", "cdn_provider:Google AND domain:\"fonts.gstatic.com\"")).isEqualTo(13);
            assertThat(count(store, "web", "is_common_domain:true")).isEqualTo(82);
            assertThat(count(store, "web", "domain:\"github.com\" AND domain_count:31 AND tld:\"github.com\"")).isEqualTo(31);
            assertThat(count(store, "web", "tld:\"google.com\"")).isEqualTo(51);
            assertThat(result.created().aggregations()).hasSize(1);
        }
    }

    @Test
    void lookAlikesOfWatchedDomainsAreTagged() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "web", 1, TestTimelines.projectFixture(HISTORY));

            AnalysisResult result = TestTimelines.run(new PhishyDomainsAnalyzer(), store, "web", Map.of());

            assertThat(result.summary()).isEqualTo("3 potentially phishy domains discovered.");
            assertThat(result.counts()).containsEntry("phishy_domains", 3L).containsEntry("phishy_events", 3L);
            assertThat(count(store, "web", "tag:\"phishy-domain\"")).isEqualTo(3);
            assertThat(count(store, "web", "similar_to:\"google.com\" AND url:*gooogle* AND similarity_score:1.0")).isEqualTo(1);
            assertThat(count(store, "web", "similar_to:\"facebook.com\"")).isEqualTo(1);
            assertThat(count(store, "web", "similar_to:\"github.com\"")).isEqualTo(1);
            assertThat(count(store, "web", "__ts_emojis:\"&#x2620\" AND __ts_emojis:\"&#x1F3A3\"")).isEqualTo(3);
            assertThat(result.created().savedViews()).hasSize(1);
        }
    }

    @Test
    void excludedDomainsAndAStricterThreshold() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "web", 1, TestTimelines.projectFixture(HISTORY));

            AnalysisResult excluded = TestTimelines.run(new PhishyDomainsAnalyzer(), store, "web",
                    Map.of("exclude_domains", "github.com,gitthub.com"));
            // github.com is no longer watched, and gitthub.com (now known) is not like any watched domain
            assertThat(excluded.summary()).isEqualTo("2 potentially phishy domains discovered.");

            AnalysisResult broken = TestTimelines.run(new PhishyDomainsAnalyzer(), store, "web", Map.of("threshold", "1.5"));
            assertThat(broken.status()).isEqualTo(AnalysisResult.Status.ERROR);
            assertThat(broken.summary()).isEqualTo("threshold must be a number from 0 to 1, not 1.5");
        }
        assertThat(new DomainSimilarity(Map.of("google.com", 2), 0.75).similar("mail.google.com")).isEmpty();
        assertThat(new DomainSimilarity(Map.of("google.com", 2), 0.75).similar("localhost")).isEmpty();
        assertThat(new DomainSimilarity(Map.of("google.com", 2), 0.75).similar("example.com")).isEmpty();
    }

    @Test
    void theRealZeekDnsLogByItsQueryField() throws IOException {
        Path root = TestTimelines.fixture("zeek/rita_missing_host/2024-04-19");
        try (LuceneEventStore store = new LuceneEventStore(dir); Stream<Path> files = Files.list(root)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("dns.")).sorted().toList()) {
                TestTimelines.importFile(store, "dns", 1, file);
            }

            AnalysisResult result = TestTimelines.run(new DomainAnalyzer(), store, "dns",
                    Map.of("domain_fields", "query", "url_fields", ""));

            // 1833 queries of 205 names; 7 names (54 queries) are service names with underscores or "*",
            // not host names: 198 domains in 1779 events. Per-name counts: 20th percentile 3, 85th 6.
            assertThat(result.counts()).containsEntry("events_with_domain", 1779L).containsEntry("domains", 198L)
                    .containsEntry("rare_domain_max_count", 3L).containsEntry("common_domain_min_count", 6L)
                    .containsEntry("rare_domain_events", 213L).containsEntry("cdn_providers", 1L)
                    .containsEntry("cdn_events", 4L).containsEntry("registrable_domains", 86L);
            assertThat(count(store, "dns", "_exists_:domain")).isEqualTo(1779);
            assertThat(count(store, "dns", "tag:\"rare-domain\"")).isEqualTo(213);
            assertThat(count(store, "dns", "tag:\"known-cdn\" AND domain:\"d2h67oheeuigaw.cloudfront.net\"")).isEqualTo(4);
        }
    }
}
