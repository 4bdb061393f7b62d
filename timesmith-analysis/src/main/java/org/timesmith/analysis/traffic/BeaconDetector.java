package org.timesmith.analysis.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scores every source → destination pair for beaconing the way RITA 5 does (re-implemented from its
 * documented method, not its code): four sub-scores in [0, 1], weighted (¼ each by default).
 * <ul>
 * <li><b>timestamp</b>: the gaps between distinct connection times (whole seconds): mean of
 * {@code 1 - |Bowley skew|} (0 skew unless the quartile spread is ≥ 10 s and the median differs from
 * both quartiles) and the MAD score {@code (median - MAD) / median} (1 if the median gap is &lt; 1 s).</li>
 * <li><b>data size</b>: the same on connection sizes, with the MAD score 0 when the median is &lt; 1 byte.</li>
 * <li><b>histogram</b>: connections per hour over the whole observed time range; the better of
 * {@code 1 - coefficient of variation} and the bimodal fit (share of active hours whose bar falls in
 * the two most common bar heights, heights binned at 5% of the tallest bar, one outlier forgiven,
 * only with ≥ 11 active hours).</li>
 * <li><b>duration</b>: with ≥ 6 active hours, the better of coverage ((last - first connection) /
 * observed range) and consistency (longest run of consecutive active hours, wrapping around, / 12).</li>
 * </ul>
 * Like RITA, only the last {@code windowSeconds} (24 hours) of the data are scored, in hourly bins,
 * so the bin-count thresholds keep their meaning whatever the length of the data.
 * Memory: the times and sizes of each pair's connections are kept until {@link #score}, as RITA does.
 */
public final class BeaconDetector {

    private final BeaconOptions options;
    private final Map<String, Pair> pairs = new HashMap<>();

    public BeaconDetector(BeaconOptions options) {
        this.options = options;
    }

    public void add(Connection connection) {
        if (options.excludedProtocols().contains(connection.protocol())) {
            return;
        }
        pairs.computeIfAbsent(connection.source() + "\u0000" + connection.destination(),
                        k -> new Pair(connection.source(), connection.destination()))
                .add(Math.floorDiv(connection.timestampMicros(), 1_000_000L), connection.bytes(), connection.protocol());
    }

    /**
     * Scores every pair with at least {@code minConnections} connections, best beacon first. RITA
     * scores the last 24 hours; for longer data Timesmith scores each full {@code windowSeconds}
     * window counted back from the end of the data (a rest shorter than a window at the start is
     * left out) and a pair's score is the mean over the windows, 0 where the pair was not scored
     * (too few connections there), so a beacon that persists outranks one busy day. With less than a
     * window of data, the one window is the whole data.
     */
    public List<Beacon> score(long datasetFirstMicros, long datasetLastMicros) {
        long last = Math.floorDiv(datasetLastMicros, 1_000_000L);
        long first = Math.floorDiv(datasetFirstMicros, 1_000_000L);
        long span = last - first;
        int windows = (int) Math.max(1, span / options.windowSeconds());
        List<Beacon> beacons = new ArrayList<>();
        for (Pair pair : pairs.values()) {
            if (pair.count < options.minConnections()) {
                continue;
            }
            List<Double> windowScores = new ArrayList<>();
            java.util.Optional<Beacon> latest = java.util.Optional.empty();
            long connections = 0;
            for (int w = 0; w < windows; w++) {
                long end = last - w * options.windowSeconds();
                long start = span < options.windowSeconds() ? first : end - options.windowSeconds();
                java.util.Optional<Beacon> scored = score(pair, start, Math.max(end, start + 1), w == 0);
                windowScores.add(scored.map(Beacon::score).orElse(0.0));
                if (scored.isPresent()) {
                    connections += scored.get().connections();
                    if (latest.isEmpty()) {
                        latest = scored;
                    }
                }
            }
            if (latest.isPresent()) {
                Beacon b = latest.get();
                double mean = windowScores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                beacons.add(new Beacon(b.source(), b.destination(), b.protocols(), connections, b.first(), b.last(),
                        mean, windowScores, b.timestampScore(), b.dataSizeScore(), b.histogramScore(), b.durationScore(),
                        b.intervalSkew(), b.intervalMad(), b.sizeSkew(), b.sizeMad(), b.modeIntervalSeconds(),
                        b.modeBytes(), b.activeBins()));
            }
        }
        beacons.sort(Comparator.comparingDouble(Beacon::score).reversed()
                .thenComparing(Comparator.comparingLong(Beacon::connections).reversed())
                .thenComparing(Beacon::source).thenComparing(Beacon::destination));
        return beacons;
    }

