package org.timesmith.analysis.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timesmith.analysis.TestTimelines.count;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.lucene.LuceneEventStore;

/** similarity_scorer on the real System.evtx plaso file, and exact scores on a few messages. */
class SimilarityScorerAnalyzerTest {

    @TempDir
    Path dir;

    @Test
    void everyEventOfTheRealEventLogIsScoredPerDataType() throws IOException {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.importFile(store, "evtx", 1, TestTimelines.fixture("plaso/evtx_20250918.plaso"));

            AnalysisResult result = TestTimelines.run(new SimilarityScorerAnalyzer(), store, "evtx", Map.of());

            assertThat(result.summary()).isEqualTo("Similarity scorer processed 3205 events of 2 data types");
            assertThat(result.counts()).containsEntry("data_type:windows:evtx:record", 3202L)
                    .containsEntry("data_type:fs:stat", 3L);
            assertThat(count(store, "evtx", "_exists_:similarity_score")).isEqualTo(3205);
            Map<String, Double> scoreOfMessage = new HashMap<>();
            List<Double> serviceStates = new ArrayList<>();
            List<Double> crashes = new ArrayList<>();
            try (EventStream events = store.stream(SearchRequest.builder("evtx").query("data_type:\"windows:evtx:record\"").build())) {
                events.forEachRemaining((StoredEvent e) -> {
                    double score = ((Number) e.source().get("similarity_score")).doubleValue();
                    Double before = scoreOfMessage.putIfAbsent((String) e.source().get("message"), score);
                    assertThat(before == null || before == score).as("same message, same score").isTrue();
                    assertThat(score).isGreaterThan(0).isLessThanOrEqualTo(1);
                    if (String.valueOf(e.source().get("event_identifier")).equals("7036")) {
                        serviceStates.add(score);
                    } else if (String.valueOf(e.source().get("event_identifier")).equals("1001")) {
                        crashes.add(score);
                    }
                });
            }
            // the 2576 service state changes are routine, the 2 bug checks stand out
            assertThat(serviceStates.stream().mapToDouble(d -> d).min().orElseThrow())
                    .isGreaterThan(crashes.stream().mapToDouble(d -> d).max().orElseThrow());
        }
    }

    @Test
    void nearDuplicatesCountAsNeighbours() throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String message : List.of("service Alpha entered the running state", "service Alpha entered the running state",
                "service Alpha entered the stopped state", "kernel power failure detected at boot")) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", message);
            e.put("timestamp", (long) events.size());
            e.put("datetime", "1970-01-01T00:00:00Z");
            e.put("timestamp_desc", "t");
            e.put("data_type", "test:line");
            events.add(e);
        }
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "t", 1, events);
            AnalysisResult result = TestTimelines.run(new SimilarityScorerAnalyzer(), store, "t", Map.of("data_type", "test:line"));
            assertThat(result.counts()).containsEntry("events_scored", 4L);
            // Jaccard of the running/stopped word sets is 5/7, above 0.5: three neighbours each
            assertThat(count(store, "t", "similarity_score:0.75")).isEqualTo(3);
            assertThat(count(store, "t", "similarity_score:0.25 AND message:kernel")).isEqualTo(1);
            assertThat(TestTimelines.run(new SimilarityScorerAnalyzer(), store, "t", Map.of("num_perm", "0")).summary())
                    .isEqualTo("num_perm must be a positive whole number, not 0");
        }
        assertThat(MinHashLsh.optimalBands(0.5, 128)[0] * MinHashLsh.optimalBands(0.5, 128)[1]).isLessThanOrEqualTo(128);
        assertThat(MinHashLsh.mulMod((1L << 61) - 2, (1L << 32) - 1))
                .isEqualTo(java.math.BigInteger.valueOf((1L << 61) - 2).multiply(java.math.BigInteger.valueOf((1L << 32) - 1))
                        .mod(java.math.BigInteger.valueOf((1L << 61) - 1)).longValue());
    }
}
