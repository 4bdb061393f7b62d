package org.timesmith.client;

import tools.jackson.databind.JsonNode;

/** A search index (the store-side home of one or more timelines) as listed by {@code searchindices/}. */
public record SearchIndex(long id, String name, String indexName, String status) {

    static SearchIndex of(JsonNode json) {
        return new SearchIndex(json.path("id").asLong(), json.path("name").asString(""),
                json.path("index_name").asString(""), Json.status(json));
    }
}
