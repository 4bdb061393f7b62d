package org.timesmith.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.timesmith.analysis.traffic.AnomalyOptions;
import org.timesmith.analysis.traffic.Beacon;
import org.timesmith.analysis.traffic.BeaconOptions;
import org.timesmith.analysis.traffic.Cidr;
import org.timesmith.analysis.traffic.DayAnomaly;
import org.timesmith.analysis.traffic.TrafficAnalysis;
import org.timesmith.analysis.traffic.TrafficAnalyzer;
import org.timesmith.analysis.traffic.TrafficChart;
import org.timesmith.analysis.traffic.TrafficCharts;
import org.timesmith.analysis.traffic.TrafficConfig;
import org.timesmith.analysis.traffic.TrafficReport;
import org.timesmith.analysis.traffic.TrafficSeries;
import org.timesmith.analysis.traffic.TrafficSeriesSet;
import org.timesmith.analysis.traffic.WindowAnomaly;
import org.timesmith.cli.client.ServerOptions;
import org.timesmith.client.Analysis;
import org.timesmith.client.Sketch;
import org.timesmith.client.Timeline;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.store.EventStream;
import org.timesmith.store.opensearch.ClusterReader;
import org.timesmith.store.opensearch.OpenSearchStoreConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timesmith traffic report}: network traffic analysis (docs/traffic.md) over the Zeek conn
 * events of a local data directory, read from the store's doc values (the few fields it needs, not each
 * event's source; {@code --read-sources} for comparison): prints the input accounting, the
 * incomplete days, the ranked anomalous days and windows and the ranked beacons, and with
 * {@code --out DIR} writes them (and every series as a days × slots matrix) as CSV files and the
 * charts as SVG and PNG. With {@code --sketch ID} it runs the server's {@code traffic} analyzer on
 * the sketch instead, which writes its findings into the sketch, and prints the run's result.
 */
@Command(name = "traffic", mixinStandardHelpOptions = true, subcommands = TrafficCommand.Report.class,
        description = "Network traffic analysis of Zeek conn events (docs/traffic.md).")
final class TrafficCommand {

