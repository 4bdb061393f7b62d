package org.timesmith.analysis.traffic;

import java.time.LocalDate;
import java.util.List;

/**
 * One metric of one series as a days × slots matrix: row {@code d} is {@code days.get(d)} in the
 * configured zone, column {@code s} the wall-clock slot {@code s}. A slot in which the sensor saw
 * nothing at all (no connection of any protocol) is {@link Double#NaN}, never a silent 0; such days
 * are listed in {@link TrafficSeriesSet#incompleteDays()}.
 */
public record TrafficSeries(SeriesKey key, TrafficMetric metric, int slotMinutes, List<LocalDate> days, double[][] values) {

    public TrafficSeries {
        days = List.copyOf(days);
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        values = copy;
        if (values.length != days.size()) {
            throw new IllegalArgumentException("a series needs one row per day");
        }
    }

    @Override
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return copy;
    }

    public double[] day(int index) {
        return values[index].clone();
    }

    public boolean isComplete(int dayIndex) {
        for (double v : values[dayIndex]) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    public double total() {
        double sum = 0;
        for (double[] row : values) {
            for (double v : row) {
                sum += Double.isNaN(v) ? 0 : v;
            }
        }
        return sum;
    }
}
