package org.timesmith.client;

import tools.jackson.databind.JsonNode;

/** One analyzer run on one timeline: its session, status ({@code PENDING}, {@code STARTED}, {@code DONE}, {@code ERROR}) and result. */
public record Analysis(long id, long sessionId, String analyzerName, long timelineId, String status, String result) {

    static Analysis of(JsonNode json) {
        return new Analysis(json.path("id").asLong(), json.path("analysissession_id").asLong(),
                json.path("analyzer_name").asString(""), json.path("timeline").path("id").asLong(), Json.status(json),
                json.path("result").isNull() ? "" : json.path("result").asString(""));
    }
}
