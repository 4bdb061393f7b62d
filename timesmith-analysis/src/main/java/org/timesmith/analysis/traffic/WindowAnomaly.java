package org.timesmith.analysis.traffic;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A stretch of slots of one day whose detail coefficient at {@code level} is an outlier:
 * {@code score} is |coefficient| / threshold (so &gt; 1 is above it). Slots are wall-clock in the
 * configured zone, {@code [fromSlot, toSlot)}.
 */
public record WindowAnomaly(SeriesKey key, TrafficMetric metric, LocalDate day, int fromSlot, int toSlot,
                            LocalTime from, LocalTime to, int level, double coefficient, double score) {
}
