package org.timesmith.server.explore;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.server.api.ApiException;

/**
 * The explore {@code scroll_id}: an opaque, stateless cursor holding the sort key of the last hit
 * sent. The client re-sends the same request with it, so any number of results can be paged
 * through, and a server restart does not invalidate it.
 */
final class ScrollCursor {

    private static final String PREFIX = "ts1:";

    private ScrollCursor() {
    }

    static String encode(SearchAfter after) {
        String text = PREFIX + after.timestamp() + ":" + after.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static SearchAfter decode(String scrollId) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(scrollId), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                String rest = text.substring(PREFIX.length());
                int colon = rest.indexOf(':');
                return new SearchAfter(Long.parseLong(rest.substring(0, colon)), rest.substring(colon + 1));
            }
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            // reported below
        }
        throw ApiException.badRequest("Invalid scroll_id; start the search again without it.");
    }
}
