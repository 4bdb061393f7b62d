package org.timesmith.analysis.traffic;

import java.time.LocalDate;
import java.util.List;

/** Everything computed for one series and metric: the choice of k, every analysed day's score, the windows. */
public record SeriesAnalysis(SeriesKey key, TrafficMetric metric, String wavelet, int level, ElbowSelection elbow,
                             List<DayAnomaly> days, List<WindowAnomaly> windows, List<LocalDate> skippedIncompleteDays) {

    public SeriesAnalysis {
        days = List.copyOf(days);
        windows = List.copyOf(windows);
        skippedIncompleteDays = List.copyOf(skippedIncompleteDays);
    }
}
