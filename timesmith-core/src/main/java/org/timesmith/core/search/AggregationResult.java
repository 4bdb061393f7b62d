package org.timesmith.core.search;

import java.util.List;
import java.util.Map;

/** The result of an {@link Aggregation}; one record per aggregation kind. */
public sealed interface AggregationResult {

    /** Buckets ordered by count descending, then key ascending. */
    record Terms(List<TermBucket> buckets, long otherCount) implements AggregationResult {
    }

    record TermBucket(String key, long count) {
    }

    /** Contiguous buckets from the first to the last non-empty one (empty ones in between included). */
    record DateHistogram(long intervalMicros, List<TimeBucket> buckets) implements AggregationResult {
    }

    record TimeBucket(long startMicros, long count) {
    }

    record FilteredCounts(Map<String, Long> counts) implements AggregationResult {
    }
}