    /** One window {@code [datasetFirst, datasetLast)}, the end included for the latest window. */
    private java.util.Optional<Beacon> score(Pair pair, long datasetFirst, long datasetLast, boolean includeEnd) {
        int inWindow = 0;
        long[] times = new long[pair.count];
        long[] sizes0 = new long[pair.count];
        for (int i = 0; i < pair.count; i++) {
            if (pair.times[i] >= datasetFirst && (pair.times[i] < datasetLast || includeEnd && pair.times[i] == datasetLast)) {
                times[inWindow] = pair.times[i];
                sizes0[inWindow++] = pair.bytes[i];
            }
        }
        if (inWindow < options.minConnections()) {
            return java.util.Optional.empty();
        }
        times = Arrays.copyOf(times, inWindow);
        Arrays.sort(times);
        double[] gaps = Arrays.stream(times).distinct().toArray().length < 4 ? null : distinctGaps(times);
        if (gaps == null) {
            return java.util.Optional.empty(); // fewer than three non-zero gaps: nothing to measure
        }
        double[] sizes = Arrays.stream(sizes0, 0, inWindow).asDoubleStream().sorted().toArray();
        double intervalSkew = bowleySkew(gaps);
        double intervalMad = mad(gaps);
        double intervalMadScore = madScore(gaps, intervalMad, 1);
        double timestampScore = ((1 - Math.abs(intervalSkew)) + intervalMadScore) / 2;
        double sizeSkew = bowleySkew(sizes);
        double sizeMad = mad(sizes);
        double dataSizeScore = ((1 - Math.abs(sizeSkew)) + madScore(sizes, sizeMad, 0)) / 2;

        int bins = (int) Math.max(1, Math.ceilDiv(datasetLast - datasetFirst, options.binSeconds()));
        int[] histogram = new int[bins];
        for (long t : times) {
            int bin = (int) Math.min(bins - 1, Math.max(0, (t - datasetFirst) / options.binSeconds()));
            histogram[bin]++;
        }
        int active = (int) Arrays.stream(histogram).filter(h -> h > 0).count();
        double histogramScore = Math.max(cvScore(histogram), bimodalFit(histogram, active));
        double durationScore = 0;
        if (active >= options.durationMinBins()) {
            double coverage = Math.min(1, (double) (times[times.length - 1] - times[0]) / (datasetLast - datasetFirst));
            double consistency = Math.min(1, (double) longestRun(histogram) / options.durationIdealRun());
            durationScore = Math.max(coverage, consistency);
        }
        double score = clamp(timestampScore) * options.timestampWeight() + clamp(dataSizeScore) * options.dataSizeWeight()
                + clamp(histogramScore) * options.histogramWeight() + clamp(durationScore) * options.durationWeight();
        return java.util.Optional.of(new Beacon(pair.source, pair.destination, List.copyOf(pair.protocols), inWindow,
                Instant.ofEpochSecond(times[0]), Instant.ofEpochSecond(times[times.length - 1]), score, List.of(score),
                clamp(timestampScore), clamp(dataSizeScore), clamp(histogramScore), clamp(durationScore), intervalSkew,
                intervalMad, sizeSkew, sizeMad, mode(gaps), mode(sizes), active));
    }

    /** Sorted gaps between the distinct times, or null with fewer than three. */
    private static double[] distinctGaps(long[] sortedTimes) {
        long[] distinct = Arrays.stream(sortedTimes).distinct().toArray();
        double[] gaps = new double[distinct.length - 1];
        for (int i = 1; i < distinct.length; i++) {
            gaps[i - 1] = distinct[i] - distinct[i - 1];
        }
        Arrays.sort(gaps);
        return gaps.length < 3 ? null : gaps;
    }