    @Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Anomalous days and windows per protocol and ranked beacons, from the Zeek conn events",
                    "of a local data directory (--data DIR, or $TIMESMITH_HOME), or of a sketch on a server (--sketch ID)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the report was made", "1:an error (no data, bad option)", "2:invalid command line"})
    static final class Report implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", description = "The data directory (default: $TIMESMITH_HOME).")
        Optional<Path> data;

        @Option(names = "--sketch", paramLabel = "ID", description = "Run the server's traffic analyzer on every "
                + "timeline of this sketch and print its result (its findings go into the sketch).")
        Optional<Long> sketchId;

        @Mixin
        ServerOptions server;

        @Option(names = "--timeline", paramLabel = "NAME", description = "Only this timeline (repeatable).")
        List<String> timelines = new ArrayList<>();

        @Option(names = "--internal", paramLabel = "CIDR", split = ",",
                description = "Internal networks (default: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7).")
        List<String> internal = new ArrayList<>();

        @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
                description = "Zone of the days and 15-minute slots (default: ${DEFAULT-VALUE}).")
        ZoneId zone;

        @Option(names = "--wavelet", paramLabel = "NAME", defaultValue = "db4",
                description = "haar, db1…db20, sym2…sym20, coif1…coif17 (default: ${DEFAULT-VALUE}).")
        String wavelet;

        @Option(names = "--level", paramLabel = "N", description = "DWT level (default: min(3, the deepest possible)).")
        Optional<Integer> level;

        @Option(names = "--include-incomplete-days", description = "Analyse days with missing slots too (as 0, flagged).")
        boolean includeIncomplete;

        @Option(names = "--include-ntp", description = "Score NTP pairs as beacons too (RITA's defaults).")
        boolean includeNtp;

        @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Rows per ranking printed (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = {"--out", "--csv"}, paramLabel = "DIR", description = "Also write beacons.csv, "
                + "anomalous-days.csv, anomalous-windows.csv, series.csv and the charts (SVG and PNG) into DIR.")
        Optional<Path> out;

        @Option(names = "--state", paramLabel = "DIR", description = {"Incremental runs (for example daily from cron): "
                + "keep the series in DIR/series.csv; each run reads only the complete days after the last stored one "
                + "(before --until), the first run the last --backfill-days days, and analyses all stored days."})
        Optional<Path> state;

        @Option(names = "--backfill-days", paramLabel = "N", description = "Read only the N complete days before "
                + "--until (with --state: on the first run; default 17 there, all days otherwise).")
        Optional<Integer> backfillDays;

        @Option(names = "--until", paramLabel = "DAY", description = "With --state or --backfill-days: the first day "
                + "not read, YYYY-MM-DD in --timezone (default: today, so the last day read is yesterday).")
        Optional<LocalDate> until;

        @Option(names = "--read-sources", description = {"With --data: read each event's stored source instead of the "
                + "store's doc values (much slower; the same report, for comparison)."})
        boolean readSources;

        /** Nanoseconds spent getting the events from the store (not counting them), for the time line. */
        private long readNanos = -1;

        @ArgGroup(exclusive = false, heading = "%nAn OpenSearch or Elasticsearch index instead (aggregated there):%n")
        IndexOptions index;

        /** Where the connections are in an index read with {@code --es-url}. */
        static final class IndexOptions {
            @Option(names = "--es-url", required = true, paramLabel = "URL", description = "The cluster, "
                    + "http(s)://host:port; the password of --es-user comes from $TIMESMITH_ES_PASSWORD.")
            URI url;

            @Option(names = "--index", required = true, paramLabel = "PATTERN", description = "Index name or pattern.")
            String pattern;

            @Option(names = "--es-user", paramLabel = "USER")
            Optional<String> user;

            @Option(names = "--es-insecure", description = "Accept any TLS certificate (test clusters only).")
            boolean insecure;

            @Option(names = "--query", paramLabel = "QUERY", defaultValue = "data_type:\"zeek:conn\"",
                    description = "Query string selecting the connection events (default: ${DEFAULT-VALUE}; * for all).")
            String query;

            @Option(names = "--time-field", paramLabel = "FIELD", defaultValue = "datetime",
                    description = "A date field (default: ${DEFAULT-VALUE}; Filebeat/ECS: @timestamp).")
            String time;

            @Option(names = "--protocol-field", paramLabel = "FIELD", split = ",", defaultValue = "service,proto",
                    description = "The first present names the protocol (default: ${DEFAULT-VALUE}).")
            List<String> protocols;

            @Option(names = "--source-field", paramLabel = "FIELD", defaultValue = "id.orig_h",
                    description = "Source address (default: ${DEFAULT-VALUE}; ECS: source.ip).")
            String source;

            @Option(names = "--destination-field", paramLabel = "FIELD", defaultValue = "id.resp_h",
                    description = "Destination address (default: ${DEFAULT-VALUE}; ECS: destination.ip).")
            String destination;

            @Option(names = "--bytes-field", paramLabel = "FIELD", split = ",", defaultValue = "orig_bytes,resp_bytes",
                    description = "Summed into the bytes of a connection (default: ${DEFAULT-VALUE}).")
            List<String> bytes;

            @Option(names = "--no-beacons", description = "Skip beacons (they read time and size of every connection).")
            boolean noBeacons;
        }

        @Override
        public Integer call() {
            if (index != null && (data.isPresent() || sketchId.isPresent())) {
                throw new ParameterException(spec.commandLine(), "--es-url reads an index; --data and --sketch name "
                        + "other inputs: give one of them");
            }
            Target target = index != null ? null : Target.choose(spec, data, sketchId.isPresent(), "--sketch",
                    List.of("--timeline", "--out", "--state", "--backfill-days", "--until"),
                    List.of("--config-section", "--rc-file", "--token-password"));
            if (target instanceof Target.Server) {
                return onServer(server.connect().getSketch(sketchId.orElseThrow()));
            }
            TrafficConfig config = TrafficConfig.zeekConn().withZone(zone);
            if (!internal.isEmpty()) {
                config = config.withInternalNetworks(internal.stream().map(Cidr::parse).toList());
            }
            AnomalyOptions anomalies = AnomalyOptions.defaults().withWavelet(wavelet, level)
                    .withIncompleteDays(includeIncomplete);
            BeaconOptions beacons = includeNtp ? BeaconOptions.rita() : BeaconOptions.defaults();
            TrafficAnalysis analysis = new TrafficAnalysis(config, anomalies, beacons);
            long[] range = readRange(config, analysis);
            if (index != null) {
                readIndex(config, analysis, range);
            } else {
                readLocal(((Target.Local) target).directory(), analysis, range, config.fieldsRead());
            }
            TrafficReport report = analysis.report();
            if (readNanos >= 0) {
                TrafficAnalysis.Timings timings = analysis.timings();
                spec.commandLine().getErr().printf(Locale.ROOT, "time: reading %s %.1f s, series %.1f s, wavelets and "
                                + "k-means %.1f s, beacons %.1f s%n", readSources ? "sources" : "columns", readNanos / 1e9,
                        timings.seriesNanos() / 1e9, timings.anomalyNanos() / 1e9, timings.beaconNanos() / 1e9);
                spec.commandLine().getErr().flush();
            }
            print(report, anomalies.dayThreshold(), spec.commandLine().getOut());
            state.ifPresent(dir -> writeSeries(report, dir));
            out.ifPresent(dir -> {
                writeCsv(report, dir);
                writeCharts(report, dir);
            });
            return Main.OK;
        }

        /**
         * The time range to read, {@code [from, to)} in µs, and with {@code --state} the stored series
         * loaded into the analysis: the complete days after the last stored one, or the backfill.
         */
        private long[] readRange(TrafficConfig config, TrafficAnalysis analysis) {
            if (state.isEmpty() && backfillDays.isEmpty()) {
                if (until.isPresent()) {
                    throw new ParameterException(spec.commandLine(), "--until goes with --state or --backfill-days");
                }
                return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
            }
            LocalDate end = until.orElseGet(() -> LocalDate.now(config.zone()));
            LocalDate start = end.minusDays(backfillDays.orElse(17));
            if (backfillDays.isPresent() && backfillDays.get() < 1) {
                throw new ParameterException(spec.commandLine(), "--backfill-days must be at least 1");
            }
            if (state.isPresent()) {
                Optional<LocalDate> last = SeriesCsv.load(state.get().resolve(SeriesCsv.FILE), analysis.series());
                if (last.isPresent()) {
                    start = last.get().plusDays(1);
                    spec.commandLine().getErr().printf(Locale.ROOT, "stored series up to %s; reading %s … %s%n",
                            last.get(), start, end.minusDays(1));
                }
            }
            long from = micros(start, config.zone());
            return new long[] {from, Math.max(from, micros(end, config.zone()))};
        }

        private static long micros(LocalDate day, ZoneId zone) {
            return day.atStartOfDay(zone).toInstant().toEpochMilli() * 1000;
        }

        private void readIndex(TrafficConfig config, TrafficAnalysis analysis, long[] range) {
            if (!"http".equals(index.url.getScheme()) && !"https".equals(index.url.getScheme())
                    || index.url.getHost() == null) {
                throw new ParameterException(spec.commandLine(), "--es-url must be http(s)://host[:port], not '"
                        + index.url + "'");
            }
            String host = index.url.getHost() + ":" + (index.url.getPort() > 0 ? index.url.getPort()
                    : index.url.getScheme().equals("https") ? 443 : 80);
            OpenSearchStoreConfig cluster = OpenSearchStoreConfig.of(host)
                    .withTls(index.url.getScheme().equals("https"), index.insecure);
            if (index.user.isPresent()) {
                String password = System.getenv("TIMESMITH_ES_PASSWORD");
                if (password == null) {
                    throw new IllegalArgumentException("--es-user needs the password in $TIMESMITH_ES_PASSWORD");
                }
                cluster = cluster.withCredentials(index.user.get(), password);
            }
            IndexTrafficSource.Fields fields = new IndexTrafficSource.Fields(index.time, index.protocols, index.source,
                    index.destination, index.bytes, index.query);
            PrintWriter err = spec.commandLine().getErr();
            try (ClusterReader reader = ClusterReader.connect(cluster)) {
                IndexTrafficSource.Cost cost = new IndexTrafficSource(reader, index.pattern, fields, config, err)
                        .read(analysis, range[0], range[1], !index.noBeacons);
                err.printf(Locale.ROOT, "read %s: aggregations %,d ms (%,d requests, %,d buckets), beacons %,d ms "
                                + "(%,d connections)%n", index.pattern, cost.aggregationMillis(), cost.aggregationRequests(),
                        cost.buckets(), cost.beaconMillis(), cost.beaconConnections());
                err.flush();
            }
        }

        private void readLocal(Path directoryPath, TrafficAnalysis analysis, long[] range, List<String> fields) {
            try (DataDirectory directory = DataDirectory.openExisting(directoryPath)) {
                SearchRequest.Builder request = SearchRequest.builder(DataDirectory.INDEX).fields(fields)
                        .query("*").order(SortOrder.ASC); // other data types are skipped and counted
                if (range[0] != Long.MIN_VALUE) {
                    request.filter(new Filter.TimeRange(range[0], range[1] - 1, false));
                }
                if (!timelines.isEmpty()) {
                    Set<Long> ids = new HashSet<>();
                    for (String name : timelines) {
                        ids.add(directory.timelines().find(name).orElseThrow(() -> new IllegalArgumentException(
                                "no timeline named '" + name + "' in " + directory.path())).id());
                    }
                    request.filter(new Filter.Timelines(ids, false));
                }
                SearchRequest search = request.build();
                long started = System.nanoTime();
                long expected = directory.store().count(search);
                analysis.expectEvents(expected);
                try (EventStream stream = readSources ? directory.store().stream(search)
                        : directory.store().streamColumns(search);
                     ReadProgress progress = ReadProgress.start("events", expected)) {
                    while (stream.hasNext()) {
                        analysis.accept(stream.next().source());
                        progress.step(1);
                    }
                }
                TrafficAnalysis.Timings counted = analysis.timings();
                readNanos = System.nanoTime() - started - counted.seriesNanos() - counted.beaconNanos();
            }
        }

        /** Runs the {@code traffic} analyzer on the sketch's timelines and waits for its results. */
        private int onServer(Sketch sketch) {
            Map<String, Object> kwargs = new LinkedHashMap<>();
            if (!internal.isEmpty()) {
                kwargs.put("internal_networks", String.join(",", internal));
            }
            kwargs.put("timezone", zone.getId());
            kwargs.put("wavelet", wavelet);
            level.ifPresent(l -> kwargs.put("level", l));
            kwargs.put("include_incomplete_days", includeIncomplete);
            kwargs.put("include_ntp", includeNtp);
            kwargs.put("top", top);
            List<Long> timelineIds = sketch.listTimelines().stream().map(Timeline::id).toList();
            if (timelineIds.isEmpty()) {
                throw new IllegalArgumentException("sketch " + sketch.id() + " has no timelines");
            }
            List<Analysis> started = sketch.runAnalyzer(TrafficAnalyzer.NAME, timelineIds, kwargs);
            PrintWriter output = spec.commandLine().getOut();
            if (started.isEmpty()) {
                output.println("the traffic analyzer has already run on these timelines; its findings are in the sketch");
                output.flush();
                return Main.OK;
            }
            Set<Long> sessions = started.stream().map(Analysis::sessionId).collect(Collectors.toSet());
            List<Analysis> done;
            while (true) {
                done = sketch.analyzerStatus().stream().filter(a -> sessions.contains(a.sessionId())).toList();
                if (done.stream().noneMatch(a -> a.status().equals("PENDING") || a.status().equals("STARTED"))) {
                    break;
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the traffic analyzer", e);
                }
            }
            boolean failed = false;
            for (Analysis analysis : done) {
                output.printf(Locale.ROOT, "timeline %d: %s: %s%n", analysis.timelineId(), analysis.status(), analysis.result());
                failed |= analysis.status().equals("ERROR");
            }
            output.println("findings: the questions \"" + "Which network traffic is anomalous?\" and \"Which hosts are "
                    + "beaconing?\", saved searches and the story \"Network traffic analysis\" of sketch " + sketch.id());
            output.flush();
            return failed ? Main.FAILED : Main.OK;
        }

        private void writeCharts(TrafficReport report, Path dir) {
            try {
                for (TrafficChart chart : TrafficCharts.of(report, 5)) {
                    Files.writeString(dir.resolve(chart.name() + ".svg"), chart.svg(), StandardCharsets.UTF_8);
                    Files.write(dir.resolve(chart.name() + ".png"), chart.png());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the charts into " + dir + " (" + e.getMessage() + ")", e);
            }
            spec.commandLine().getErr().println("charts (SVG and PNG) written to " + dir);
            spec.commandLine().getErr().flush();
        }

        private void print(TrafficReport report, double dayThreshold, PrintWriter out) {
            TrafficSeriesSet set = report.series();
            out.printf(Locale.ROOT, "events: %,d read, %,d connections, %,d skipped, %,d rejected%n", set.counts().read(),
                    set.counts().accepted(), set.counts().skipped(), set.counts().rejected());
            set.firstRejections().forEach(r -> out.println("  rejected " + r));
            if (set.series().isEmpty()) {
                out.println("no Zeek conn events (data_type zeek:conn) to analyse");
                out.flush();
                return;
            }
            set.incompleteDays().forEach(d -> out.printf(Locale.ROOT,
                    "incomplete day %s: %d of %d slots without any connection%s%n", d.day(), d.missingSlots().size(),
                    set.config().slotsPerDay(), includeIncomplete ? " (analysed, missing slots as 0)" : " (not analysed)"));
            out.printf(Locale.ROOT, "%nanomalous days (score ≥ %.1f): %d%n", dayThreshold,
                    report.anomalousDays().size());
            for (DayAnomaly d : report.anomalousDays().stream().limit(top).toList()) {
                out.printf(Locale.ROOT, "  %6.2f  %-10s %-32s %-14s cluster %d (size %d)%s%n", d.score(), d.day(), d.key(),
                        d.metric().name().toLowerCase(Locale.ROOT), d.cluster(), d.clusterSize(),
                        d.rareCluster() ? " (rare)" : "");
            }
            out.printf(Locale.ROOT, "%nanomalous windows: %d%n", report.anomalousWindows().size());
            for (WindowAnomaly w : report.anomalousWindows().stream().limit(top).toList()) {
                out.printf(Locale.ROOT, "  %6.2f  %s %s-%s %-32s %-14s level %d%n", w.score(), w.day(), w.from(),
                        w.toSlot() * set.config().slotMinutes() >= 1440 ? "24:00" : w.to().toString(), w.key(),
                        w.metric().name().toLowerCase(Locale.ROOT), w.level());
            }
            out.printf(Locale.ROOT, "%nbeacons: %d pairs scored%n", report.beacons().size());
            int rank = 0;
            for (Beacon b : report.beacons().stream().limit(top).toList()) {
                out.printf(Locale.ROOT, "  %2d  %.3f  %s -> %s  %,d connections  ts %.3f ds %.3f hist %.3f dur %.3f"
                                + "  mode gap %d s, size %d B  %s%n", ++rank, b.score(), b.source(), b.destination(),
                        b.connections(), b.timestampScore(), b.dataSizeScore(), b.histogramScore(), b.durationScore(),
                        b.modeIntervalSeconds(), b.modeBytes(), String.join(",", b.protocols()));
            }
            out.flush();
        }

        private void writeCsv(TrafficReport report, Path dir) {
            try {
                Files.createDirectories(dir);
                try (Writer w = Files.newBufferedWriter(dir.resolve("beacons.csv"), StandardCharsets.UTF_8)) {
                    w.write("rank,source,destination,protocols,connections,score,timestamp_score,data_size_score,"
                            + "histogram_score,duration_score,mode_interval_seconds,mode_bytes,first,last,window_scores\n");
                    int rank = 0;
                    for (Beacon b : report.beacons()) {
                        row(w, ++rank, b.source(), b.destination(), String.join(" ", b.protocols()), b.connections(),
                                b.score(), b.timestampScore(), b.dataSizeScore(), b.histogramScore(), b.durationScore(),
                                b.modeIntervalSeconds(), b.modeBytes(), b.first(), b.last(),
                                String.join(" ", b.windowScores().stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList()));
                    }
                }
                try (Writer w = Files.newBufferedWriter(dir.resolve("anomalous-days.csv"), StandardCharsets.UTF_8)) {
                    w.write("rank,day,protocol,direction,metric,score,cluster,cluster_size,rare_cluster,incomplete\n");
                    int rank = 0;
                    for (DayAnomaly d : report.anomalousDays()) {
                        row(w, ++rank, d.day(), d.key().protocol(), d.key().direction(), d.metric(), d.score(), d.cluster(),
                                d.clusterSize(), d.rareCluster(), d.incomplete());
                    }
                }
                try (Writer w = Files.newBufferedWriter(dir.resolve("anomalous-windows.csv"), StandardCharsets.UTF_8)) {
                    w.write("rank,day,from_slot,to_slot,from,protocol,direction,metric,level,coefficient,score\n");
                    int rank = 0;
                    for (WindowAnomaly a : report.anomalousWindows()) {
                        row(w, ++rank, a.day(), a.fromSlot(), a.toSlot(), a.from(), a.key().protocol(),
                                a.key().direction(), a.metric(), a.level(), a.coefficient(), a.score());
                    }
                }
                SeriesCsv.write(report.series(), dir.resolve(SeriesCsv.FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the CSV files into " + dir + " (" + e.getMessage() + ")", e);
            }
            spec.commandLine().getErr().println("CSV files written to " + dir);
            spec.commandLine().getErr().flush();
        }

        private void writeSeries(TrafficReport report, Path dir) {
            try {
                Files.createDirectories(dir);
                SeriesCsv.write(report.series(), dir.resolve(SeriesCsv.FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store the series in " + dir + " (" + e.getMessage() + ")", e);
            }
        }

        private static void row(Writer w, Object... values) throws IOException {
            StringBuilder line = new StringBuilder();
            for (Object value : values) {
                if (!line.isEmpty()) {
                    line.append(',');
                }
                String text = value instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : String.valueOf(value);
                if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
                    text = '"' + text.replace("\"", "\"\"") + '"';
                }
                line.append(text);
            }
            w.write(line + "\n");
        }
    }
}
