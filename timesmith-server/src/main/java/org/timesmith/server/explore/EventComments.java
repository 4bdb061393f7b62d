package org.timesmith.server.explore;

import java.util.List;
import java.util.Map;
import org.timesmith.core.search.StoredEvent;

/**
 * The comments on events in a sketch, which search results carry. The annotation feature, which
 * owns comments, implements it, so this package does not depend on that one (which searches
 * through {@link ExploreQueries}).
 */
public interface EventComments {

    /** Comment texts of the given events, keyed {@code index/id}. */
    Map<String, List<String>> commentTexts(long sketchId, List<StoredEvent> events);
}