    private static double clamp(double score) {
        return Math.max(0, Math.min(1, Double.isNaN(score) ? 0 : score));
    }

    /**
     * Bowley (quartile) skewness {@code (Q1 + Q3 - 2·Q2) / (Q3 - Q1)}; 0 when the quartile spread is
     * under 10 (seconds or bytes: jitter, not shape) or the median equals a quartile.
     */
    static double bowleySkew(double[] sorted) {
        double[] q = quartiles(sorted);
        double spread = q[2] - q[0];
        if (spread < 10 || q[1] == q[0] || q[1] == q[2]) {
            return 0;
        }
        return (q[0] + q[2] - 2 * q[1]) / spread;
    }

    /** Tukey's quartiles: medians of the lower and upper halves, the middle value excluded for odd n. */
    static double[] quartiles(double[] sorted) {
        int n = sorted.length;
        double q2 = median(sorted, 0, n);
        int half = n / 2;
        double q1 = median(sorted, 0, half);
        double q3 = median(sorted, n % 2 == 0 ? half : half + 1, n);
        return new double[] {q1, q2, q3};
    }

    private static double median(double[] sorted, int from, int to) {
        int n = to - from;
        int mid = from + n / 2;
        return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Median absolute deviation about the median (unscaled). */
    static double mad(double[] sorted) {
        double median = median(sorted, 0, sorted.length);
        double[] deviations = Arrays.stream(sorted).map(v -> Math.abs(v - median)).sorted().toArray();
        return median(deviations, 0, deviations.length);
    }

    private static double madScore(double[] sorted, double mad, double belowOne) {
        double median = median(sorted, 0, sorted.length);
        return median >= 1 ? Math.max(0, (median - mad) / median) : belowOne;
    }

    private static long mode(double[] sorted) {
        long best = (long) sorted[0];
        int bestCount = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = (long) sorted[i];
            }
            i = j;
        }
        return best;
    }

    private static double cvScore(int[] histogram) {
        double mean = Arrays.stream(histogram).average().orElse(0);
        if (mean <= 0) {
            return 0;
        }
        double variance = Arrays.stream(histogram).mapToDouble(h -> (h - mean) * (h - mean)).sum() / histogram.length;
        double cv = Math.sqrt(variance) / mean;
        return cv > 1 ? 0 : 1 - cv;
    }

    private double bimodalFit(int[] histogram, int active) {
        if (active < Math.max(options.bimodalMinBins(), 6)) {
            return 0;
        }
        int tallest = Arrays.stream(histogram).max().orElse(0);
        double binSize = Math.max(1, Math.ceil(tallest * options.modeSensitivity()));
        Map<Long, Integer> heights = new HashMap<>();
        for (int h : histogram) {
            if (h > 0) {
                heights.merge((long) Math.floor(h / binSize), 1, Integer::sum);
            }
        }
        List<Integer> counts = heights.values().stream().sorted(Comparator.reverseOrder()).toList();
        int top = counts.get(0) + (counts.size() > 1 ? counts.get(1) : 0);
        return Math.min(1, top / Math.max(1.0, active - options.bimodalOutlierBins()));
    }

    /** Longest run of non-empty bins, wrapping around from the end to the start. */
    private static int longestRun(int[] histogram) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < histogram.length * 2; i++) {
            if (histogram[i % histogram.length] > 0) {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return Math.min(longest, histogram.length);
    }

    private static final class Pair {
        final String source;
        final String destination;
        final TreeSet<String> protocols = new TreeSet<>();
        long[] times = new long[8];
        long[] bytes = new long[8];
        int count;

        Pair(String source, String destination) {
            this.source = source;
            this.destination = destination;
        }

        void add(long seconds, long size, String protocol) {
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
                bytes = Arrays.copyOf(bytes, count * 2);
            }
            times[count] = seconds;
            bytes[count] = size;
            count++;
            protocols.add(protocol);
        }
    }
}
