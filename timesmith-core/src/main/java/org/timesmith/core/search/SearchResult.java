package org.timesmith.core.search;

import java.util.List;
import java.util.Optional;

/**
 * One page of hits with the exact total number of matches (never capped) and the cursor to the
 * next page when there are more.
 */
public record SearchResult(long total, List<StoredEvent> hits, Optional<SearchAfter> next, long tookMillis) {
}
