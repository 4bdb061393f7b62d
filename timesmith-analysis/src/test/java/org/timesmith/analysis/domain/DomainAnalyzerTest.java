package org.timesmith.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.LocalAnalysisContext;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.lucene.LuceneEventStore;

class DomainAnalyzerTest {

    @TempDir
    Path dir;

    private static Map<String, Object> event(long ts, String field, String value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", "visit " + ts);
        e.put("timestamp", ts);
        e.put("datetime", "2024-01-01T00:00:00Z");
        e.put("timestamp_desc", "Visited");
        if (field != null) {
            e.put(field, value);
        }
        return e;
    }

    @Test
    void addsDomainAndRegistrableDomainToEventsOfTheTimelineOnly() {
        List<Map<String, Object>> events = List.of(
                event(1, "url", "https://news.bbc.co.uk/sport?x=1"),
                event(2, "url", "http://user:pw@WWW.Example.com:8080/path"),
                event(3, "url", "example.com/no-scheme"),
                event(4, "domain", "mail.google.com"),
                event(5, "url", "http://192.168.1.10/admin"),
                event(6, "url", "not a url at all"),
                event(7, null, null),
                event(8, "url", "http://[::1]:80/"),
                event(9, "url", "https://intranet/wiki"));
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "web", 1, events);
            TestTimelines.write(store, "web", 2, events);
            TestTimelines.RecordingListener listener = new TestTimelines.RecordingListener();

            AnalysisResult run = AnalysisRun.run(new DomainAnalyzer(),
                    new LocalAnalysisContext(1, Map.of(1L, "web"), Map.of(), store, listener));

            assertThat(run.created().attributes()).contains("domain", "tld");
            assertThat(run.summary()).isEqualTo("5 domains discovered (4 registrable domains) in 5 events, and 0 known CDN networks found");
            Map<Long, Map<String, Object>> byTs = new HashMap<>();
            try (EventStream stream = store.stream(SearchRequest.builder("web").query("__ts_timeline_id:1").build())) {
                stream.forEachRemaining((StoredEvent e) -> byTs.put(e.timestamp(), e.source()));
            }
            assertThat(byTs.get(1L)).containsEntry("domain", "news.bbc.co.uk").containsEntry("tld", "bbc.co.uk");
            assertThat(byTs.get(2L)).containsEntry("domain", "www.example.com").containsEntry("tld", "example.com");
            assertThat(byTs.get(3L)).containsEntry("domain", "example.com").containsEntry("tld", "example.com");
            assertThat(byTs.get(4L)).containsEntry("domain", "mail.google.com").containsEntry("tld", "google.com");
            assertThat(byTs.get(9L)).containsEntry("domain", "intranet").containsEntry("tld", "intranet");
            for (long ts : List.of(5L, 6L, 7L, 8L)) {
                assertThat(byTs.get(ts)).as("event %d", ts).doesNotContainKey("tld");
            }
            assertThat(store.count(SearchRequest.builder("web").query("__ts_timeline_id:2 AND _exists_:tld").build())).isZero();
            assertThat(listener.lines).contains("example.com: 1 events",
                    "3 events had a url or domain field without a domain name (IP addresses, bad values)");
            assertThat(listener.progress).isEqualTo(8);
        }
    }

    @Test
    void hostsAreExtractedLikeBrowsersShowThem() {
        assertThat(DomainAnalyzer.hostOf("HTTPS://Sub.Example.ORG./a")).contains("sub.example.org");
        assertThat(DomainAnalyzer.hostOf("ftp://files.example.net#frag")).contains("files.example.net");
        assertThat(DomainAnalyzer.hostOf("http://10.0.0.1:8080/")).isEmpty();
        assertThat(DomainAnalyzer.hostOf("")).isEmpty();
        assertThat(DomainAnalyzer.registrableDomain("a.b.github.io")).isEqualTo("b.github.io");
    }
}
