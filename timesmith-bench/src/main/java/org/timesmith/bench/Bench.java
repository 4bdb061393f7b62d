package org.timesmith.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The ingest and search benchmark: generates a deterministic realistic timeline as CSV, then in one
 * run imports it into Timesmith's Lucene store and into a real OpenSearch node loaded like
 * Timesketch loads it, and prints ingest rate, heap, index size, query latencies and the ratio
 * Timesmith/OpenSearch of each figure. {@code --stream} generates the events on the fly through a
 * pipe (nothing stored) and measures Timesmith's import only. Usage is in docs/benchmarks.md.
 */
public final class Bench {

    private long events = 1_000_000;
    private boolean stream;
    /** Both stores import events generated on the fly through a pipe, once, without a warm-up: the 10M mode. */
    private boolean generate;
    private boolean withOpenSearch = true;
    private Path work = Path.of("target", "bench-work");
    private long seed = 20240301;
    /** Measured after ~600k events of a fresh JVM, JIT compilation had stopped changing the rate. */
    private long warmUpEvents = 500_000;
    private int warmups = 10;
    private int runs = 50;

    /** The figures of one store. */
    private record Result(String engine, long indexed, double seconds, long cpuNanos, double megabytes,
                          HeapMeter.Peaks heap, long indexBytes, List<Engine.Query> queries, List<Latency> latencies) {
        double eventsPerSecond() {
            return indexed / seconds;
        }

        double cpuMicrosPerEvent() {
            return cpuNanos / 1e3 / indexed;
        }
    }

    /** CPU time of this whole process (all threads). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        bench.parse(args);
        if (bench.stream) {
            bench.runStream();
        } else {
            bench.runComparison();
        }
        BenchCli.finish();
    }

    private void parse(String[] args) {
        BenchCli cli = BenchCli.parse(args, Map.of("--events", "N", "--work", "DIR", "--seed", "S",
                "--warm-up-events", "N", "--warmups", "N", "--runs", "N"), Set.of("--stream", "--no-opensearch", "--generate"));
        events = cli.longValue("--events", events);
        stream = cli.has("--stream");
        generate = cli.has("--generate");
        withOpenSearch = !cli.has("--no-opensearch");
        work = cli.path("--work", work);
        seed = cli.longValue("--seed", seed);
        warmUpEvents = cli.longValue("--warm-up-events", warmUpEvents);
        warmups = cli.intValue("--warmups", warmups);
        runs = cli.intValue("--runs", runs);
        if (runs < 1 || warmups < 0 || events < 1 || warmUpEvents < 0) {
            throw new IllegalArgumentException(
                    "--events and --runs must be positive, --warmups and --warm-up-events not negative");
        }
    }

    private void runComparison() throws Exception {
        if (generate) {
            runGeneratedComparison();
            return;
        }
        Path csv = generatedCsv(work, events, seed);
        // other events than the measured ones, so that no cache of the first import helps the second
        Optional<Path> warmUpCsv = warmUpEvents == 0 ? Optional.empty()
                : Optional.of(generatedCsv(work, warmUpEvents, seed + 1));
        printHeader(Files.size(csv));
        System.out.println(warmUpCsv.isEmpty() ? "no warm-up: each store imports in a cold JVM"
                : String.format(Locale.ROOT, "warm-up: each store first imports %,d other events into a scratch index"
                        + " and deletes it (JIT compilation, as in a running server)", warmUpEvents));
        List<Result> results = new ArrayList<>();
        results.add(measure(new TimesmithEngine(clean(work.resolve("timesmith"))), csv, warmUpCsv));
        if (withOpenSearch) {
            results.add(measure(new OpenSearchEngine(clean(work.resolve("opensearch"))), csv, warmUpCsv));
        }
        printResults(results);
    }

    /**
     * The comparison at sizes whose CSV would not fit the disk comfortably (10M events are 3.3 GB):
     * each store imports the events once, generated on the fly through a named pipe (the same seed,
     * so the same events), with no warm-up import; the queries then run as in the normal comparison.
     */
    private void runGeneratedComparison() throws Exception {
        Files.createDirectories(work);
        printHeader(-1);
        System.out.println("generated: each store imports the events once through a pipe, no warm-up import");
        List<Result> results = new ArrayList<>();
        results.add(measureGenerated(new TimesmithEngine(clean(work.resolve("timesmith")))));
        if (withOpenSearch) {
            results.add(measureGenerated(new OpenSearchEngine(clean(work.resolve("opensearch")))));
        }
        printResults(results);
    }

