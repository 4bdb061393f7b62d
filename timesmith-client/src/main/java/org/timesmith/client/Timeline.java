package org.timesmith.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A timeline of a sketch. Its status is fetched fresh on every call, as the import tool needs:
 * {@link #waitUntilDone(Duration, Duration)} polls until the server says {@code ready} or
 * {@code fail}, and {@link #problems()} returns the data sources' error messages, which is how
 * the server reports rejected rows (API doc §12.3).
 */
public final class Timeline {

    private final ApiSession session;
    private final long sketchId;
    private final long id;
    private final String name;
    private final String indexName;

    Timeline(ApiSession session, long sketchId, long id, String name, String indexName) {
        this.session = session;
        this.sketchId = sketchId;
        this.id = id;
        this.name = name;
        this.indexName = indexName;
    }

    static Timeline of(ApiSession session, long sketchId, JsonNode json) {
        return new Timeline(session, sketchId, json.path("id").asLong(), json.path("name").asString(""),
                json.path("searchindex").path("index_name").asString(""));
    }

    public long id() {
        return id;
    }

    public long sketchId() {
        return sketchId;
    }

    public String name() {
        return name;
    }

    public String indexName() {
        return indexName;
    }

    private JsonNode fetch() {
        return Json.first(session.get(path()), "GET " + path());
    }

    private String path() {
        return "sketches/" + sketchId + "/timelines/" + id + "/";
    }

    /** {@code new}, {@code processing}, {@code ready}, {@code fail} or {@code archived}, fetched now. */
    public String status() {
        return Json.status(fetch());
    }

    public String description() {
        return fetch().path("description").asString("");
    }

    public String color() {
        return fetch().path("color").asString("");
    }

    /** The timeline's data sources (one per upload) with their status, counts and error messages. */
    public List<Map<String, Object>> dataSources() {
        List<Map<String, Object>> sources = new ArrayList<>();
        fetch().path("datasources").forEach(d -> sources.add(Json.toMap(d)));
        return sources;
    }

    /** The non-empty error messages of the data sources: why rows or whole uploads were rejected. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        fetch().path("datasources").forEach(d -> {
            String message = d.path("error_message").asString("");
            if (!message.isBlank()) {
                problems.add(message);
            }
        });
        return problems;
    }

    /**
     * Polls the status every {@code interval} until it is {@code ready}/{@code success} or
     * {@code fail}/{@code failed}/{@code archived}, and returns it; after {@code timeout} the last
     * status seen is returned (check it).
     */
    public String waitUntilDone(Duration interval, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            String status = status();
            if (isFinal(status) || Instant.now().isAfter(deadline)) {
                return status;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }

    public static boolean isFinal(String status) {
        return switch (status) {
            case "ready", "success", "fail", "failed", "archived" -> true;
            default -> false;
        };
    }

    public void rename(String newName) {
        JsonNode current = fetch();
        session.post(path(), Map.of("name", newName, "description", current.path("description").asString(""),
                "color", current.path("color").asString("FFFFFF")));
    }

    /** Detaches the timeline from its sketch. */
    public void delete() {
        session.delete(path());
    }

    @Override
    public String toString() {
        return "Timeline[" + id + " " + name + "]";
    }
}
