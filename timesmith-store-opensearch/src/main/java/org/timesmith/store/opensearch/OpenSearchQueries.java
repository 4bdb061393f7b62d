package org.timesmith.store.opensearch;

import org.timesmith.core.search.SearchRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenSearch request body a {@link SearchRequest} turns into (query, sort, paging, source
 * filter), for showing a user the query DSL of a search (Timesketch's {@code explore/query/}).
 * Term filters keep the field names they were given: the store itself picks the keyword subfield
 * from the index mapping when it runs the search.
 */
public final class OpenSearchQueries {

    private OpenSearchQueries() {
    }

    public static ObjectNode searchBody(SearchRequest request) {
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        body.set("query", RequestBodies.query(request, field -> field));
        body.set("sort", RequestBodies.sort(request.order()));
        body.put("from", request.from());
        body.put("size", request.size());
        body.set("_source", RequestBodies.source(request.fields()));
        return body;
    }
}
