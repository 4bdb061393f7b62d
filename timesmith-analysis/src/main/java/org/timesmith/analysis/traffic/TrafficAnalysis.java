package org.timesmith.analysis.traffic;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass over a stream of events that feeds both the series and the beacon detector, then
 * {@link #report()} analyses them. Typical use: {@code events.forEach(analysis::accept); analysis.report()}.
 * Not thread-safe.
 */
public final class TrafficAnalysis {

    private final TrafficSeriesBuilder builder;
    private final BeaconDetector beacons;
    private final AnomalyOptions anomalyOptions;
    private long seriesNanos;
    private long anomalyNanos;
    private long beaconNanos;

    /**
     * Where the analysis spent its time so far, in nanoseconds: counting events into the series
     * (reading their fields, the slots, and building the matrices), wavelets and k-means (the
     * anomaly detector), and beacons (collecting each pair's connections and scoring them). The time
     * spent getting the events is the caller's.
     */
    public record Timings(long seriesNanos, long anomalyNanos, long beaconNanos) {
    }

    public TrafficAnalysis(TrafficConfig config, AnomalyOptions anomalyOptions, BeaconOptions beaconOptions) {
        this.builder = new TrafficSeriesBuilder(config);
        this.beacons = new BeaconDetector(beaconOptions, builder.peers());
        this.anomalyOptions = anomalyOptions;
    }

    public void accept(Map<String, Object> event) {
        long started = System.nanoTime();
        Optional<Connection> connection = builder.accept(event);
        long counted = System.nanoTime();
        seriesNanos += counted - started;
        if (connection.isPresent()) {
            beacons.add(connection.get(), builder.lastSource(), builder.lastDestination(), builder.lastProtocol());
            beaconNanos += System.nanoTime() - counted;
        }
    }

    /**
     * The number of events about to be read, when the caller knows it (a count of the query): the
     * beacon detector makes room for their connections at once ({@link BeaconDetector#reserve}).
     */
    public void expectEvents(long events) {
        beacons.reserve(events);
    }

    public Timings timings() {
        return new Timings(seriesNanos, anomalyNanos, beaconNanos);
    }

    /** For input counted elsewhere (an index's aggregations, stored series): the series' builder. */
    public TrafficSeriesBuilder series() {
        return builder;
    }

    /** For input counted elsewhere: a connection for the beacon detector only (its series come through {@link #series}). */
    public void acceptForBeacons(Connection connection) {
        beacons.add(connection);
    }

    public TrafficReport report() {
        long started = System.nanoTime();
        TrafficSeriesSet set = builder.build();
        long built = System.nanoTime();
        seriesNanos += built - started;
        TrafficAnomalyDetector detector = new TrafficAnomalyDetector(anomalyOptions);
        // each series on its own (the detector keeps no state; k-means seeds itself per call), in
        // parallel; the list keeps the series' order, so the rankings below are those of one thread
        List<SeriesAnalysis> analyses = set.series().parallelStream()
                .filter(series -> anomalyOptions.metrics().contains(series.metric()))
                .map(detector::analyse).flatMap(Optional::stream).toList();
        List<DayAnomaly> days = analyses.stream().flatMap(a -> a.days().stream())
                .filter(d -> d.score() >= anomalyOptions.dayThreshold())
                .sorted(Comparator.comparingDouble(DayAnomaly::score).reversed()
                        .thenComparing(DayAnomaly::key).thenComparing(DayAnomaly::metric).thenComparing(DayAnomaly::day))
                .toList();
        List<WindowAnomaly> windows = analyses.stream().flatMap(a -> a.windows().stream())
                .sorted(Comparator.comparingDouble(WindowAnomaly::score).reversed().thenComparing(WindowAnomaly::key)
                        .thenComparing(WindowAnomaly::metric).thenComparing(WindowAnomaly::day)
                        .thenComparingInt(WindowAnomaly::fromSlot))
                .toList();
        long detected = System.nanoTime();
        anomalyNanos += detected - built;
        List<Beacon> ranked = set.firstMicros().isEmpty() ? List.of()
                : beacons.score(set.firstMicros().get(), set.lastMicros().get());
        beaconNanos += System.nanoTime() - detected;
        return new TrafficReport(set, analyses, days, windows, ranked);
    }
}
