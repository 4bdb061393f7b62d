package org.timesmith.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.timesmith.core.event.Event;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.ingest.ImportListener;
import org.timesmith.core.ingest.ImportPipeline;
import org.timesmith.core.ingest.ImportSummary;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.normalize.NormalizerOptions;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStore;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Events written straight into a real store as one timeline, and the shared fixtures. */
public final class TestTimelines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestTimelines() {
    }

    public static Path fixture(String relative) {
        Path path = Path.of(System.getProperty("timesmith.fixtures", "../../shared/fixtures")).resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), "fixture " + path + " is absent; skipping");
        return path;
    }

    /**
     * A fixture built for Timesmith's own tests (where no public data exists), from
     * {@code src/test/resources}: a JSON-lines file, one event per line.
     */
    public static List<Map<String, Object>> projectFixture(String resource) throws IOException {
        try {
            return jsonl(Path.of(TestTimelines.class.getResource(resource).toURI()));
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IOException("no test resource " + resource, e);
        }
    }

    /** The events of a JSON-lines file, one map per line. */
    public static List<Map<String, Object>> jsonl(Path file) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                events.add(JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { }));
            }
        }
        return events;
    }

    /** Writes the events into {@code index} as timeline {@code timelineId} and makes them searchable. */
    public static void write(EventStore store, String index, long timelineId, List<Map<String, Object>> events) {
        store.createIndex(index);
        try (BulkWriter writer = store.bulkWriter(index)) {
            long n = 0;
            for (Map<String, Object> source : events) {
                Map<String, Object> copy = new LinkedHashMap<>(source);
                copy.put(Event.TIMELINE_ID, timelineId);
                copy.putIfAbsent(Event.TAG, new ArrayList<>());
                copy.putIfAbsent(Event.LABEL, new ArrayList<>());
                writer.add(new Event(EventIds.of(index + "/" + timelineId, n++), copy));
            }
        }
        store.refresh(index);
    }

    /** How many events of the index match the query. */
    public static long count(EventStore store, String index, String query) {
        return store.count(org.timesmith.core.search.SearchRequest.builder(index).query(query).build());
    }

    /** Runs the analyzer on timeline 1 of the index, with kwargs and host resources. */
    public static AnalysisResult run(Analyzer analyzer, EventStore store, String index, Map<String, Object> kwargs,
                                     Object... resources) {
        return AnalysisRun.run(analyzer, new LocalAnalysisContext(1, Map.of(1L, index), kwargs, store,
                new RecordingListener(), AnalyzerResources.of(resources)));
    }

    /**
     * Imports a file (any format timesmith-core reads: plaso, Zeek, CSV, JSONL) into {@code index}
     * as timeline {@code timelineId} the way the server does (reader, normaliser, bulk writer).
     */
    public static ImportSummary importFile(EventStore store, String index, long timelineId, Path file) throws IOException {
        if (!store.indexExists(index)) {
            store.createIndex(index);
        }
        ImportSummary summary;
        try (EventReader reader = Readers.open(file, ReaderOptions.auto(file.getFileName().toString()));
             BulkWriter writer = store.bulkWriter(index)) {
            summary = ImportPipeline.run(reader, new Normalizer(NormalizerOptions.defaults(index + "-" + file, timelineId)),
                    writer, ImportListener.NONE);
        }
        store.refresh(index);
        return summary;
    }

    /** A listener that keeps the log lines. */
    public static final class RecordingListener implements AnalysisListener {
        public final List<String> lines = new ArrayList<>();
        public long progress;

        @Override
        public void log(String line) {
            lines.add(line);
        }

        @Override
        public void progress(double fraction, long eventsSeen) {
            progress = eventsSeen;
        }
    }
}
