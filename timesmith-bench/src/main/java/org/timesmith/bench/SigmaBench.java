package org.timesmith.bench;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.timesmith.analysis.AnalysisListener;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.AnalyzerResources;
import org.timesmith.analysis.LocalAnalysisContext;
import org.timesmith.analysis.sigma.LiveSigmaRules;
import org.timesmith.analysis.sigma.SigmaAnalyzer;
import org.timesmith.analysis.sigma.SigmaConfig;
import org.timesmith.analysis.sigma.SigmaConverter;
import org.timesmith.analysis.sigma.SigmaException;
import org.timesmith.analysis.sigma.SigmaMatcher;
import org.timesmith.analysis.sigma.SigmaRule;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * Issue 16's figures: the bench timeline (the generated CSV of {@link Bench}) imported with 0, 100
 * and all of SigmaHQ's rules enabled live (events/s and the slowdown against the import without
 * rules just before; target: at most 25 % slower with 100 rules), then the {@code sigma} analyzer
 * with 1,000 rules over the imported timeline (wall time, rules/s). Rules are the shared fixtures'
 * SigmaHQ rules in path order, those that convert with Timesketch's field mapping. A first import
 * without rules warms the JIT up and is not a baseline.
 *
 * <pre>BENCH_MAIN=SigmaBench timesmith-bench/bench [events (1000000)] [rules dir (../shared/fixtures/sigma/rules)]
 *     [work dir (target/sigma-bench)] [analyzer rules (1000; 0: no analyzer run)]</pre>
 */
public final class SigmaBench {

    private SigmaBench() {
    }

    public static void main(String[] args) throws IOException {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        Path rulesDir = Path.of(args.length > 1 ? args[1] : "../shared/fixtures/sigma/rules");
        Path work = Path.of(args.length > 2 ? args[2] : "target/sigma-bench");
        int analyzerRules = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        Files.createDirectories(work);
        Path csv = work.resolve("bench-" + events + ".csv");
        if (!Files.exists(csv)) {
            try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                EventGenerator.writeCsv(events, 42, out);
            }
        }
        SigmaConverter converter = new SigmaConverter(SigmaConfig.timesketch());
        List<SigmaMatcher> matchers = matchers(rulesDir, converter);
        System.out.printf(Locale.ROOT, "sigma bench: %,d events, %d rules convert, -Xmx %d MB, %d cores, load %.1f%n",
                events, matchers.size(), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // The first import warms the JIT up (it took 4x the time of later ones on 2 cores); each
        // measured import with rules is framed by imports without, whose mean is its baseline.
        importWith(work, csv, events, List.of(), "0 rules (warm-up)", 0);
        double before = importWith(work, csv, events, List.of(), "0 rules", 0);
        importWith(work, csv, events, matchers.subList(0, Math.min(100, matchers.size())), "100 rules", before);
        double between = importWith(work, csv, events, List.of(), "0 rules", 0);
        importWith(work, csv, events, matchers, "all " + matchers.size() + " rules", between);
        double after = importWith(work, csv, events, List.of(), "0 rules", 0);
        System.out.printf(Locale.ROOT, "no-rule imports: %.1f s, %.1f s, %.1f s%n", before, between, after);
        if (analyzerRules > 0) {
            analyzer(work, csv, events, matchers.subList(0, Math.min(analyzerRules, matchers.size())), converter);
        }
    }

