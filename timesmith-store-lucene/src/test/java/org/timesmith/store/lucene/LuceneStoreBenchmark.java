package org.timesmith.store.lucene;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.store.BulkWriter;

/**
 * Prints ingest and query figures for the Lucene store on generated plaso-like events. Not a test:
 * run it by hand ({@code java ... LuceneStoreBenchmark [events] [dir]}); it asserts nothing.
 */
public final class LuceneStoreBenchmark {

    private static final String[] DATA_TYPES = {"windows:evtx:record", "fs:stat", "windows:registry:key_value",
        "chrome:history:page_visited", "windows:prefetch:execution", "syslog:line", "apache:access",
        "windows:lnk:link", "olecf:item", "sqlite:history"};
    private static final String[] WORDS = {"svchost", "explorer", "error", "warning", "login", "logout", "user",
        "admin", "service", "started", "stopped", "connection", "file", "registry", "key", "value", "process",
        "network", "failed", "success", "chrome", "firefox", "download", "update", "system32", "windows"};

    private LuceneStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("timesmith-bench");
        long yearStart = 1_672_531_200_000_000L;
        long step = 365L * 24 * 3600 * 1_000_000 / events;
        Runtime rt = Runtime.getRuntime();
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            store.createIndex("bench");
            SplittableRandom random = new SplittableRandom(42);
            double cpuAtStart = processCpuSeconds();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long producerCpuAtStart = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            try (BulkWriter writer = store.bulkWriter("bench")) {
                for (int i = 0; i < events; i++) {
                    writer.add(event(i, yearStart + i * step + random.nextLong(step), random));
                }
                writer.flush();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double processCpu = processCpuSeconds() - cpuAtStart;
            double producerCpu = (threads.getCurrentThreadCpuTime() - producerCpuAtStart) / 1e9;
            System.out.printf("ingest: %d events in %.1f s = %.0f events/s wall; cpu: process %.1f s, of which"
                    + " generating events %.1f s, so the store needs %.1f us cpu per event; heap used %d MB%n",
                    events, seconds, events / seconds, processCpu, producerCpu,
                    (processCpu - producerCpu) * 1e6 / events, (rt.totalMemory() - rt.freeMemory()) >> 20);
            SearchRequest all = SearchRequest.builder("bench").build();
            long monthStart = yearStart + 120L * 24 * 3600 * 1_000_000;
            long monthEnd = monthStart + 30L * 24 * 3600 * 1_000_000;
            measure("full-text query string", () -> store.search(all.toBuilder().query("svchost AND error").size(40).build()).total());
            measure("query string phrase+field", () -> store.search(all.toBuilder()
                    .query("message:\"process started\" AND data_type:\"fs:stat\"").size(40).build()).total());
            measure("term + time range", () -> store.search(all.toBuilder()
                    .filter(new Filter.Term("data_type", "fs:stat", false))
                    .filter(new Filter.TimeRange(monthStart, monthEnd, false)).size(40).build()).total());
            measure("terms aggregation", () -> store.aggregate(all, new Aggregation.Terms("data_type", 10)));
            measure("hourly date histogram", () -> store.aggregate(all,
                    new Aggregation.DateHistogram(Optional.of(3_600_000_000L), 0)));
            measure("first 500 by time asc", () -> store.search(all.toBuilder().size(500).build()).hits().size());
            measure("first 500 by time desc", () -> store.search(all.toBuilder().size(500).order(SortOrder.DESC)
                    .build()).hits().size());
            measure("count all", () -> store.count(all));
            long streamStart = System.nanoTime();
            long streamed = 0;
            try (var stream = store.stream(all)) {
                while (stream.hasNext()) {
                    stream.next();
                    streamed++;
                }
            }
            System.out.printf("stream: %d events in %.1f s%n", streamed, (System.nanoTime() - streamStart) / 1e9);
        }
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static Event event(int i, long timestamp, SplittableRandom random) {
        Map<String, Object> source = new LinkedHashMap<>();
        StringBuilder message = new StringBuilder();
        for (int w = 0; w < 8; w++) {
            message.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        message.append("pid ").append(random.nextInt(5000));
        source.put("message", message.toString());
        source.put("timestamp", timestamp);
        source.put("datetime", java.time.Instant.ofEpochSecond(timestamp / 1_000_000, (timestamp % 1_000_000) * 1000)
                .toString());
        source.put("timestamp_desc", "Content Modification Time");
        source.put("__ts_timeline_id", 1 + (i % 3));
        source.put("data_type", DATA_TYPES[random.nextInt(DATA_TYPES.length)]);
        source.put("parser", "winevtx");
        source.put("filename", "C:\\Windows\\System32\\winevt\\Logs\\file" + random.nextInt(200) + ".evtx");
        source.put("hostname", "host-" + random.nextInt(20));
        source.put("username", "user" + random.nextInt(50));
        source.put("event_identifier", random.nextInt(10_000));
        source.put("display_name", "TSK:/Windows/System32/winevt/Logs/file" + random.nextInt(200) + ".evtx");
        return new Event(String.format("ev%012d", i), source);
    }

    private static void measure(String name, Supplier<Object> query) {
        for (int i = 0; i < 10; i++) {
            query.get();
        }
        long[] nanos = new long[50];
        long[] cpu = new long[50];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Object result = null;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            result = query.get();
            cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf("%-28s wall p50 %6.1f p95 %6.1f ms | cpu p50 %6.1f p95 %6.1f ms (%s)%n", name,
                nanos[25] / 1e6, nanos[47] / 1e6, cpu[25] / 1e6, cpu[47] / 1e6,
                String.valueOf(result).length() > 60 ? String.valueOf(result).substring(0, 60) + "…" : result);
    }
}
