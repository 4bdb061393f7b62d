package org.timesmith.core.search;

import java.util.Set;

/**
 * A filter narrowing a search, combined with AND with the query and the other filters. Each can be
 * negated ({@code exclude}), like a Timesketch chip in "exclude" mode.
 */
public sealed interface Filter {

    boolean exclude();

    /** Events whose {@code __ts_timeline_id} is one of {@code timelineIds}. */
    record Timelines(Set<Long> timelineIds, boolean exclude) implements Filter {
        public Timelines {
            timelineIds = Set.copyOf(timelineIds);
        }
    }

    /** Events whose field has exactly this value (for lists: one element equal to it). */
    record Term(String field, String value, boolean exclude) implements Filter {
    }

    /** Events carrying the label {@code name} in sketch {@code sketchId} (e.g. {@code __ts_star}). */
    record Label(long sketchId, String name, boolean exclude) implements Filter {
    }

    /** Events with {@code startMicros <= timestamp <= endMicros}. */
    record TimeRange(long startMicros, long endMicros, boolean exclude) implements Filter {
    }

    /** Events matching a further query string (same syntax as {@link SearchRequest#query()}). */
    record Query(String queryString, boolean exclude) implements Filter {
    }
}
