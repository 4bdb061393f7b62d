package org.timesmith.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.timesmith.analysis.AnalysisListener;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.LocalAnalysisContext;
import org.timesmith.analysis.session.Sessionizer;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * How fast analyzers can write their results into the embedded store (issue 15's figures): N
 * generated events indexed into a {@link LuceneEventStore}, then one {@code updateEach} of N
 * distinct updates (a number attribute each, as a sessionizer writes), then the {@code sessionizer}
 * analyzer through the real {@link LocalAnalysisContext} and {@link AnalysisRun}, whose commit step
 * is those updates in rounds. Prints events/s of each; the figures are compared against an import's
 * rate (the default analyzers are to run after every import).
 *
 * <pre>BENCH_MAIN=UpdateBench timesmith-bench/bench [events (default 200000)] [work dir (default target/update-bench)]</pre>
 */
public final class UpdateBench {

    private UpdateBench() {
    }

    public static void main(String[] args) throws IOException {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        Path dir = AnalyzerBench.indexDirectory("update bench", events,
                Path.of(args.length > 1 ? args[1] : "target/update-bench"));
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            long start = System.nanoTime();
            AnalyzerBench.write(store, "bench", events);
            double importSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("import: %,.1f s = %,.0f events/s%n", importSeconds, events / importSeconds);
            for (int pass = 1; pass <= 2; pass++) {
                updateEach(store, events, pass);
            }
            sessionizer(store, events);
        }
    }

    /** One updateEach call with a distinct attribute value for every event. */
    private static void updateEach(LuceneEventStore store, long events, int pass) {
        Map<String, EventUpdate> updates = new LinkedHashMap<>();
        for (long i = 0; i < events; i++) {
            updates.put(EventIds.of("bench/1", i), new EventUpdate.SetAttributes(Map.of("bench_pass_" + pass, i)));
        }
        long start = System.nanoTime();
        long updated = store.updateEach("bench", updates);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("updateEach pass %d: %,d of %,d events updated in %,.1f s = %,.0f events/s; load %.1f%n",
                pass, updated, events, seconds, updated / seconds,
                AnalyzerBench.load());
    }

    /** The sessionizer analyzer, whose results are a session id on every event. */
    private static void sessionizer(LuceneEventStore store, long events) {
        LocalAnalysisContext context = new LocalAnalysisContext(1, Map.of(1L, "bench"), Map.of(), store,
                AnalysisListener.NONE);
        long start = System.nanoTime();
        AnalysisResult result = AnalysisRun.run(new Sessionizer(), context);
        double seconds = (System.nanoTime() - start) / 1e9;
        long analyze = step(result, "analyze");
        long commit = step(result, "commit");
        System.out.printf("sessionizer %s: analyze %,d ms, commit %,d ms = %,.0f events/s written;"
                        + " whole run %,.1f s = %,.0f events/s; load %.1f%n",
                result.status(), analyze, commit, events / Math.max(1e-3, commit / 1000.0), seconds, events / seconds,
                AnalyzerBench.load());
        result.error().ifPresent(error -> System.out.println("  error: " + error));
    }

    private static long step(AnalysisResult result, String name) {
        return result.steps().stream().filter(s -> s.name().equals(name)).mapToLong(s -> s.millis()).sum();
    }
}
