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
 * Memory: the time and size of every connection are kept until {@link #score}, as RITA does, in
 * primitive arrays (22 bytes a connection: two address ids, time, size, protocol id); pairs are
 * found by sorting when they are scored, so nothing is looked up per connection.
 */
public final class BeaconDetector {

    /** A connection's time is kept as unsigned 32-bit seconds: 1970…2100 (what {@link Connection} accepts) fits. */
    private static final long MAX_SECONDS = (1L << 32) - 1;

    private final BeaconOptions options;
    /** Ids of addresses and protocols, shared with a series builder when there is one. */
    private final PairKeys ids;
    /** Every connection in arrival order: its source and destination ids, time (unsigned seconds), size and protocol. */
    private int[] connectionSources = new int[1024];
    private int[] connectionDestinations = new int[1024];
    private int[] connectionSeconds = new int[1024];
    private long[] connectionBytes = new long[1024];
    private short[] connectionProtocols = new short[1024];
    private int connections;

    public BeaconDetector(BeaconOptions options) {
        this(options, new PairKeys());
    }

    /** A detector that takes the address and protocol ids of a series builder's {@link PairKeys}. */
    BeaconDetector(BeaconOptions options, PairKeys ids) {
        this.options = options;
        this.ids = ids;
    }

    /** At most this many connections are reserved ahead (about 350 MB). */
    static final int MAX_RESERVED = 1 << 24;

    /**
     * Makes room for about {@code expected} more connections at once (at most {@value #MAX_RESERVED}):
     * growing the arrays step by step to ten million connections made the collector copy each step
     * again (seconds of young-generation pauses at 10M). Only a hint; more connections still fit.
     */
    public void reserve(long expected) {
        long wanted = Math.min(connections + Math.max(0, Math.min(expected, MAX_RESERVED)), Integer.MAX_VALUE - 8L);
        if (wanted > connectionSources.length) {
            resize((int) wanted);
        }
    }

    private void resize(int capacity) {
        connectionSources = Arrays.copyOf(connectionSources, capacity);
        connectionDestinations = Arrays.copyOf(connectionDestinations, capacity);
        connectionSeconds = Arrays.copyOf(connectionSeconds, capacity);
        connectionBytes = Arrays.copyOf(connectionBytes, capacity);
        connectionProtocols = Arrays.copyOf(connectionProtocols, capacity);
    }

    /**
     * Keeps a connection's time, size and protocol under its pair: a few primitive array entries, no
     * object per connection or pair (at ten million connections and millions of pairs the objects
     * were most of the live set).
     */
    public void add(Connection connection) {
        if (options.excludedProtocols().contains(connection.protocol())) {
            return; // before ids are given to its addresses
        }
        add(connection, ids.id(connection.source(), connection.sourceInternal()),
                ids.id(connection.destination(), connection.destinationInternal()), ids.protocol(connection.protocol()));
    }

    /** As {@link #add(Connection)}, with the ids its addresses and protocol have in this detector's {@link PairKeys}. */
    void add(Connection connection, int source, int destination, int protocol) {
        if (options.excludedProtocols().contains(connection.protocol())) {
            return;
        }
        long seconds = Math.floorDiv(connection.timestampMicros(), 1_000_000L);
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("a connection at " + seconds + " s since the epoch is outside 1970…2106");
        }
        if (connections == Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + connections + " connections for beacon scoring");
        }
        if (connections == connectionSources.length) {
            resize((int) Math.min(Integer.MAX_VALUE - 8, connections * 3L / 2));
        }
        connectionSources[connections] = source;
        connectionDestinations[connections] = destination;
        connectionSeconds[connections] = (int) seconds;
        connectionBytes[connections] = connection.bytes();
        connectionProtocols[connections] = (short) protocol;
        connections++;
    }

    /**
     * Scores every pair with at least {@code minConnections} connections, best beacon first. RITA
     * scores the last 24 hours; for longer data Timesmith scores each full {@code windowSeconds}
     * window counted back from the end of the data (a rest shorter than a window at the start is
     * left out) and a pair's score is the mean over the windows, 0 where the pair was not scored
     * (too few connections there), so a beacon that persists outranks one busy day. With less than a
     * window of data, the one window is the whole data.
     *
     * <p>The connections are grouped by source (a counting sort over the arrival order), then by
     * destination (a sort within each source), and each pair's are sorted by time once, so each
     * window is a range found by binary search; sources are scored in parallel, and the ranking is a
     * total order, so the result does not depend on the order of arrival or of scoring.
     */
    public List<Beacon> score(long datasetFirstMicros, long datasetLastMicros) {
        long last = Math.floorDiv(datasetLastMicros, 1_000_000L);
        long first = Math.floorDiv(datasetFirstMicros, 1_000_000L);
        int[] sourceStarts = sourceStarts();
        int[] bySource = bySource(sourceStarts);
        List<Beacon> beacons = new ArrayList<>(java.util.stream.IntStream.range(0, sourceStarts.length - 1).parallel()
                .mapToObj(s -> scoreSource(bySource, sourceStarts[s], sourceStarts[s + 1], first, last))
                .flatMap(List::stream).toList());
        beacons.sort(Comparator.comparingDouble(Beacon::score).reversed()
                .thenComparing(Comparator.comparingLong(Beacon::connections).reversed())
                .thenComparing(Beacon::source).thenComparing(Beacon::destination));
        return beacons;
    }

    /** Where each source id's connections start in {@link #bySource}, one past the last source at the end. */
    private int[] sourceStarts() {
        int[] starts = new int[maxSource() + 2];
        for (int c = 0; c < connections; c++) {
            starts[connectionSources[c] + 1]++;
        }
        for (int s = 1; s < starts.length; s++) {
            starts[s] += starts[s - 1];
        }
        return starts;
    }

    private int maxSource() {
        int max = 0;
        for (int c = 0; c < connections; c++) {
            max = Math.max(max, connectionSources[c]);
        }
        return max;
    }

    /** The connections' positions grouped by source id (a counting sort: no map from pairs to anything). */
    private int[] bySource(int[] sourceStarts) {
        int[] next = sourceStarts.clone();
        int[] order = new int[connections];
        for (int c = 0; c < connections; c++) {
            order[next[connectionSources[c]]++] = c;
        }
        return order;
    }

    /** The pairs of one source: its connections sorted by destination, each run of one destination a pair. */
    private List<Beacon> scoreSource(int[] bySource, int from, int to, long first, long last) {
        if (to - from < options.minConnections()) {
            return List.of();
        }
        long[] byDestination = new long[to - from];
        for (int i = from; i < to; i++) {
            byDestination[i - from] = (long) connectionDestinations[bySource[i]] << 32 | bySource[i];
        }
        Arrays.sort(byDestination); // connection positions are below 2^31, so a run keeps the order of arrival
        List<Beacon> scored = new ArrayList<>();
        for (int start = 0; start < byDestination.length; ) {
            int end = start + 1;
            while (end < byDestination.length && byDestination[end] >>> 32 == byDestination[start] >>> 32) {
                end++;
            }
            if (end - start >= options.minConnections()) {
                Beacon beacon = scoreWindows(pair(byDestination, start, end), first, last);
                if (beacon != null) {
                    scored.add(beacon);
                }
            }
            start = end;
        }
        return scored;
    }

    /** A pair's score: the mean over the windows, with the statistics of the latest window scored. */
    private Beacon scoreWindows(PairTimes pair, long first, long last) {
        long span = last - first;
        int windows = (int) Math.max(1, span / options.windowSeconds());
        List<Double> windowScores = new ArrayList<>();
        Beacon latest = null;
        long connectionCount = 0;
        for (int w = 0; w < windows; w++) {
            long end = last - w * options.windowSeconds();
            long start = span < options.windowSeconds() ? first : end - options.windowSeconds();
            Beacon scored = score(pair, start, Math.max(end, start + 1), w == 0);
            windowScores.add(scored == null ? 0.0 : scored.score());
            if (scored != null) {
                connectionCount += scored.connections();
                if (latest == null) {
                    latest = scored;
                }
            }
        }
        if (latest == null) {
            return null;
        }
        Beacon b = latest;
        double mean = windowScores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Beacon(b.source(), b.destination(), b.protocols(), connectionCount, b.first(), b.last(), mean,
                windowScores, b.timestampScore(), b.dataSizeScore(), b.histogramScore(), b.durationScore(),
                b.intervalSkew(), b.intervalMad(), b.sizeSkew(), b.sizeMad(), b.modeIntervalSeconds(), b.modeBytes(),
                b.activeBins());
    }

    /** One pair's connections (positions in the low halves of {@code byDestination[from, to)}) sorted by time. */
    private PairTimes pair(long[] byDestination, int from, int to) {
        int count = to - from;
        // time (unsigned) in the high half, index in the low half: one sort orders times and carries sizes
        long[] keyed = new long[count];
        java.util.BitSet protocolIds = new java.util.BitSet();
        for (int j = 0; j < count; j++) {
            int c = (int) byDestination[from + j];
            keyed[j] = ((long) connectionSeconds[c] << 32 | j) ^ Long.MIN_VALUE;
            protocolIds.set(connectionProtocols[c]);
        }
        TreeSet<String> names = new TreeSet<>();
        protocolIds.stream().forEach(p -> names.add(ids.protocolName(p)));
        Arrays.sort(keyed);
        long[] times = new long[count];
        long[] sizes = new long[count];
        for (int j = 0; j < count; j++) {
            long k = keyed[j] ^ Long.MIN_VALUE;
            times[j] = k >>> 32;
            sizes[j] = connectionBytes[(int) byDestination[from + (int) (k & 0xFFFF_FFFFL)]];
        }
        int first = (int) byDestination[from];
        return new PairTimes(ids.address(connectionSources[first]), ids.address(connectionDestinations[first]),
                List.copyOf(names), times, sizes);
    }

    /** One pair's connections sorted by time, each with its size. */
    private record PairTimes(String source, String destination, List<String> protocols, long[] times, long[] sizes) {
    }

    /** One window {@code [datasetFirst, datasetLast)}, the end included for the latest window; null if not scored. */
    private Beacon score(PairTimes pair, long datasetFirst, long datasetLast, boolean includeEnd) {
        int from = firstAtOrAfter(pair.times, datasetFirst);
        int to = firstAtOrAfter(pair.times, includeEnd ? datasetLast + 1 : datasetLast);
        int inWindow = to - from;
        if (inWindow < options.minConnections()) {
            return null;
        }
        long[] times = Arrays.copyOfRange(pair.times, from, to);
        double[] gaps = Arrays.stream(times).distinct().toArray().length < 4 ? null : distinctGaps(times);
        if (gaps == null) {
            return null; // fewer than three non-zero gaps: nothing to measure
        }
        double[] sizes = Arrays.stream(pair.sizes, from, to).asDoubleStream().sorted().toArray();
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
        return new Beacon(pair.source, pair.destination, pair.protocols, inWindow,
                Instant.ofEpochSecond(times[0]), Instant.ofEpochSecond(times[times.length - 1]), score, List.of(score),
                clamp(timestampScore), clamp(dataSizeScore), clamp(histogramScore), clamp(durationScore), intervalSkew,
                intervalMad, sizeSkew, sizeMad, mode(gaps), mode(sizes), active);
    }

    /** The first index of a sorted array whose value is at least {@code value} (the length if none). */
    private static int firstAtOrAfter(long[] sorted, long value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
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
}
