package org.timesmith.core.search;

import java.util.List;

/**
 * The round bucket widths an automatic date histogram chooses from, shared by every store so they
 * all pick the same interval: the smallest one giving at most the requested number of buckets.
 * Months and years are fixed widths (30 and 365 days) because buckets are aligned to the epoch.
 */
public final class HistogramIntervals {

    private static final long SECOND = 1_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long YEAR = 365 * DAY;

    /** Ascending, in microseconds. */
    public static final List<Long> ROUND_INTERVALS_MICROS = List.of(
            SECOND, 5 * SECOND, 10 * SECOND, 30 * SECOND,
            MINUTE, 5 * MINUTE, 10 * MINUTE, 30 * MINUTE,
            HOUR, 3 * HOUR, 12 * HOUR,
            DAY, 7 * DAY, 30 * DAY,
            YEAR, 5 * YEAR, 10 * YEAR, 20 * YEAR, 50 * YEAR, 100 * YEAR);

    private HistogramIntervals() {
    }

    /** Number of epoch-aligned buckets of width {@code interval} from the bucket of min to that of max. */
    public static long bucketCount(long minMicros, long maxMicros, long intervalMicros) {
        return Math.floorDiv(maxMicros, intervalMicros) - Math.floorDiv(minMicros, intervalMicros) + 1;
    }

    /** The start of the epoch-aligned bucket holding {@code micros}. */
    public static long bucketStart(long micros, long intervalMicros) {
        return Math.floorDiv(micros, intervalMicros) * intervalMicros;
    }

    /**
     * The smallest round interval giving at most {@code maxBuckets} buckets between the two times
     * (the largest one if none does).
     */
    public static long choose(long minMicros, long maxMicros, int maxBuckets) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1, got " + maxBuckets);
        }
        for (long interval : ROUND_INTERVALS_MICROS) {
            if (bucketCount(minMicros, maxMicros, interval) <= maxBuckets) {
                return interval;
            }
        }
        return ROUND_INTERVALS_MICROS.getLast();
    }
}
