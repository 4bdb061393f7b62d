package org.timesmith.core.search;

/**
 * The sort key of the last hit of a page: the next page starts after it. Sorting is always by
 * timestamp then event id, so this pair is a complete, store-independent cursor.
 */
public record SearchAfter(long timestamp, String id) {
}
