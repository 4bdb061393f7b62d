package org.timesmith.analysis.traffic;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds anomalous days and windows in traffic series. Each day (one row of a {@link TrafficSeries})
 * becomes {@code log1p} of its slot values, then a multilevel DWT; its feature vector is the whole
 * coefficient vector {@code cA_n ‖ cD_n ‖ … ‖ cD_1} (see docs/traffic.md for why nothing is
 * discarded). Days are clustered with k-means (k by {@link ElbowSelection}) and scored by their
 * normalised distance to the centroid; windows come from detail coefficients above the universal
 * threshold {@code σ·√(2 ln M)}, σ = max(0.1, median(|cD_j|) / 0.6745) over all analysed days of the level.
 */
public final class TrafficAnomalyDetector {

    /** Lower bound of the noise estimate σ_j, in log1p units (about a 10% change in traffic). */
    static final double MIN_SIGMA = 0.1;

    private final AnomalyOptions options;

    public TrafficAnomalyDetector(AnomalyOptions options) {
        this.options = options;
    }

    /** Empty when the series has nothing to analyse (no traffic, or no usable day). */
    public Optional<SeriesAnalysis> analyse(TrafficSeries series) {
        if (series.total() <= 0) {
            return Optional.empty();
        }
        Wavelet wavelet = Wavelet.named(options.wavelet());
        List<Integer> rows = new ArrayList<>();
        List<LocalDate> skipped = new ArrayList<>();
        for (int d = 0; d < series.days().size(); d++) {
            if (series.isComplete(d) || options.includeIncompleteDays()) {
                rows.add(d);
            } else {
                skipped.add(series.days().get(d));
            }
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int slots = series.day(0).length;
        int max = Dwt.maxLevel(slots, wavelet.length());
        if (max < 1) {
            throw new IllegalArgumentException("a day of " + slots + " slots is too short for wavelet " + wavelet.name());
        }
        int level = options.level().orElse(Math.min(3, max));
        if (level > max) {
            throw new IllegalArgumentException("level " + level + " is deeper than " + max + ", the most a day of "
                    + slots + " slots allows with " + wavelet.name());
        }
        List<double[]> features = new ArrayList<>();
        List<WaveletCoefficients> coefficients = new ArrayList<>();
        for (int row : rows) {
            double[] day = series.day(row);
            double[] signal = Arrays.stream(day).map(v -> Double.isNaN(v) ? 0 : Math.log1p(v)).toArray();
            WaveletCoefficients c = Dwt.wavedec(signal, wavelet, level);
            coefficients.add(c);
            features.add(switch (options.features()) {
                case ALL_COEFFICIENTS -> c.concatenated();
                case APPROXIMATION -> c.approximation();
                case RAW -> signal;
            });
        }
        KMeans kMeans = new KMeans(options.seed(), 10, 300);
        ElbowSelection elbow = ElbowSelection.choose(features, options.maxK(), kMeans);
        List<DayAnomaly> days = scoreDays(series, rows, features, elbow.clustering());
        List<WindowAnomaly> windows = windows(series, rows, coefficients, wavelet, level, slots);
        return Optional.of(new SeriesAnalysis(series.key(), series.metric(), wavelet.name(), level, elbow, days, windows,
                skipped));
    }

    private List<DayAnomaly> scoreDays(TrafficSeries series, List<Integer> rows, List<double[]> features,
                                       KMeans.Clustering clustering) {
        int n = features.size();
        int minClusterSize = Math.max(2, (int) Math.ceil(0.1 * n));
        int[] assignment = clustering.assignment();
        List<double[]> centroids = clustering.centroids();
        boolean[] rare = new boolean[clustering.k()];
        boolean anyCommon = false;
        for (int c = 0; c < clustering.k(); c++) {
            rare[c] = clustering.size(c) < minClusterSize;
            anyCommon |= !rare[c];
        }
        double[] distance = new double[n];
        List<Double> common = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int own = assignment[i];
            if (rare[own] && anyCommon) {
                double nearest = Double.MAX_VALUE;
                for (int c = 0; c < centroids.size(); c++) {
                    if (!rare[c]) {
                        nearest = Math.min(nearest, KMeans.squaredDistance(features.get(i), centroids.get(c)));
                    }
                }
                distance[i] = Math.sqrt(nearest);
            } else {
                distance[i] = Math.sqrt(KMeans.squaredDistance(features.get(i), centroids.get(own)));
                common.add(distance[i]);
            }
        }
        double scale = median(common);
        if (!(scale > 0)) {
            scale = Arrays.stream(distance).average().orElse(0);
        }
        if (!(scale > 0)) {
            scale = 1;
        }
        List<DayAnomaly> days = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int own = assignment[i];
            days.add(new DayAnomaly(series.key(), series.metric(), series.days().get(rows.get(i)), distance[i] / scale,
                    own, clustering.size(own), rare[own] && anyCommon, !series.isComplete(rows.get(i))));
        }
        return days;
    }

    private List<WindowAnomaly> windows(TrafficSeries series, List<Integer> rows, List<WaveletCoefficients> all,
                                        Wavelet wavelet, int level, int slots) {
        List<WindowAnomaly> windows = new ArrayList<>();
        int filter = wavelet.length();
        for (int j = 1; j <= level; j++) {
            List<Double> pooled = new ArrayList<>();
            for (WaveletCoefficients c : all) {
                for (double v : c.detail(j)) {
                    pooled.add(Math.abs(v));
                }
            }
            // floor: in a sparse series most |cD| are ~0, and any blip would be an outlier with an unbounded score
            double sigma = Math.max(MIN_SIGMA, median(pooled) / 0.6745);
            double threshold = sigma * Math.sqrt(2 * Math.log(Math.max(2, pooled.size()))) * options.windowThreshold();
            int span = 1 << (j - 1);
            for (int r = 0; r < all.size(); r++) {
                double[] detail = all.get(r).detail(j);
                for (int o = 0; o < detail.length; o++) {
                    double magnitude = Math.abs(detail[o]);
                    if (magnitude > threshold) {
                        // coefficient o reads level-(j-1) positions 2o+2-L … 2o+1, each 2^(j-1) slots wide
                        int from = Math.max(0, Math.min(slots - 1, (2 * o + 2 - filter) * span));
                        int to = Math.max(from + 1, Math.min(slots, (2 * o + 2) * span));
                        windows.add(new WindowAnomaly(series.key(), series.metric(), series.days().get(rows.get(r)),
                                from, to, slotTime(from, series.slotMinutes()), slotTime(to, series.slotMinutes()), j,
                                detail[o], magnitude / threshold));
                    }
                }
            }
        }
        return windows;
    }

    private static LocalTime slotTime(int slot, int slotMinutes) {
        int minutes = slot * slotMinutes;
        return minutes >= 1440 ? LocalTime.MAX : LocalTime.of(minutes / 60, minutes % 60);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
