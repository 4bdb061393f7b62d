package org.timesmith.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStore;
import org.timesmith.store.lucene.LuceneEventStore;
import org.timesmith.store.opensearch.OpenSearchEventStore;
import org.timesmith.store.opensearch.OpenSearchStoreConfig;
import tools.jackson.databind.JsonNode;

/**
 * The scale-out benchmark: in one run against one real OpenSearch node in this JVM it measures
 * (a) the import of the generated CSV through Timesmith (reader, normaliser, the OpenSearch store's
 * bulk writer) against (b) a raw {@code _bulk} load of the very same documents (ids, source, bulk
 * split and requests in flight as the store's, serialised before the clock starts) into an index
 * with the same mapping, and prints Timesmith's overhead; then (c) the latencies of
 * {@link Bench}'s queries and of the server's explore request with two chips through the
 * {@link EventStore} SPI, and (d) the same figures on the embedded Lucene store with the ratio
 * embedded/OpenSearch. Ingest is repeated {@code --rounds} times (raw and Timesmith alternating
 * which goes first) and the median is printed. Usage: {@code OpenSearchBench [--events N]
 * [--work DIR] [--seed S] [--rounds R] [--warmups W] [--runs N]}; docs/benchmarks.md.
 */
public final class OpenSearchBench {

    /** The normaliser's data source for both OpenSearch loads, so both get the same event ids. */
    private static final String DATA_SOURCE = "bench-opensearch";
    private static final String RAW_INDEX = "bench-raw";
    /** The server's explore page: 40 hits, counts per timeline and a histogram of about 100 buckets. */
    private static final int EXPLORE_PAGE = 40;
    private static final int EXPLORE_HISTOGRAM_BUCKETS = 100;
    private static final long TIMELINE_ID = 1;

    /**
     * Wall-clock and whole-process CPU seconds of one load (the node runs in this JVM, so CPU covers
     * both sides) and the tasks of the node's write thread pool (-1 when not counted).
     */
    private record Load(double seconds, double cpuSeconds, long writeTasks) {
        static Load since(long startedNanos, long startedCpuNanos, long writeTasks) {
            return new Load((System.nanoTime() - startedNanos) / 1e9, (cpuNanos() - startedCpuNanos) / 1e9,
                    writeTasks);
        }
    }

    private long events = 1_000_000;
    private Path work = Path.of("target", "opensearch-bench-work");
    private long seed = 20240301;
    private int rounds = 3;
    private int warmups = 10;
    private int runs = 50;

    public static void main(String[] args) throws Exception {
        OpenSearchBench bench = new OpenSearchBench();
        bench.parse(args);
        bench.run();
        BenchCli.finish();
    }

    private void parse(String[] args) {
        BenchCli cli = BenchCli.parse(args, Map.of("--events", "N", "--work", "DIR", "--seed", "S", "--rounds", "R",
                "--warmups", "N", "--runs", "N"), Set.of());
        events = cli.longValue("--events", events);
        work = cli.path("--work", work);
        seed = cli.longValue("--seed", seed);
        rounds = cli.intValue("--rounds", rounds);
        warmups = cli.intValue("--warmups", warmups);
        runs = cli.intValue("--runs", runs);
        if (runs < 1 || warmups < 0 || events < 1 || rounds < 1) {
            throw new IllegalArgumentException("--events, --rounds and --runs must be positive, --warmups not negative");
        }
    }

