package org.timesmith.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.Findings;
import org.timesmith.analysis.LocalAnalysisContext;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.reader.SourceRecord;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.store.lucene.LuceneEventStore;

/** The traffic analyzer over RITA's real "missing host" sensor data in a real Lucene store. */
class TrafficAnalyzerTest {

    private static final String SENSOR = "64.225.56.201";
    private static final String BEACON_SOURCE = "73.54.23.243";

    @TempDir
    Path dir;

    private static List<Map<String, Object>> fixtureEvents() throws IOException {
        Path root = TestTimelines.fixture("zeek/rita_missing_host");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            // only the conn logs: the analyzer reads zeek:conn events, the other logs would only be skipped
            files = walk.filter(p -> p.getFileName().toString().startsWith("conn.")
                    && p.getFileName().toString().endsWith(".log.gz")).sorted().toList();
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (Path file : files) {
            try (EventReader reader = Readers.open(file, ReaderOptions.auto(root.relativize(file).toString()))) {
                while (reader.hasNext()) {
                    ReadItem item = reader.next();
                    if (item instanceof SourceRecord record) {
                        Map<String, Object> event = new LinkedHashMap<>(record.fields());
                        if (event.get("timestamp") instanceof Number micros) {
                            event.putIfAbsent("datetime", Instant.EPOCH.plusNanos(micros.longValue() * 1_000).toString());
                        }
                        event.putIfAbsent("message", "zeek");
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    @Test
    void theBeaconAndTheOddWindowsBecomeTagsSavedSearchesConclusionsAndAStory() throws Exception {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "zeek", 1, fixtureEvents());
            TestTimelines.RecordingListener listener = new TestTimelines.RecordingListener();
            LocalAnalysisContext context = new LocalAnalysisContext(1, Map.of(1L, "zeek"),
                    Map.of("internal_networks", SENSOR + "/32", "top", "3"), store, listener);

            AnalysisResult run = AnalysisRun.run(new TrafficAnalyzer(), context);
            System.out.println(run.summary() + " " + run.steps() + " " + run.counts());

            assertThat(run.status()).isEqualTo(AnalysisResult.Status.SUCCESS);
            assertThat(run.summary()).contains("anomalous days", "beacons scoring at least 0.80");
            assertThat(run.created().tags()).contains(TrafficAnalyzer.BEACON_TAG, TrafficAnalyzer.ANOMALY_TAG);
            // every connection of the injected beacon (950 HTTP + 1 ICMP), and nothing else of that pair
            assertThat(store.count(SearchRequest.builder("zeek").query("tag:\"beacon\" AND id.orig_h:\"" + BEACON_SOURCE
                    + "\"").build())).isEqualTo(951);

            List<Object> objects = context.objects().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(Map.Entry::getValue).toList();
            List<Findings.SavedSearch> searches = objects.stream().filter(o -> o instanceof Findings.SavedSearch)
                    .map(o -> (Findings.SavedSearch) o).toList();
            List<Findings.Conclusion> conclusions = objects.stream().filter(o -> o instanceof Findings.Conclusion)
                    .map(o -> (Findings.Conclusion) o).toList();
            List<Findings.Question> questions = objects.stream().filter(o -> o instanceof Findings.Question)
                    .map(o -> (Findings.Question) o).toList();
            assertThat(questions).extracting(Findings.Question::text)
                    .contains("Which hosts are beaconing?", "Which network traffic is anomalous?");

            Findings.SavedSearch beacon = searches.stream().filter(s -> s.name().startsWith("Beacon: ")).findFirst().orElseThrow();
            assertThat(beacon.name()).isEqualTo("Beacon: " + BEACON_SOURCE + " → " + SENSOR);
            assertThat(store.count(SearchRequest.builder("zeek").query(beacon.query()).build())).isEqualTo(951);
            Findings.Conclusion beaconConclusion = conclusions.stream()
                    .filter(c -> c.text().startsWith(BEACON_SOURCE + " → " + SENSOR)).findFirst().orElseThrow();
            assertThat(beaconConclusion.facts()).as("all 951 events are facts").hasSize(951);

            // each saved search of a finding finds events
            for (Findings.SavedSearch search : searches) {
                assertThat(store.count(SearchRequest.builder("zeek").query(search.query()).build()))
                        .as(search.name() + ": " + search.query()).isPositive();
            }
            assertThat(searches).anyMatch(s -> s.name().startsWith("Traffic anomaly: "));

            Findings.Story story = objects.stream().filter(o -> o instanceof Findings.Story).map(o -> (Findings.Story) o)
                    .findFirst().orElseThrow();
            assertThat(story.blocks().get(1)).contains("| " + BEACON_SOURCE + " | " + SENSOR + " |");
            List<String> images = story.blocks().stream().filter(b -> b.startsWith("![")).toList();
            assertThat(images).isNotEmpty();
            for (String image : images) {
                String base64 = image.substring(image.indexOf("base64,") + 7, image.length() - 1);
                wellFormed(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
            }
            assertThat(run.steps()).extracting(AnalysisResult.StepTiming::name)
                    .contains("read series and beacons", "find the events of the findings", "findings");
        }
    }

    @Test
    void withoutZeekConnEventsThereAreNoFindingsAndNothingIsWritten() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "other", 1, List.of(Map.of("message", "hello", "timestamp", 1L,
                    "datetime", "1970-01-01T00:00:00Z", "data_type", "syslog:line")));
            LocalAnalysisContext context = new LocalAnalysisContext(1, Map.of(1L, "other"), Map.of(), store,
                    new TestTimelines.RecordingListener());

            AnalysisResult run = AnalysisRun.run(new TrafficAnalyzer(), context);

            assertThat(run.status()).isEqualTo(AnalysisResult.Status.NO_FINDINGS);
            assertThat(run.summary()).contains("no Zeek conn events");
            assertThat(context.objects()).isEmpty();
        }
    }

    @Test
    void aBadArgumentIsAClearError() {
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            TestTimelines.write(store, "other", 1, List.of(Map.of("message", "x", "timestamp", 1L,
                    "datetime", "1970-01-01T00:00:00Z")));
            for (Map<String, Object> kwargs : List.of(Map.<String, Object>of("internal_networks", "10.0.0.0/33"),
                    Map.<String, Object>of("wavelet", "db99"), Map.<String, Object>of("top", "0"),
                    Map.<String, Object>of("timezone", "Mars/Olympus"))) {
                LocalAnalysisContext context = new LocalAnalysisContext(1, Map.of(1L, "other"), kwargs, store,
                        new TestTimelines.RecordingListener());
                assertThatThrownBy(() -> new TrafficAnalyzer().run(context)).as(kwargs.toString())
                        .isInstanceOf(AnalysisException.class).hasMessageContaining("invalid traffic analyzer argument");
            }
        }
    }