    /** The active rules of the folder that convert, in path order. */
    private static List<SigmaMatcher> matchers(Path rulesDir, SigmaConverter converter) throws IOException {
        List<SigmaMatcher> matchers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(rulesDir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                try {
                    SigmaRule rule = SigmaRule.parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
                    if (rule.active()) {
                        matchers.add(converter.toMatcher(rule));
                    }
                } catch (SigmaException e) {
                    // Refused rules are the converter test's figure, not this one's.
                }
            }
        }
        return matchers;
    }

    /** Imports the CSV into a fresh store with the rules live; prints and returns the wall time in seconds. */
    private static double importWith(Path work, Path csv, long events, List<SigmaMatcher> matchers, String label,
                                     double baseline) throws IOException {
        List<LiveSigmaRules.Live> live = matchers.stream().map(m -> new LiveSigmaRules.Live(m, new LiveSigmaRules.Stats())).toList();
        LiveSigmaRules rules = new LiveSigmaRules(live);
        Path dir = Files.createTempDirectory(work, "index");
        System.gc();
        long start = System.nanoTime();
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            store.createIndex(Workload.INDEX);
            try (BulkWriter writer = rules.writer(store.bulkWriter(Workload.INDEX))) {
                Workload.importCsv(csv, writer, "bench-sigma");
            }
            store.refresh(Workload.INDEX);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long hits = live.stream().mapToLong(l -> l.stats().hits()).sum();
        long evaluated = live.stream().mapToLong(l -> l.stats().evaluated()).sum();
        double ruleMillis = live.stream().mapToLong(l -> l.stats().nanos()).sum() / 1e6;
        System.out.printf(Locale.ROOT, "import with %-18s %6.1f s = %,7.0f events/s%s; %,d rule evaluations (%.2f per event),"
                        + " %,.0f ms in rules (clock time, timed on a sample of the evaluations and scaled), %,d hits%n", label, seconds, events / seconds,
                baseline > 0 ? String.format(Locale.ROOT, " (%+.1f %% time vs the 0-rule import before)",
                        100 * (seconds / baseline - 1)) : "",
                evaluated, (double) evaluated / events, ruleMillis, hits);
        live.stream().filter(l -> l.stats().hits() > 0 || l.stats().evaluated() > 0)
                .sorted(Comparator.comparingLong((LiveSigmaRules.Live l) -> l.stats().nanos()).reversed()).limit(3)
                .forEach(l -> System.out.printf(Locale.ROOT, "    costliest: %s: %,d evaluations, %.1f ms, %,d hits%n",
                        l.matcher().rule().source(), l.stats().evaluated(), l.stats().nanos() / 1e6, l.stats().hits()));
        live.stream().filter(l -> l.stats().hits() > 0)
                .sorted(Comparator.comparingLong((LiveSigmaRules.Live l) -> l.stats().hits()).reversed()).limit(3)
                .forEach(l -> System.out.printf(Locale.ROOT, "    most hits: %s: %,d hits%n",
                        l.matcher().rule().source(), l.stats().hits()));
        deleteRecursively(dir);
        return seconds;
    }

    /** Imports without live rules, then runs the sigma analyzer with the rules as queries. */
    private static void analyzer(Path work, Path csv, long events, List<SigmaMatcher> matchers, SigmaConverter converter)
            throws IOException {
        Path dir = Files.createTempDirectory(work, "index");
        try (LuceneEventStore store = new LuceneEventStore(dir)) {
            store.createIndex(Workload.INDEX);
            try (BulkWriter writer = store.bulkWriter(Workload.INDEX)) {
                Workload.importCsv(csv, writer, "bench-sigma");
            }
            store.refresh(Workload.INDEX);
            List<SigmaRule> rules = matchers.stream().map(SigmaMatcher::rule).toList();
            SigmaAnalyzer.RuleSource source = SigmaAnalyzer.RuleSource.of(() -> rules, converter);
            System.gc();
            long start = System.nanoTime();
            AnalysisResult result = AnalysisRun.run(new SigmaAnalyzer(), new LocalAnalysisContext(1,
                    Map.of(1L, Workload.INDEX), Map.of(), store, AnalysisListener.NONE, AnalyzerResources.of(source)));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "sigma analyzer, %d rules over %,d events: %.1f s = %.1f rules/s, %s: %s%n",
                    rules.size(), events, seconds, rules.size() / seconds, result.status(),
                    result.error().orElse(result.summary()));
        }
        deleteRecursively(dir);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
