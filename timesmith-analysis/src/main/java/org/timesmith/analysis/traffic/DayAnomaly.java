package org.timesmith.analysis.traffic;

import java.time.LocalDate;

/**
 * One day of one series, judged: {@code score} is its distance to its cluster's centroid divided by
 * the median such distance (for a day in a rare cluster, the distance to the nearest common
 * cluster's centroid instead), so 1 is a typical day.
 */
public record DayAnomaly(SeriesKey key, TrafficMetric metric, LocalDate day, double score, int cluster,
                         int clusterSize, boolean rareCluster, boolean incomplete) {
}
