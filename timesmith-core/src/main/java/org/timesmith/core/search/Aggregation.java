package org.timesmith.core.search;

import java.util.Map;
import java.util.Optional;

/** An aggregation over the matches of a {@link SearchRequest}. */
public sealed interface Aggregation {

    /** The {@code size} most frequent values of {@code field} and how many matches the rest hold. */
    record Terms(String field, int size) implements Aggregation {
    }

    /**
     * Counts per time bucket. With a fixed {@code intervalMicros} buckets are that wide, aligned to
     * the epoch; without one the store picks a round interval giving at most {@code maxBuckets}.
     */
    record DateHistogram(Optional<Long> intervalMicros, int maxBuckets) implements Aggregation {
    }

    /** The number of matches of each named query string (within the request's matches). */
    record FilteredCounts(Map<String, String> queries) implements Aggregation {
    }
}
