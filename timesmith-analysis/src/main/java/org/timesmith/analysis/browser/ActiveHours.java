package org.timesmith.analysis.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.timesmith.analysis.support.Kwargs;

/**
 * The hours of the day (UTC) a browser is normally used, found as Timesketch's browser timeframe
 * analyzer finds them: among the hours with events, the per-hour counts' statistics give candidate
 * thresholds (75th percentile minus the mean, the 75th, 50th and 25th percentiles); the candidate
 * that keeps the most hours while keeping 3 to 12 of them wins (the first candidate if none does),
 * and the hours at or above it, with single-hour gaps filled, are the active hours.
 *
 * @param hours     the active hours, ascending
 * @param threshold the per-hour count an hour needed
 */
record ActiveHours(List<Integer> hours, double threshold) {

    /** @param perHour events per hour of day (index 0..23) */
    static ActiveHours of(long[] perHour) {
        List<Integer> present = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (perHour[h] > 0) {
                present.add(h);
            }
        }
        long[] counts = present.stream().mapToLong(h -> perHour[h]).toArray();
        double mean = java.util.Arrays.stream(counts).average().orElse(0);
        double p75 = Kwargs.percentile(counts, 75);
        Map<Double, Integer> candidates = new LinkedHashMap<>();
        for (double t : new double[] {p75 - mean, p75, Kwargs.percentile(counts, 50), Kwargs.percentile(counts, 25)}) {
            candidates.putIfAbsent(t, 0);
        }
        candidates.replaceAll((t, n) -> {
            int kept = above(perHour, present, t).size();
            return kept >= 3 && kept <= 12 ? kept : 0;
        });
        double threshold = candidates.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                .orElseThrow().getKey();
        List<Integer> hours = above(perHour, present, threshold);
        List<int[]> runs = runs(hours);
        if (runs.size() == 1 || (runs.size() == 2 && runs.get(0)[0] == 0)) {
            return new ActiveHours(hours, threshold);
        }
        return new ActiveHours(fillGaps(hours), threshold);
    }

    private static List<Integer> above(long[] perHour, List<Integer> present, double threshold) {
        return present.stream().filter(h -> perHour[h] >= threshold).toList();
    }

    /** Runs of consecutive hours as [first, last]. */
    static List<int[]> runs(List<Integer> hours) {
        List<int[]> runs = new ArrayList<>();
        for (int hour : hours) {
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == hour - 1) {
                runs.get(runs.size() - 1)[1] = hour;
            } else {
                runs.add(new int[] {hour, hour});
            }
        }
        return runs;
    }

    /**
     * Fills single-hour gaps between runs; if more than two runs remain, keeps the hours from
     * midnight to the end of the first run and the whole last run (the day wraps around).
     */
    static List<Integer> fillGaps(List<Integer> hours) {
        TreeSet<Integer> filled = new TreeSet<>(hours);
        List<int[]> runs = runs(hours);
        for (int i = 0; i + 1 < runs.size(); i++) {
            if (runs.get(i)[1] + 2 == runs.get(i + 1)[0]) {
                filled.add(runs.get(i)[1] + 1);
            }
        }
        List<Integer> result = List.copyOf(filled);
        List<int[]> after = runs(result);
        if (after.size() <= 2) {
            return result;
        }
        List<Integer> wrapped = new ArrayList<>();
        for (int h = 0; h <= after.get(0)[1]; h++) {
            wrapped.add(h);
        }
        for (int h = after.get(after.size() - 1)[0]; h <= after.get(after.size() - 1)[1]; h++) {
            wrapped.add(h);
        }
        return wrapped;
    }
}
