package org.timesmith.analysis.traffic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.AnalyzerParameter.Type;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * The {@code traffic} analyzer: network traffic analysis (docs/traffic.md) of the Zeek conn events
 * of the run's timelines, written as findings. One pass builds the 15-minute series and scores the
 * beacons; a second pass finds the events of what stands out. The events of each anomalous window
 * are tagged {@code traffic-anomaly}, those of each beacon {@code beacon}; every finding gets a
 * saved search and a conclusion (with up to {@value #FACTS} of its events as facts) to one of two
 * questions, "Which network traffic is anomalous?" and "Which hosts are beaconing?"; a story holds
 * the rankings and the charts (each protocol's daily curves, the clusters over the calendar, the
 * elbow, the beacon scores).
 *
 * <p>Keyword arguments (all optional): {@code wavelet} (default db4), {@code level}, {@code timezone}
 * (default UTC), {@code internal_networks} (comma-separated CIDRs, default RFC 1918/4193),
 * {@code top} (findings written per kind, default 10), {@code beacon_threshold} (default 0.8),
 * {@code include_incomplete_days}, {@code include_ntp}.
 */
public final class TrafficAnalyzer implements Analyzer {

    public static final String NAME = "traffic";
    public static final String ANOMALY_TAG = "traffic-anomaly";
    public static final String BEACON_TAG = "beacon";
    static final String ANOMALY_QUESTION = "Which network traffic is anomalous?";
    static final String BEACON_QUESTION = "Which hosts are beaconing?";
    /** Events linked to one conclusion as facts (all of them are tagged). */
    static final int FACTS = 1_000;
    private static final int BATCH = 1_000;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Network traffic anomalies and beacons";
    }

    @Override
    public String description() {
        return "Zeek conn events as 15-minute series per protocol and direction: anomalous days (wavelets, k-means) "
                + "and windows, and RITA-like beacon scores, as tags, saved searches, conclusions and a story";
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(
                parameter("internal_networks", Type.STRING, "Internal networks, comma-separated CIDRs",
                        "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7"),
                parameter("timezone", Type.STRING, "Time zone of the days and 15-minute slots", "UTC"),
                parameter("wavelet", Type.STRING, "haar, db1…db20, sym2…sym20, coif1…coif17", "db4"),
                AnalyzerParameter.optional("level", Type.NUMBER, "DWT level (default: min(3, the deepest possible))"),
                parameter("top", Type.NUMBER, "Findings written per kind (days, windows, beacons)", "10"),
                parameter("beacon_threshold", Type.NUMBER, "Lowest beacon score written as a finding (0…1)", "0.8"),
                parameter("include_incomplete_days", Type.BOOLEAN, "Analyse days with missing slots too", "false"),
                parameter("include_ntp", Type.BOOLEAN, "Score NTP pairs as beacons too (RITA's defaults)", "false"));
    }

    private static AnalyzerParameter parameter(String name, Type type, String description, String defaultValue) {
        return new AnalyzerParameter(name, type, description, false, Optional.of(defaultValue));
    }

    /** What the run was asked, from its keyword arguments. */
    private record Settings(TrafficConfig config, AnomalyOptions anomalies, BeaconOptions beacons, int top,
                            double beaconThreshold) {

        static Settings of(AnalysisContext context) {
            try {
                TrafficConfig config = TrafficConfig.zeekConn()
                        .withZone(ZoneId.of(context.kwarg("timezone").orElse("UTC")));
                Optional<String> internal = context.kwarg("internal_networks").filter(s -> !s.isBlank());
                if (internal.isPresent()) {
                    config = config.withInternalNetworks(Arrays.stream(internal.get().split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse).toList());
                }
                AnomalyOptions anomalies = AnomalyOptions.defaults()
                        .withWavelet(context.kwarg("wavelet").orElse("db4"), context.kwarg("level").map(Integer::parseInt))
                        .withIncompleteDays(flag(context, "include_incomplete_days"));
                BeaconOptions beacons = flag(context, "include_ntp") ? BeaconOptions.rita() : BeaconOptions.defaults();
                int top = context.kwarg("top").map(Integer::parseInt).orElse(10);
                double threshold = context.kwarg("beacon_threshold").map(Double::parseDouble).orElse(0.8);
                if (top < 1 || top > 1_000 || !(threshold >= 0 && threshold <= 1)) {
                    throw new IllegalArgumentException("top must be 1…1000 and beacon_threshold 0…1");
                }
                return new Settings(config, anomalies, beacons, top, threshold);
            } catch (RuntimeException e) {
                throw new AnalysisException("invalid traffic analyzer argument: " + e.getMessage());
            }
        }

        private static boolean flag(AnalysisContext context, String name) {
            return context.kwarg(name).map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
        }

        List<String> fields() {
            return config.fieldsRead();
        }

        String query() {
            return config.dataTypes().isEmpty() ? "*" : config.dataTypes().stream().sorted()
                    .map(t -> config.dataTypeField() + ":\"" + t + "\"").reduce((a, b) -> a + " OR " + b).orElseThrow();
        }
    }

    /** A finding whose events the second pass collects. */
    private abstract static class Finding {
        final List<EventRef> events = new ArrayList<>();
        long matched;

        abstract boolean contains(Connection connection, ZoneId zone, int slotMinutes);

        void add(StoredEvent event) {
            matched++;
            events.add(new EventRef(event.index(), event.id()));
        }
    }

    private static boolean inSeries(SeriesKey key, Connection c) {
        return (key.protocol().equals(SeriesKey.TOTAL) || key.protocol().equals(c.protocol()))
                && (key.direction() == Direction.ALL || key.direction() == c.direction());
    }

    private static final class WindowFinding extends Finding {
        final WindowAnomaly window;

        WindowFinding(WindowAnomaly window) {
            this.window = window;
        }

        @Override
        boolean contains(Connection c, ZoneId zone, int slotMinutes) {
            ZonedDateTime at = Instant.EPOCH.plusNanos(c.timestampMicros() * 1_000).atZone(zone);
            int slot = (at.getHour() * 60 + at.getMinute()) / slotMinutes;
            return at.toLocalDate().equals(window.day()) && slot >= window.fromSlot() && slot < window.toSlot()
                    && inSeries(window.key(), c);
        }
    }

    private static final class BeaconFinding extends Finding {
        final Beacon beacon;

        BeaconFinding(Beacon beacon) {
            this.beacon = beacon;
        }

        @Override
        boolean contains(Connection c, ZoneId zone, int slotMinutes) {
            return c.source().equals(beacon.source()) && c.destination().equals(beacon.destination());
        }
    }

    @Override
    @SuppressWarnings("try") // a step times the block it encloses
    public AnalyzerOutcome run(AnalysisContext context) {
        Settings settings = Settings.of(context);
        TrafficAnalysis analysis = new TrafficAnalysis(settings.config(), settings.anomalies(), settings.beacons());
        long total = context.count(settings.query());
        analysis.expectEvents(total);
        long read = 0;
        try (AnalysisContext.Step step = context.step("read series and beacons");
             EventStream stream = context.streamColumns(settings.query(), settings.fields())) {
            while (stream.hasNext()) {
                analysis.accept(stream.next().source());
                if (++read % 100_000 == 0) {
                    context.progress(total == 0 ? -1 : 0.5 * read / total, read);
                }
            }
        }
        TrafficReport report;
        try (AnalysisContext.Step step = context.step("wavelets, clusters and beacon scores")) {
            report = analysis.report();
        }
        TrafficSeriesSet set = report.series();
        context.log(String.format(Locale.ROOT, "%,d events read: %,d connections, %,d skipped, %,d rejected",
                set.counts().read(), set.counts().accepted(), set.counts().skipped(), set.counts().rejected()));
        set.firstRejections().forEach(r -> context.log("rejected " + r));
        set.incompleteDays().forEach(d -> context.log("incomplete day " + d.day() + ": " + d.missingSlots().size()
                + " slots without any connection" + (settings.anomalies().includeIncompleteDays() ? "" : " (not analysed)")));
        if (set.counts().accepted() == 0) {
            return AnalyzerOutcome.noFindings("no Zeek conn events (data_type zeek:conn) to analyse")
                    .count("events_read", set.counts().read());
        }

        List<DayAnomaly> days = report.anomalousDays().stream().limit(settings.top()).toList();
        List<WindowFinding> windows = report.anomalousWindows().stream().limit(settings.top()).map(WindowFinding::new)
                .toList();
        List<BeaconFinding> beacons = report.beacons().stream().filter(b -> b.score() >= settings.beaconThreshold())
                .limit(settings.top()).map(BeaconFinding::new).toList();
        collect(context, settings, Stream.concat(windows.stream(), beacons.stream()).toList(), total);

        try (AnalysisContext.Step step = context.step("findings")) {
            writeFindings(context, settings, report, days, windows, beacons);
        }
        String summary = String.format(Locale.ROOT, "%,d connections in %d series: %d anomalous days, %d anomalous windows, "
                        + "%d beacons scoring at least %.2f", set.counts().accepted(), set.series().size(),
                report.anomalousDays().size(), report.anomalousWindows().size(),
                report.beacons().stream().filter(b -> b.score() >= settings.beaconThreshold()).count(),
                settings.beaconThreshold());
        boolean found = !days.isEmpty() || !windows.isEmpty() || !beacons.isEmpty();
        return (found ? AnalyzerOutcome.success(summary) : AnalyzerOutcome.noFindings(summary))
                .count("connections", set.counts().accepted())
                .count("anomalous_days", report.anomalousDays().size())
                .count("anomalous_windows", report.anomalousWindows().size())
                .count("beacons", beacons.size());
    }

    /** The second pass: the events of each window and beacon, tagged in batches. */
    @SuppressWarnings("try")
    private static void collect(AnalysisContext context, Settings settings, List<? extends Finding> findings, long total) {
        if (findings.isEmpty()) {
            return;
        }
        TrafficConfig config = settings.config();
        List<EventRef> anomalous = new ArrayList<>();
        List<EventRef> beaconing = new ArrayList<>();
        long read = 0;
        try (AnalysisContext.Step step = context.step("find the events of the findings");
             EventStream stream = context.streamColumns(settings.query(), settings.fields())) {
            while (stream.hasNext()) {
                StoredEvent event = stream.next();
                if (++read % 100_000 == 0) {
                    context.progress(total == 0 ? -1 : 0.5 + 0.5 * read / total, read);
                }
                if (!(Connection.read(event.source(), config) instanceof Connection.Accepted accepted)) {
                    continue;
                }
                boolean window = false;
                boolean beacon = false;
                for (Finding finding : findings) {
                    if (finding.contains(accepted.connection(), config.zone(), config.slotMinutes())) {
                        if (finding.events.size() < FACTS) {
                            finding.add(event);
                        } else {
                            finding.matched++;
                        }
                        window |= finding instanceof WindowFinding;
                        beacon |= finding instanceof BeaconFinding;
                    }
                }
                if (window) {
                    add(context, anomalous, event, ANOMALY_TAG);
                }
                if (beacon) {
                    add(context, beaconing, event, BEACON_TAG);
                }
            }
        }
        flush(context, anomalous, ANOMALY_TAG);
        flush(context, beaconing, BEACON_TAG);
    }

    /** Adds the event to the batch of a tag, tagging the batch once it is full. */
    private static void add(AnalysisContext context, List<EventRef> batch, StoredEvent event, String tag) {
        batch.add(new EventRef(event.index(), event.id()));
        if (batch.size() >= BATCH) {
            flush(context, batch, tag);
        }
    }

    private static void flush(AnalysisContext context, List<EventRef> batch, String tag) {
        if (!batch.isEmpty()) {
            context.tag(List.copyOf(batch), List.of(tag));
            batch.clear();
        }
    }

    private static void writeFindings(AnalysisContext context, Settings settings, TrafficReport report,
                                      List<DayAnomaly> days, List<WindowFinding> windows, List<BeaconFinding> beacons) {
        TrafficConfig config = settings.config();
        if (!days.isEmpty() || !windows.isEmpty()) {
            AnalysisContext.Pending question = context.question(ANOMALY_QUESTION);
            for (DayAnomaly day : days) {
                String text = String.format(Locale.ROOT, "%s: %s on %s is anomalous (score %.2f; cluster %d of %d days%s)",
                        day.key(), metric(day.metric()), day.day(), day.score(), day.cluster(), day.clusterSize(),
                        day.rareCluster() ? ", a rare cluster" : "");
                context.addSavedSearch("Traffic anomaly: " + day.key() + " on " + day.day(),
                        config.dataTypeField() + ":\"zeek:conn\"" + protocolClause(day.key(), config)
                                + " AND datetime:[" + iso(day.day(), 0, config) + " TO " + iso(day.day(), config.slotsPerDay(), config) + "]",
                        text);
                context.addConclusion(question, text, List.of());
            }
            for (WindowFinding finding : windows) {
                WindowAnomaly w = finding.window;
                String text = String.format(Locale.ROOT, "%s: %s on %s %s–%s stands out (detail level %d, score %.2f; %,d events)",
                        w.key(), metric(w.metric()), w.day(), w.from(), end(w, config), w.level(), w.score(), finding.matched);
                context.addSavedSearch("Traffic anomaly: " + w.key() + " on " + w.day() + " " + w.from(),
                        "tag:\"" + ANOMALY_TAG + "\"" + protocolClause(w.key(), config) + " AND datetime:["
                                + iso(w.day(), w.fromSlot(), config) + " TO " + iso(w.day(), w.toSlot(), config) + "]",
                        text);
                context.addConclusion(question, text, finding.events);
            }
        }
        if (!beacons.isEmpty()) {
            AnalysisContext.Pending question = context.question(BEACON_QUESTION);
            for (BeaconFinding finding : beacons) {
                Beacon b = finding.beacon;
                String text = String.format(Locale.ROOT, "%s → %s (%s) beacons: score %.3f, %,d connections, most often "
                                + "every %d s with %d bytes", b.source(), b.destination(), String.join(", ", b.protocols()),
                        b.score(), b.connections(), b.modeIntervalSeconds(), b.modeBytes());
                context.addSavedSearch("Beacon: " + b.source() + " → " + b.destination(),
                        "tag:\"" + BEACON_TAG + "\" AND " + config.sourceField() + ":\"" + b.source() + "\" AND "
                                + config.destinationField() + ":\"" + b.destination() + "\"", text);
                context.addConclusion(question, text, finding.events);
            }
        }
        context.addStory("Network traffic analysis", story(report, days, windows, beacons, settings));
    }

    private static List<String> story(TrafficReport report, List<DayAnomaly> days, List<WindowFinding> windows,
                                      List<BeaconFinding> beacons, Settings settings) {
        TrafficSeriesSet set = report.series();
        List<String> blocks = new ArrayList<>();
        blocks.add(String.format(Locale.ROOT, "## Summary%n%n%,d connections in %d series (%d protocols × directions × metrics), "
                        + "%s to %s, %d-minute slots in %s. Wavelet %s; days scoring at least %.1f are anomalous.",
                set.counts().accepted(), set.series().size(), set.keys().size(),
                set.firstMicros().map(TrafficAnalyzer::instant).orElse("?"),
                set.lastMicros().map(TrafficAnalyzer::instant).orElse("?"), set.config().slotMinutes(),
                set.config().zone(), settings.anomalies().wavelet(), settings.anomalies().dayThreshold()));
        StringBuilder table = new StringBuilder("## Anomalous days\n\n| score | day | series | metric | cluster |\n|---|---|---|---|---|\n");
        days.forEach(d -> table.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %s | %d of %d%s |%n", d.score(), d.day(),
                d.key(), metric(d.metric()), d.cluster(), d.clusterSize(), d.rareCluster() ? " (rare)" : "")));
        table.append("\n## Anomalous windows\n\n| score | day | from | to | series | metric | events |\n|---|---|---|---|---|---|---|\n");
        windows.forEach(f -> table.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %s | %s | %s | %,d |%n", f.window.score(),
                f.window.day(), f.window.from(), end(f.window, set.config()), f.window.key(), metric(f.window.metric()), f.matched)));
        table.append("\n## Beacons\n\n| score | source | destination | protocols | connections | mode gap (s) |\n|---|---|---|---|---|---|\n");
        beacons.forEach(f -> table.append(String.format(Locale.ROOT, "| %.3f | %s | %s | %s | %,d | %d |%n", f.beacon.score(),
                f.beacon.source(), f.beacon.destination(), String.join(", ", f.beacon.protocols()), f.beacon.connections(),
                f.beacon.modeIntervalSeconds())));
        blocks.add(table.toString());
        for (TrafficChart chart : TrafficCharts.of(report, 3)) {
            blocks.add("![" + chart.title().replace("]", ")") + "](data:image/svg+xml;base64,"
                    + Base64.getEncoder().encodeToString(chart.svg().getBytes(StandardCharsets.UTF_8)) + ")");
        }
        return blocks;
    }

    private static String protocolClause(SeriesKey key, TrafficConfig config) {
        if (key.protocol().equals(SeriesKey.TOTAL)) {
            return "";
        }
        return " AND (" + String.join(" OR ", config.protocolFields().stream()
                .map(f -> f + ":\"" + key.protocol() + "\"").toList()) + ")";
    }

    private static String iso(LocalDate day, int slot, TrafficConfig config) {
        return ISO.format(day.atStartOfDay(config.zone()).plusMinutes((long) slot * config.slotMinutes()).toInstant());
    }

    private static String instant(long micros) {
        return ISO.format(Instant.EPOCH.plusNanos(micros * 1_000));
    }

    private static String end(WindowAnomaly w, TrafficConfig config) {
        return w.toSlot() * config.slotMinutes() >= 1440 ? "24:00" : w.to().toString();
    }

    private static String metric(TrafficMetric metric) {
        return metric.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