    private Result measureGenerated(Engine engine) throws Exception {
        Path fifo = work.resolve("events.fifo");
        Files.deleteIfExists(fifo);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed: --generate needs a system with named pipes");
        }
        long[] bytes = new long[1];
        Thread generator = Thread.ofPlatform().name("generator").start(() -> {
            try (CountingWriter out = new CountingWriter(new BufferedWriter(new OutputStreamWriter(
                    Files.newOutputStream(fifo), StandardCharsets.UTF_8), 1 << 20))) {
                EventGenerator.writeCsv(events, seed, out);
                bytes[0] = out.chars;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return measure(engine, fifo, Optional.empty(), () -> {
                try {
                    generator.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return bytes[0] / 1e6;
            });
        } finally {
            generator.join();
            Files.deleteIfExists(fifo);
        }
    }

    /** Counts the characters written (the CSV is ASCII but for rare values: close to its bytes). */
    private static final class CountingWriter extends java.io.FilterWriter {
        private long chars;

        CountingWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            chars++;
            super.write(c);
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            chars += length;
            super.write(buffer, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            chars += length;
            super.write(text, offset, length);
        }
    }

    /** The generated CSV of {@code events} events in {@code work}, written once and reused by later runs. */
    static Path generatedCsv(Path work, long events, long seed) throws IOException {
        Files.createDirectories(work);
        Path csv = work.resolve("events-" + events + "-seed" + seed + ".csv");
        if (!Files.exists(csv)) {
            long started = System.nanoTime();
            Path partial = work.resolve(csv.getFileName() + ".partial");
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(partial),
                    StandardCharsets.UTF_8), 1 << 20)) {
                EventGenerator.writeCsv(events, seed, out);
            }
            Files.move(partial, csv);
            System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", csv, seconds(started));
        }
        return csv;
    }

    private Result measure(Engine engine, Path csv, Optional<Path> warmUpCsv) throws Exception {
        long csvBytes = Files.size(csv);
        return measure(engine, csv, warmUpCsv, () -> csvBytes / 1e6);
    }

    /** @param megabytes the size of the input once it is read */
    private Result measure(Engine engine, Path csv, Optional<Path> warmUpCsv,
                           java.util.function.DoubleSupplier megabytes) throws Exception {
        try (engine) {
            if (warmUpCsv.isPresent()) {
                System.err.println("warming up " + engine.name() + " …");
                engine.warmUp(warmUpCsv.get());
            }
            System.err.println("ingesting into " + engine.name() + " …");
            long indexed;
            double seconds;
            long cpuNanos;
            HeapMeter.Peaks heap;
            try (HeapProbe meter = engine.heapProbe()) {
                long started = System.nanoTime();
                long cpuStarted = processCpuNanos() + engine.ownProcessCpuNanos();
                indexed = engine.ingest(csv);
                seconds = seconds(started);
                cpuNanos = processCpuNanos() + engine.ownProcessCpuNanos() - cpuStarted;
                heap = meter.peaks();
            }
            long indexBytes = engine.indexBytes();
            System.err.println("querying " + engine.name() + " …");
            List<Latency> latencies = new ArrayList<>();
            for (Engine.Query query : engine.queries()) {
                latencies.add(Latency.measure(query.run(), warmups, runs));
            }
            return new Result(engine.name(), indexed, seconds, cpuNanos, megabytes.getAsDouble(), heap, indexBytes,
                    engine.queries(), latencies);
        }
    }

    private void runStream() throws Exception {
        Files.createDirectories(work);
        Path fifo = work.resolve("events.fifo");
        Files.deleteIfExists(fifo);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed: --stream needs a system with named pipes");
        }
        printHeader(-1);
        Thread generator = Thread.ofPlatform().name("generator").start(() -> {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(fifo),
                    StandardCharsets.UTF_8), 1 << 20)) {
                EventGenerator.writeCsv(events, seed, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (TimesmithEngine engine = new TimesmithEngine(clean(work.resolve("timesmith-stream")));
             HeapMeter meter = new HeapMeter()) {
            long started = System.nanoTime();
            long cpuStarted = processCpuNanos();
            long indexed = engine.ingest(fifo);
            double seconds = seconds(started);
            long cpuNanos = processCpuNanos() - cpuStarted;
            HeapMeter.Peaks heap = meter.peaks();
            generator.join();
            System.out.printf(Locale.ROOT, "Timesmith streamed import: %,d events in %.1f s = %,.0f events/s,"
                    + " %.1f µs CPU per event (generator included)%n", indexed, seconds, indexed / seconds,
                    cpuNanos / 1e3 / indexed);
            System.out.printf(Locale.ROOT, "peak heap used (sampled): %s; peak live heap after GC: %s; index: %s%n",
                    mb(heap.used()), mb(heap.liveAfterGc()), mb(engine.indexBytes()));
        } finally {
            Files.deleteIfExists(fifo);
        }
    }

    private void printHeader(long csvBytes) {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Timesmith bench: %,d events%s, JVM -Xmx %s, %d CPUs (load average %.1f),"
                        + " Java %s, %s%n", events,
                csvBytes >= 0 ? String.format(Locale.ROOT, ", CSV %s", mb(csvBytes)) : " generated on the fly",
                mb(runtime.maxMemory()), runtime.availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.version(),
                ManagementFactory.getGarbageCollectorMXBeans().getFirst().getName().replaceAll(" .*", ""));
    }

    private void printResults(List<Result> results) {
        Result timesmith = results.getFirst();
        Result opensearch = results.size() > 1 ? results.get(1) : null;
        System.out.printf(Locale.ROOT, "%n%-38s %14s %14s %12s%n", "", "Timesmith", opensearch == null ? "" : "OpenSearch",
                opensearch == null ? "" : "TS/OS");
        row("events indexed", timesmith.indexed(), opensearch == null ? -1 : opensearch.indexed(), "%,.0f");
        row("ingest events/s (file → searchable)", timesmith.eventsPerSecond(),
                opensearch == null ? -1 : opensearch.eventsPerSecond(), "%,.0f");
        row("ingest MB/s", timesmith.megabytes() / timesmith.seconds(),
                opensearch == null ? -1 : opensearch.megabytes() / opensearch.seconds(), "%,.1f");
        row("ingest CPU per event, all threads (µs)", timesmith.cpuMicrosPerEvent(),
                opensearch == null ? -1 : opensearch.cpuMicrosPerEvent(), "%,.1f");
        row("peak heap used, sampled (MB)", timesmith.heap().used() / 1e6,
                opensearch == null ? -1 : opensearch.heap().used() / 1e6, "%,.0f");
        row("peak live heap after GC (MB)", timesmith.heap().liveAfterGc() / 1e6,
                opensearch == null ? -1 : opensearch.heap().liveAfterGc() / 1e6, "%,.0f");
        row("index size on disk (MB)", timesmith.indexBytes() / 1e6,
                opensearch == null ? -1 : opensearch.indexBytes() / 1e6, "%,.1f");
        for (int i = 0; i < timesmith.queries().size(); i++) {
            String name = timesmith.queries().get(i).name();
            Latency ts = timesmith.latencies().get(i);
            Latency os = opensearch == null ? null : opensearch.latencies().get(i);
            row(name + " median (ms)", ts.medianMillis(), os == null ? -1 : os.medianMillis(), "%,.2f");
            row(name + " p95 (ms)", ts.p95Millis(), os == null ? -1 : os.p95Millis(), "%,.2f");
        }
        if (opensearch != null) {
            List<String> losing = new ArrayList<>();
            for (int i = 0; i < timesmith.queries().size(); i++) {
                Latency ts = timesmith.latencies().get(i);
                Latency os = opensearch.latencies().get(i);
                List<String> where = new ArrayList<>();
                if (ts.medianMillis() > os.medianMillis()) {
                    where.add(String.format(Locale.ROOT, "median %.2f", ts.medianMillis() / os.medianMillis()));
                }
                if (ts.p95Millis() > os.p95Millis()) {
                    where.add(String.format(Locale.ROOT, "p95 %.2f", ts.p95Millis() / os.p95Millis()));
                }
                if (!where.isEmpty()) {
                    losing.add(timesmith.queries().get(i).name() + " (" + String.join(", ", where) + ")");
                }
            }
            System.out.printf(Locale.ROOT, "%nqueries Timesmith still loses (TS/OS > 1): %s%n",
                    losing.isEmpty() ? "none" : String.join("; ", losing));
        }
        System.out.printf(Locale.ROOT, "%nresult sizes (hits, top bucket count, buckets, hits) per query:%n");
        for (int i = 0; i < timesmith.queries().size(); i++) {
            System.out.printf(Locale.ROOT, "  %-26s Timesmith %,d%s%n", timesmith.queries().get(i).name(),
                    timesmith.latencies().get(i).resultSize(), opensearch == null ? ""
                            : String.format(Locale.ROOT, ", OpenSearch %,d", opensearch.latencies().get(i).resultSize()));
        }
        System.out.printf(Locale.ROOT, "(%d warm-up runs, then %d measured runs per query; OpenSearch queried over"
                + " HTTP on loopback, Timesmith in-process)%n", warmups, runs);
        if (opensearch != null) {
            System.out.printf(Locale.ROOT, "(the OpenSearch node ran in its own JVM: %s; its CPU and heap are the"
                    + " node's, the loader's CPU is counted too)%n", String.join(" ", OpenSearchProcess.jvmOptions()));
        }
    }

    private static void row(String label, double timesmith, double opensearch, String format) {
        String ts = String.format(Locale.ROOT, format, timesmith);
        String os = opensearch < 0 ? "" : String.format(Locale.ROOT, format, opensearch);
        String ratio = opensearch <= 0 ? "" : String.format(Locale.ROOT, "%.2f", timesmith / opensearch);
        System.out.printf(Locale.ROOT, "%-38s %14s %14s %12s%n", label, ts, os, ratio);
    }

    static Path clean(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(directory);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }
}