    private void run() throws Exception {
        Path csv = Bench.generatedCsv(work, events, seed);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "OpenSearch bench: %,d events, CSV %,.0f MB, %d ingest rounds, JVM -Xmx %,.0f MB,"
                        + " %d CPUs (load average %.1f), Java %s%n", events, Files.size(csv) / 1e6, rounds,
                runtime.maxMemory() / 1e6, runtime.availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.version());
        Path nodeDirectory = Bench.clean(work.resolve("opensearch"));
        Path luceneDirectory = Bench.clean(work.resolve("lucene"));
        try (OpenSearchNode node = new OpenSearchNode(nodeDirectory);
             OpenSearchEventStore openSearchStore = new OpenSearchEventStore(OpenSearchStoreConfig.of(node.host()));
             LuceneEventStore luceneStore = new LuceneEventStore(luceneDirectory)) {
            // The store's defaults (as configured above): the bulk split and concurrency the raw load copies.
            OpenSearchStoreConfig config = OpenSearchStoreConfig.of(node.host());
            TimesmithEngine openSearch = new TimesmithEngine("Timesmith on OpenSearch", openSearchStore, nodeDirectory,
                    DATA_SOURCE);
            TimesmithEngine embedded = new TimesmithEngine("Timesmith embedded", luceneStore, luceneDirectory,
                    DATA_SOURCE);
            System.err.println("serialising the raw bulk bodies …");
            long started = System.nanoTime();
            long startedCpu = cpuNanos();
            RawBulkLoad raw = RawBulkLoad.prepare(csv, DATA_SOURCE, config.bulkEvents(), config.bulkBytes(),
                    work.resolve("raw-bulk.ndjson"));
            Load preparation = Load.since(started, startedCpu, -1);
            Load[] rawLoads = new Load[rounds];
            Load[] openSearchLoads = new Load[rounds];
            Load[] embeddedLoads = new Load[rounds];
            for (int round = 0; round < rounds; round++) {
                System.err.printf(Locale.ROOT, "ingest round %d of %d …%n", round + 1, rounds);
                if (round % 2 == 0) {
                    rawLoads[round] = rawIngest(node, openSearchStore, raw, config.maxInFlightBulks());
                    openSearchLoads[round] = ingest(openSearchStore, openSearch, csv, raw.events(), Optional.of(node));
                } else {
                    openSearchLoads[round] = ingest(openSearchStore, openSearch, csv, raw.events(), Optional.of(node));
                    rawLoads[round] = rawIngest(node, openSearchStore, raw, config.maxInFlightBulks());
                }
                embeddedLoads[round] = ingest(luceneStore, embedded, csv, raw.events(), Optional.empty());
            }
            int compared = compareDocuments(node, raw.sampleIds());
            System.err.println("querying OpenSearch through the SPI …");
            List<Latency> openSearchLatencies = latencies(openSearch, openSearchStore);
            System.err.println("querying the embedded store …");
            List<Latency> embeddedLatencies = latencies(embedded, luceneStore);
            print(config, raw, preparation, median(rawLoads), median(openSearchLoads), median(embeddedLoads), compared,
                    queryNames(openSearch), openSearchLatencies, embeddedLatencies);
        }
    }

    /** Seconds to load the pre-built bulks into a fresh index with the store's mapping until searchable. */
    private static Load rawIngest(OpenSearchNode node, EventStore store, RawBulkLoad raw, int inFlight)
            throws IOException, InterruptedException {
        store.deleteIndex(RAW_INDEX);
        store.createIndex(RAW_INDEX);
        long bulksBefore = writeTasks(node);
        long started = System.nanoTime();
        long startedCpu = cpuNanos();
        long loaded = raw.load(node.http(), node.base(), RAW_INDEX, inFlight);
        node.request("POST", "/" + RAW_INDEX + "/_refresh", null);
        Load load = Load.since(started, startedCpu, writeTasks(node) - bulksBefore);
        expect("raw bulk load", loaded, raw.events());
        return load;
    }

    /** Seconds to import the CSV through Timesmith into a fresh index until searchable. */
    private static Load ingest(EventStore store, TimesmithEngine engine, Path csv, long expected,
                               Optional<OpenSearchNode> node) throws IOException {
        store.deleteIndex(Workload.INDEX);
        long bulksBefore = node.map(OpenSearchBench::writeTasks).orElse(0L);
        long started = System.nanoTime();
        long startedCpu = cpuNanos();
        long indexed = engine.ingest(csv);
        Load load = Load.since(started, startedCpu, node.map(n -> writeTasks(n) - bulksBefore).orElse(-1L));
        expect(engine.name(), indexed, expected);
        return load;
    }

    /**
     * Tasks the node's write thread pool has completed since it started: a measure of how many bulk
     * requests a load took (the raw load's known count of bulks is the reference).
     */
    private static long writeTasks(OpenSearchNode node) {
        long total = 0;
        for (JsonNode stats : node.request("GET", "/_nodes/stats/thread_pool", null).path("nodes")) {
            total += stats.path("thread_pool").path("write").path("completed").asLong();
        }
        return total;
    }

    private static void expect(String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(what + " indexed " + actual + " events, expected " + expected);
        }
    }

    /** Proves both loads wrote the same documents: the stored sources of sample ids are equal. */
    private static int compareDocuments(OpenSearchNode node, List<String> ids) {
        for (String id : ids) {
            String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
            JsonNode timesmith = node.request("GET", "/" + Workload.INDEX + "/_doc/" + encoded, null).path("_source");
            JsonNode raw = node.request("GET", "/" + RAW_INDEX + "/_doc/" + encoded, null).path("_source");
            if (!timesmith.equals(raw) || timesmith.isMissingNode()) {
                throw new IllegalStateException("event " + id + " differs between the two loads:\n  Timesmith: "
                        + timesmith + "\n  raw:       " + raw);
            }
        }
        return ids.size();
    }

    /** Bench's queries, then the server's explore request. */
    private List<Latency> latencies(TimesmithEngine engine, EventStore store) {
        List<Latency> latencies = new ArrayList<>();
        for (Engine.Query query : engine.queries()) {
            latencies.add(Latency.measure(query.run(), warmups, runs));
        }
        latencies.add(Latency.measure(explore(store), warmups, runs));
        return latencies;
    }

    private static List<String> queryNames(TimesmithEngine engine) {
        List<String> names = new ArrayList<>(engine.queries().stream().map(Engine.Query::name).toList());
        names.add("explore, 2 chips (server)");
        return names;
    }

    /**
     * What the server's explore endpoint asks the store for one page of ServerBench's request (query
     * string, a term chip and a date range chip, one timeline): the page, the count per timeline and
     * the histogram of the meta data.
     */
    private static LongSupplier explore(EventStore store) {
        SearchRequest request = SearchRequest.builder(Workload.INDEX).query(Workload.QUERY_STRING)
                .filter(new Filter.Timelines(Set.of(TIMELINE_ID), false))
                .filter(new Filter.Term("data_type", "windows:evtx:record", false))
                .filter(new Filter.TimeRange(Workload.RANGE_START, Workload.RANGE_END, false))
                .size(EXPLORE_PAGE).build();
        return () -> {
            long total = store.search(request).total();
            store.aggregate(request, new Aggregation.Terms(Event.TIMELINE_ID, 1));
            store.aggregate(request, new Aggregation.DateHistogram(Optional.empty(), EXPLORE_HISTOGRAM_BUCKETS));
            return total;
        };
    }

    private void print(OpenSearchStoreConfig config, RawBulkLoad raw, Load preparation, Load rawLoad, Load openSearchLoad, Load embeddedLoad,
                       int compared, List<String> queries, List<Latency> openSearch, List<Latency> embedded) {
        long n = raw.events();
        System.out.printf(Locale.ROOT, "%nIngest into one OpenSearch node, %,d events in %,d bulks of at most %,d,"
                        + " %d in flight (median of %d rounds, file → searchable):%n", n, raw.bulks(),
                config.bulkEvents(), config.maxInFlightBulks(), rounds);
        System.out.printf(Locale.ROOT, "  %-58s %12s %14s %11s%n", "", "events/s", "CPU s (JVM)", "write tasks");
        System.out.printf(Locale.ROOT, "  %-58s %,12.0f %14.1f %,11d%n",
                "(a) Timesmith: CSV reader + normaliser + store bulk writer", n / openSearchLoad.seconds(),
                openSearchLoad.cpuSeconds(), openSearchLoad.writeTasks());
        System.out.printf(Locale.ROOT, "  %-58s %,12.0f %14.1f %,11d%n",
                "(b) raw _bulk of the same documents, pre-serialised", n / rawLoad.seconds(), rawLoad.cpuSeconds(),
                rawLoad.writeTasks());
        System.out.printf(Locale.ROOT, "  %-58s %,12.0f %14.1f%n",
                "    (preparing (b): read + normalise + serialise, no node)", n / preparation.seconds(),
                preparation.cpuSeconds());
        System.out.printf(Locale.ROOT, "  Timesmith's overhead: %+.1f %% wall-clock (target ≤ 10 %%), %+.1f %% CPU;"
                        + " %d sample documents identical in both indices%n",
                (openSearchLoad.seconds() / rawLoad.seconds() - 1) * 100,
                (openSearchLoad.cpuSeconds() / rawLoad.cpuSeconds() - 1) * 100, compared);
        System.out.printf(Locale.ROOT, "%n%-40s %16s %16s %12s%n", "", "embedded", "OpenSearch", "emb./OS");
        row("ingest events/s (file → searchable)", n / embeddedLoad.seconds(), n / openSearchLoad.seconds(), "%,.0f");
        for (int i = 0; i < queries.size(); i++) {
            row(queries.get(i) + " median (ms)", embedded.get(i).medianMillis(), openSearch.get(i).medianMillis(),
                    "%,.2f");
            row(queries.get(i) + " p95 (ms)", embedded.get(i).p95Millis(), openSearch.get(i).p95Millis(), "%,.2f");
        }
        System.out.printf(Locale.ROOT, "%nresult sizes (hits, top bucket count, buckets, hits, hits) per query:%n");
        for (int i = 0; i < queries.size(); i++) {
            System.out.printf(Locale.ROOT, "  %-28s embedded %,d, OpenSearch %,d%n", queries.get(i),
                    embedded.get(i).resultSize(), openSearch.get(i).resultSize());
        }
        System.out.printf(Locale.ROOT, "(%d warm-up runs, then %d measured runs per query; both through the EventStore"
                + " SPI in-process, OpenSearch over HTTP on loopback)%n", warmups, runs);
    }

    private static void row(String label, double embedded, double openSearch, String format) {
        System.out.printf(Locale.ROOT, "%-40s %16s %16s %12s%n", label, String.format(Locale.ROOT, format, embedded),
                String.format(Locale.ROOT, format, openSearch),
                openSearch <= 0 ? "" : String.format(Locale.ROOT, "%.2f", embedded / openSearch));
    }

    /** The load with the median wall-clock time. */
    private static Load median(Load[] loads) {
        Load[] sorted = loads.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(Load::seconds));
        return sorted[sorted.length / 2];
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
