package org.timesmith.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.timesmith.core.ingest.CrashPoint;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * The crash drill of the reliability issue at full size: for each {@link CrashPoint} of a chunked
 * upload (staging, indexing, commit, ready) the server runs in a child JVM ({@link ServerChild}) that
 * stops at the point, is killed with SIGKILL there, and is started again on the same data directory;
 * the client sends the upload again under the same chunk key and waits for the timeline. Prints, per
 * point, the outcome, the events counted through the API, the distinct event ids read back from the
 * Lucene index, and the seconds from the restart to {@code ready}. Usage: {@code CrashBench
 * [--events N] [--work DIR] [--server-heap 2g]}.
 */
public final class CrashBench {

    private static final Duration TO_THE_POINT = Duration.ofMinutes(30);

    private long events = 1_000_000;
    private Path work = Path.of("target", "crash-bench-work");
    private String serverHeap = "2g";
    private final List<String> summary = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        CrashBench bench = new CrashBench();
        BenchCli cli = BenchCli.parse(args, Map.of("--events", "N", "--work", "DIR", "--server-heap", "SIZE"),
                Set.of());
        bench.events = cli.longValue("--events", bench.events);
        bench.work = cli.path("--work", bench.work);
        bench.serverHeap = cli.text("--server-heap", bench.serverHeap);
        bench.run();
        BenchCli.finish();
    }

    private void run() throws Exception {
        Path csv = ServerBench.freshCsv(work, "crash.csv", events, 20240301);
        System.out.printf(Locale.ROOT, "generated %,d events, %.1f MB of CSV in %d chunks%n", events,
                Files.size(csv) / 1e6, ServerBench.chunks(csv));
        drill(csv, CrashPoint.STAGING, Math.max(1, ServerBench.chunks(csv) / 2));
        drill(csv, CrashPoint.INDEXING, Math.max(1, events / 2));
        drill(csv, CrashPoint.COMMIT, 1);
        drill(csv, CrashPoint.READY, 1);
        System.out.printf(Locale.ROOT, "%n== crash drill, %,d events, kill -9 at each point ==%n", events);
        summary.forEach(System.out::println);
    }

    private void drill(Path csv, String point, long after) throws Exception {
        Path home = work.resolve("home-" + point);
        long sketchId;
        try (ServerChild first = ServerChild.start(home, serverHeap, true, Map.of(CrashPoint.PROPERTY, point,
                CrashPoint.AFTER_PROPERTY, String.valueOf(after)))) {
            ServerBench.Client client = ServerBench.Client.login(first.url());
            sketchId = client.post("/api/v1/sketches/", Map.of("name", "crash " + point, "description", ""))
                    .path("objects").get(0).get("id").asLong();
            Thread uploader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    ServerBench.upload(client, sketchId, csv, "crash", "crash-" + point);
                } catch (Exception | AssertionError e) {
                    // the server is killed under the upload at the staging point
                }
            });
            first.awaitLine(CrashPoint.MARKER + point, TO_THE_POINT);
            first.kill();
            uploader.join(Duration.ofMinutes(1));
        }
        long restarted = System.nanoTime();
        String status;
        long counted;
        String index;
        try (ServerChild second = ServerChild.start(home, serverHeap, false, Map.of())) {
            ServerBench.Client client = ServerBench.Client.login(second.url());
            long timelineId = ServerBench.upload(client, sketchId, csv, "crash", "crash-" + point);
            status = ServerBench.waitUntilDone(client, sketchId, timelineId);
            counted = ServerBench.count(client, sketchId);
            index = client.get("/api/v1/sketches/" + sketchId + "/timelines/" + timelineId + "/").path("objects").get(0)
                    .path("searchindex").path("index_name").asString();
        }
        double seconds = (System.nanoTime() - restarted) / 1e9;
        long stored = 0;
        Set<String> ids = new HashSet<>();
        try (LuceneEventStore store = new LuceneEventStore(home.resolve("index"));
             EventStream stream = store.stream(SearchRequest.builder(index).build())) {
            while (stream.hasNext()) {
                ids.add(stream.next().id());
                stored++;
            }
        }
        boolean exact = status.equals("ready") && counted == events && stored == events && ids.size() == events;
        String line = String.format(Locale.ROOT, "killed at %-9s after restart: %s in %.1f s, %,d events counted,"
                        + " %,d stored, %,d distinct ids  %s", point, status, seconds, counted, stored, ids.size(),
                exact ? "EXACT" : "WRONG");
        System.out.println(line);
        summary.add(line);
        ServerBench.deleteRecursively(home);
    }
}
