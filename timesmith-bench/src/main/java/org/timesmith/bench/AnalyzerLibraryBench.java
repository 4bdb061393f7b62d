package org.timesmith.bench;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.timesmith.analysis.AnalysisListener;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerRegistry;
import org.timesmith.analysis.LocalAnalysisContext;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.server.analysis.AnalysisAfterImport;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * Issue 15's figures: every analyzer of the library over the bench timeline (the same generated
 * events as {@link Bench}: Windows event log records, file system times, browser history, network
 * connections), one after the other on one store as after an import, each with its events/s, what
 * it found and its heap; then the time of the auto-run set against the import's own time.
 *
 * <pre>BENCH_MAIN=AnalyzerLibraryBench timesmith-bench/bench [events (1000000)] [work dir (target/library-bench)]
 *     [auto-run set, comma-separated (the server's default list)] [analyzers measured, comma-separated (all)]</pre>
 */
public final class AnalyzerLibraryBench {

    private AnalyzerLibraryBench() {
    }

    public static void main(String[] args) throws IOException {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "target/library-bench");
        String autoRunList = args.length > 2 ? args[2] : AnalysisAfterImport.DEFAULT;
        Set<String> autoRun = new TreeSet<>(Arrays.asList(autoRunList.split(",")));
        Set<String> only = args.length > 3 ? Set.of(args[3].split(",")) : Set.of();
        Files.createDirectories(work);
        Path csv = work.resolve("bench-" + events + ".csv");
        if (!Files.exists(csv)) {
            try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                EventGenerator.writeCsv(events, 42, out);
            }
        }
        System.out.printf(Locale.ROOT, "analyzer library bench: %,d events, -Xmx %d MB, %d cores, load %.1f%n", events,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<Analyzer> analyzers = AnalyzerRegistry.discover(AnalyzerLibraryBench.class.getClassLoader()).all().stream()
                .filter(a -> only.isEmpty() || only.contains(a.name())).sorted(Comparator.comparing(Analyzer::name)).toList();
        Path dir = Files.createTempDirectory(work, "index");
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            long start = System.nanoTime();
            store.createIndex(Workload.INDEX);
            try (BulkWriter writer = store.bulkWriter(Workload.INDEX)) {
                Workload.importCsv(csv, writer, "bench-timesmith");
            }
            store.refresh(Workload.INDEX);
            double importSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "import (CSV → store): %.1f s = %,.0f events/s%n", importSeconds,
                    events / importSeconds);
            double autoRunSeconds = 0;
            for (Analyzer analyzer : analyzers) {
                double seconds = measure(store, analyzer, events);
                if (autoRun.contains(analyzer.name())) {
                    autoRunSeconds += seconds;
                }
            }
            if (only.isEmpty()) {
                System.out.printf(Locale.ROOT, "auto-run set %s: %.1f s one after the other = %.2f × the import's %.1f s%n",
                        autoRun, autoRunSeconds, autoRunSeconds / importSeconds, importSeconds);
            }
        }
    }

    /** Runs the analyzer over the timeline; prints and returns its wall time in seconds. */
    private static double measure(LuceneEventStore store, Analyzer analyzer, long events) {
        System.gc();
        long start = System.nanoTime();
        AnalysisResult result;
        HeapMeter.Peaks peaks;
        try (HeapMeter heap = new HeapMeter()) {
            LocalAnalysisContext context = new LocalAnalysisContext(1, Map.of(1L, Workload.INDEX), Map.of(), store,
                    AnalysisListener.NONE);
            result = AnalysisRun.run(analyzer, context);
            peaks = heap.peaks();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long analyze = result.steps().stream().filter(s -> s.name().equals("analyze")).mapToLong(s -> s.millis()).sum();
        long commit = result.steps().stream().filter(s -> s.name().equals("commit")).mapToLong(s -> s.millis()).sum();
        System.out.printf(Locale.ROOT, "%-28s %-7s %7.1f s = %,9.0f events/s (analyze %,d ms, commit %,d ms), heap peak"
                        + " %d MB: %s%n", analyzer.name(), result.status(), seconds, events / seconds, analyze, commit,
                peaks.used() >> 20, result.error().orElse(result.summary()));
        return seconds;
    }
}
