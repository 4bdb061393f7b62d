package org.timesmith.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.timesmith.client.ConnectionSettings;
import org.timesmith.client.ImportStreamer;
import org.timesmith.client.Sketch;
import org.timesmith.client.Timeline;
import org.timesmith.client.TimesketchClient;

/**
 * The client benchmark of the client issue. The server runs in a child JVM (embedded storage, random
 * port), so this JVM's heap is the client's alone. Prints, for the same generated N-event timeline:
 * the server-side upload rate (the raw CSV through {@code POST upload/} in chunks, as
 * {@link ServerBench} measures it), {@link ImportStreamer#addFile} of the CSV, and
 * {@link ImportStreamer#addDict} of N maps, each until the timeline is ready, in events/s with the
 * ratio to the server-side rate, and the client's peak heap during the two client phases. Usage:
 * {@code ClientBench [--events N] [--work DIR] [--server-heap 2g]}.
 */
public final class ClientBench {

    private static final Duration READY_TIMEOUT = Duration.ofHours(2);

    private long events = 1_000_000;
    private Path work = Path.of("target", "client-bench-work");
    private String serverHeap = "2g";
    private final long seed = 20240301;

    public static void main(String[] args) throws Exception {
        ClientBench bench = new ClientBench();
        bench.parse(args);
        bench.run();
        BenchCli.finish();
    }

    private void parse(String[] args) {
        BenchCli cli = BenchCli.parse(args, Map.of("--events", "N", "--work", "DIR", "--server-heap", "SIZE"),
                Set.of());
        events = cli.longValue("--events", events);
        work = cli.path("--work", work);
        serverHeap = cli.text("--server-heap", serverHeap);
    }

    private void run() throws Exception {
        Path csv = ServerBench.freshCsv(work, "bench.csv", events, seed);
        System.out.printf(Locale.ROOT, "generated %,d events, %.1f MB of CSV; client -Xmx %d MB%n", events,
                Files.size(csv) / 1e6, Runtime.getRuntime().maxMemory() >> 20);

        try (ServerChild server = ServerChild.start(work.resolve("home"), serverHeap, true, Map.of())) {
            String url = server.url();
            ServerBench.Client raw = ServerBench.Client.login(url);

            // A small import first, so the server's JIT and caches are warm for the measured phases alike.
            long warmUp = raw.post("/api/v1/sketches/", Map.of("name", "warm-up", "description", ""))
                    .path("objects").get(0).get("id").asLong();
            ServerBench.waitUntilDone(raw, warmUp, ServerBench.upload(raw, warmUp, warmUpCsv(), "warm-up"));

            long sketchId = raw.post("/api/v1/sketches/", Map.of("name", "raw upload", "description", ""))
                    .path("objects").get(0).get("id").asLong();
            long started = System.nanoTime();
            long timelineId = ServerBench.upload(raw, sketchId, csv, "raw");
            String status = ServerBench.waitUntilDone(raw, sketchId, timelineId);
            double uploadRate = ServerBench.count(raw, sketchId) / seconds(started);
            System.out.printf(Locale.ROOT, "server-side upload (raw CSV through POST upload/) until %s: %,.0f events/s%n",
                    status, uploadRate);

            TimesketchClient client = TimesketchClient.connect(ConnectionSettings.userpass(url, "bench",
                    ServerBench.PASSWORD));
            measure("ImportStreamer.addFile(CSV)", client, raw, uploadRate, streamer -> streamer.addFile(csv));
            measure("ImportStreamer.addDict(" + String.format(Locale.ROOT, "%,d", events) + " maps)", client, raw,
                    uploadRate, streamer -> {
                        EventGenerator generator = new EventGenerator(seed);
                        for (long i = 0; i < events; i++) {
                            streamer.addDict(asMap(generator.next(events)));
                        }
                    });
            System.out.println("targets: addDict ≥ 0.7 × the server-side upload rate; client peak heap ≤ 256 MB");
        }
    }

    private Path warmUpCsv() throws IOException {
        Path csv = work.resolve("warm-up.csv");
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            EventGenerator.writeCsv(Math.min(events, 20_000), seed + 1, out);
        }
        return csv;
    }

    private interface Feed {
        void into(ImportStreamer streamer) throws IOException;
    }

    private void measure(String what, TimesketchClient client, ServerBench.Client raw, double uploadRate, Feed feed)
            throws IOException {
        Sketch sketch = client.createSketch(what, "");
        long started = System.nanoTime();
        Timeline timeline;
        HeapMeter.Peaks peaks;
        try (HeapMeter heap = new HeapMeter()) {
            ImportStreamer streamer = new ImportStreamer(sketch).timelineName(what);
            feed.into(streamer);
            timeline = streamer.closeAndWait(READY_TIMEOUT);
            peaks = heap.peaks();
        }
        double rate = ServerBench.count(raw, sketch.id()) / seconds(started);
        System.out.printf(Locale.ROOT, "%s until %s: %,.0f events/s (%.2f × server-side upload); client heap peak"
                        + " %d MB in use, %d MB live after GC%n", what, timeline.status(), rate, rate / uploadRate,
                peaks.used() >> 20, peaks.liveAfterGc() >> 20);
    }

    /** A generated row as the map a user would hand to addDict: the non-empty columns. */
    private static Map<String, Object> asMap(String[] row) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int c = 0; c < row.length; c++) {
            if (!row[c].isEmpty()) {
                entry.put(EventGenerator.COLUMNS.get(c), row[c]);
            }
        }
        return entry;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
