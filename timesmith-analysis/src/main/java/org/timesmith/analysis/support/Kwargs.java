package org.timesmith.analysis.support;

import java.util.List;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;

/** Typed keyword arguments with defaults; a value of the wrong type fails the run with a message naming it. */
public final class Kwargs {

    private Kwargs() {
    }

    public static int positiveInt(AnalysisContext context, String name, int fallback) {
        Object value = context.kwargs().get(name);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            int parsed = value instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue()
                    : Integer.parseInt(value.toString().trim());
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new AnalysisException(name + " must be a positive whole number, not " + value);
        }
    }

    public static double fraction(AnalysisContext context, String name, double fallback) {
        Object value = context.kwargs().get(name);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            double parsed = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
            if (!(parsed >= 0 && parsed <= 1)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new AnalysisException(name + " must be a number from 0 to 1, not " + value);
        }
    }

    /** A comma-separated list (blank entries dropped), or the fallback. */
    public static List<String> list(AnalysisContext context, String name, List<String> fallback) {
        return context.kwarg(name).filter(s -> !s.isBlank())
                .map(s -> java.util.Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList())
                .orElse(fallback);
    }

    /** numpy's default (linear) percentile of the values, 0..100. */
    public static double percentile(long[] values, double percent) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double position = percent / 100 * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
