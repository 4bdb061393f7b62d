package org.timesmith.analysis.traffic;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How days are turned into features and judged.
 *
 * @param wavelet               a {@link Wavelet#named} name
 * @param level                 DWT depth; empty = min(3, the deepest level the day length allows)
 * @param metrics               which metrics to analyse
 * @param maxK                  k-means tries k = 1…maxK (capped at the number of days)
 * @param seed                  k-means++ seed
 * @param dayThreshold          a day whose normalised distance reaches this is anomalous
 * @param windowThreshold       a detail coefficient above this many universal thresholds is an anomalous window
 * @param includeIncompleteDays analyse days with missing slots too (missing slots as 0, the day flagged)
 * @param features              what a day's feature vector is (docs/traffic.md compares them)
 */
public record AnomalyOptions(String wavelet, Optional<Integer> level, Set<TrafficMetric> metrics, int maxK, long seed,
                             double dayThreshold, double windowThreshold, boolean includeIncompleteDays,
                             Features features) {

    /** A day's feature vector, from its {@code log1p} slot values. */
    public enum Features {
        /** Every wavelet coefficient, {@code cA_n ‖ cD_n ‖ … ‖ cD_1} (the default). */
        ALL_COEFFICIENTS,
        /** The approximation {@code cA_n} alone, as the seed project did. */
        APPROXIMATION,
        /** The slot values themselves, no transform. */
        RAW
    }

    public AnomalyOptions {
        Wavelet.named(wavelet);
        metrics = Set.copyOf(metrics);
        if (maxK < 1) {
            throw new IllegalArgumentException("maxK must be ≥ 1");
        }
        if (!(dayThreshold > 0) || !(windowThreshold > 0)) {
            throw new IllegalArgumentException("thresholds must be > 0");
        }
    }

    public static AnomalyOptions defaults() {
        return new AnomalyOptions("db4", Optional.empty(), EnumSet.allOf(TrafficMetric.class), 8, 18L, 2.5, 1.0, false,
                Features.ALL_COEFFICIENTS);
    }

    public AnomalyOptions withIncompleteDays(boolean include) {
        return new AnomalyOptions(wavelet, level, metrics, maxK, seed, dayThreshold, windowThreshold, include, features);
    }

    public AnomalyOptions withWavelet(String name, Optional<Integer> newLevel) {
        return new AnomalyOptions(name, newLevel, metrics, maxK, seed, dayThreshold, windowThreshold, includeIncompleteDays, features);
    }

    public AnomalyOptions withFeatures(Features kind) {
        return new AnomalyOptions(wavelet, level, metrics, maxK, seed, dayThreshold, windowThreshold, includeIncompleteDays,
                kind);
    }
}
