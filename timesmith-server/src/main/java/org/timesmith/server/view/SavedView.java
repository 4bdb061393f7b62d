package org.timesmith.server.view;

/**
 * A saved search of a sketch (Timesketch's "view"): the query string, the explore filter and the
 * query DSL exactly as they go on the wire (JSON-encoded strings).
 *
 * @param queryFilter the filter object as JSON text
 * @param queryDsl    the DSL as JSON text; {@code ""} (the JSON empty string) when there is none
 */
public record SavedView(long id, long sketchId, long userId, String name, String description, String queryString,
                        String queryFilter, String queryDsl, String labelString, String createdAt, String updatedAt) {
}