    @Test
    void everyArgumentTheRunReadsIsDeclaredAsAParameter() {
        assertThat(new TrafficAnalyzer().parameters()).extracting(org.timesmith.analysis.AnalyzerParameter::name)
                .containsExactly("internal_networks", "timezone", "wavelet", "level", "top", "beacon_threshold",
                        "include_incomplete_days", "include_ntp");
    }

    @Test
    void chartsAreWellFormedSvgAndRealPng() throws Exception {
        TrafficSeries series = new TrafficSeries(new SeriesKey("http", Direction.ALL), TrafficMetric.CONNECTIONS, 15,
                List.of(java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 1, 2)),
                new double[][] {java.util.stream.DoubleStream.generate(() -> Double.NaN).limit(96).toArray(), java.util.stream.DoubleStream.iterate(0, v -> v + 1).limit(96).toArray()});
        TrafficChart chart = TrafficCharts.dailyCurves(series, java.util.Set.of(java.time.LocalDate.of(2024, 1, 2)));
        assertThat(chart.name()).isEqualTo("curves-http-all-connections");
        String svg = chart.svg();
        wellFormed(svg);
        assertThat(svg).contains("2024-01-02", "#d62728", "<polyline").doesNotContain("NaN");
        byte[] png = chart.png();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(javax.imageio.ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(chart.width());
    }

    private static void wellFormed(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        assertThat(factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement().getLocalName()).isEqualTo("svg");
    }
}
