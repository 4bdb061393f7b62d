package org.timesmith.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisListener;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.LocalAnalysisContext;
import org.timesmith.core.event.Event;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * The analyzer platform's figure (issue 14): N generated events in the embedded Lucene store,
 * streamed through an analyzer that adds one conclusion per 1,000 events (its first event as the
 * fact) through the real {@link LocalAnalysisContext} and {@link AnalysisRun} (buffered findings,
 * commit with fact labels). Prints events/s of the analyzer step and of the whole run, the commit
 * time and the peak heap, for the sequential stream and for the parallel {@code forEachEvent}, beside
 * the store's own stream (the ceiling), twice: on a cold JVM and warm. Each run adds its conclusions
 * and fact labels again (new ids), as a forced re-run would.
 *
 * <pre>java -Xmx256m -cp "timesmith-bench/target/timesmith-bench-*.jar:timesmith-bench/target/lib/*" \
 *     org.timesmith.bench.AnalyzerBench [events (default 1000000)] [work dir (default target/analyzer-bench)]</pre>
 */
public final class AnalyzerBench {

    private static final int EVERY = 1000;

    private AnalyzerBench() {
    }

    /** Streams every event, one conclusion per {@value #EVERY} events; {@code parallel}: through forEachEvent. */
    record ConclusionEvery(boolean parallel) implements Analyzer {
        @Override
        public String name() {
            return parallel ? "bench_conclusions_parallel" : "bench_conclusions";
        }

        @Override
        public String displayName() {
            return name();
        }

        @Override
        public String description() {
            return "one conclusion per " + EVERY + " events";
        }

        @Override
        public AnalyzerOutcome run(AnalysisContext context) {
            AnalysisContext.Pending question = context.question("Benchmark: which events start a group?");
            AtomicLong seen = new AtomicLong();
            if (parallel) {
                context.forEachEvent("*", List.of("message"), event -> consider(context, question, seen, event));
            } else {
                try (EventStream events = context.stream("*", List.of("message"))) {
                    while (events.hasNext()) {
                        consider(context, question, seen, events.next());
                    }
                }
            }
            return AnalyzerOutcome.success(seen.get() + " events");
        }

        private static void consider(AnalysisContext context, AnalysisContext.Pending question, AtomicLong seen,
                                     StoredEvent event) {
            if (seen.getAndIncrement() % EVERY == 0) {
                context.addConclusion(question, "group at " + event.id(), List.of(EventRef.of(event)));
            }
        }
    }

    public static void main(String[] args) throws IOException {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path dir = indexDirectory("analyzer bench", events, Path.of(args.length > 1 ? args[1] : "target/analyzer-bench"));
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            long start = System.nanoTime();
            write(store, "bench", events);
            System.out.printf("generated and indexed in %.1f s%n", (System.nanoTime() - start) / 1e9);
            // Two passes: the first runs on a cold JVM, the second on JIT-compiled code as a server does.
            for (int pass = 1; pass <= 2; pass++) {
                System.out.println("pass " + pass + (pass == 1 ? " (cold JVM)" : " (warm)"));
                baseline(store, events);
                for (boolean parallel : new boolean[] {false, true}) {
                    measure(store, new ConclusionEvery(parallel), events);
                }
            }
        }
    }

    /**
     * A fresh index directory under the work directory, after printing what the figures depend on
     * (events, heap, cores and the load average of the shared machine).
     */
    static Path indexDirectory(String bench, long events, Path work) throws IOException {
        Files.createDirectories(work);
        Path dir = Files.createTempDirectory(work, "index");
        System.out.printf("%s: %,d events, -Xmx %d MB, %d cores, load %.1f%n", bench, events,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), load());
        return dir;
    }

    /** The system load average, printed beside figures taken on a shared machine. */
    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void measure(LuceneEventStore store, Analyzer analyzer, long events) {
        System.gc();
        AnalysisResult result;
        long start = System.nanoTime();
        HeapMeter.Peaks peaks;
        try (HeapMeter heap = new HeapMeter()) {
            LocalAnalysisContext context = new LocalAnalysisContext(1, Map.of(1L, "bench"), Map.of(), store,
                    AnalysisListener.NONE);
            result = AnalysisRun.run(analyzer, context);
            peaks = heap.peaks();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long analyzeMillis = result.steps().stream().filter(s -> s.name().equals("analyze")).mapToLong(s -> s.millis()).sum();
        long commitMillis = result.steps().stream().filter(s -> s.name().equals("commit")).mapToLong(s -> s.millis()).sum();
        System.out.printf("%-28s %s: %,d events seen, %,d conclusions; analyze %,d ms = %,.0f events/s;"
                        + " commit %,d ms; whole run %,.0f events/s; peak heap used %d MB, peak live after GC %d MB%n",
                analyzer.name(), result.status(), result.counts().get("events_seen"), result.created().conclusions().size(),
                analyzeMillis, events / Math.max(1e-3, analyzeMillis / 1000.0), commitMillis, events / seconds,
                peaks.used() >> 20, peaks.liveAfterGc() >> 20);
        if (result.status() == AnalysisResult.Status.ERROR) {
            System.out.println("  error: " + result.error().orElse(""));
        }
    }

    /** The store's own stream over the same events, without the analyzer platform: the ceiling. */
    private static void baseline(LuceneEventStore store, long events) {
        long start = System.nanoTime();
        long n = 0;
        try (EventStream stream = store.stream(org.timesmith.core.search.SearchRequest.builder("bench").query("*")
                .fields(List.of("message")).build())) {
            while (stream.hasNext()) {
                stream.next();
                n++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-28s %,d events in %,.1f s = %,.0f events/s%n", "raw store stream", n, seconds, n / seconds);
    }

    static void write(LuceneEventStore store, String index, long events) {
        write(store, index, events, (event, i) -> { });
    }

    /** As {@link #write(LuceneEventStore, String, long)}, {@code plant} changing event {@code i} before it is written. */
    static void write(LuceneEventStore store, String index, long events,
                      java.util.function.ObjLongConsumer<Map<String, Object>> plant) {
        store.createIndex(index);
        long start = 1_709_251_200_000_000L;
        try (BulkWriter writer = store.bulkWriter(index)) {
            for (long i = 0; i < events; i++) {
                long ts = start + i * 1_000_000L;
                Map<String, Object> e = new LinkedHashMap<>();
                e.put(Event.MESSAGE, "event " + i + " user " + (i % 97) + " host h" + (i % 13));
                e.put(Event.TIMESTAMP, ts);
                e.put(Event.DATETIME, Instant.ofEpochSecond(ts / 1_000_000).toString());
                e.put(Event.TIMESTAMP_DESC, "Generated");
                e.put(Event.DATA_TYPE, "bench:event");
                e.put(Event.TIMELINE_ID, 1L);
                e.put(Event.TAG, new ArrayList<>());
                e.put(Event.LABEL, new ArrayList<>());
                plant.accept(e, i);
                writer.add(new Event(EventIds.of(index + "/1", i), e));
            }
        }
        store.refresh(index);
    }
}
