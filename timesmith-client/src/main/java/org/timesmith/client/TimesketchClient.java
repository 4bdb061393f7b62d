package org.timesmith.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The entry point of the Java API client, the counterpart of Timesketch's {@code TimesketchApi}:
 * logs in on construction and gives access to sketches, search indices, the current user and
 * Sigma rules. Obtain one with {@link #connect(ConnectionSettings)} or, reading
 * {@code ~/.timesketchrc}, with {@link org.timesmith.client.config.ConfigAssistant}.
 */
public final class TimesketchClient {

    private final ApiSession session;

    private TimesketchClient(ApiSession session) {
        this.session = session;
    }

    /** Opens a session and logs in; a wrong password or an unreachable server is an {@link ApiException}. */
    public static TimesketchClient connect(ConnectionSettings settings) {
        ApiSession session = new ApiSession(settings);
        session.login();
        return new TimesketchClient(session);
    }

    ApiSession session() {
        return session;
    }

    public String hostUri() {
        return session.settings().hostUri();
    }

    /** The server's API version string ({@code meta.version}). */
    public String version() {
        return session.get("version/").path("meta").path("version").asString("");
    }

    public User currentUser() {
        return User.of(Json.first(session.get("users/me/"), "GET users/me/"));
    }

    /** Every sketch the user can see, following the server's pages until {@code next_page} is null. */
    public List<Sketch> listSketches() {
        return listSketches("user", true);
    }

    public List<Sketch> listSketches(String scope, boolean includeArchived) {
        List<Sketch> sketches = new ArrayList<>();
        int page = 1;
        while (true) {
            JsonNode answer = session.get("sketches/?per_page=50&scope=" + Json.query(scope) + "&include_archived="
                    + (includeArchived ? "True" : "False") + "&page=" + page);
            for (JsonNode sketch : answer.path("objects")) {
                sketches.add(new Sketch(session, sketch.path("id").asLong(), sketch.path("name").asString()));
            }
            JsonNode next = answer.path("meta").path("next_page");
            if (!next.isNumber() || next.asInt() <= page) {
                return sketches;
            }
            page = next.asInt();
        }
    }

    /** A sketch by id; fetches it once so that an unknown id fails here with a clear 404 message. */
    public Sketch getSketch(long id) {
        Sketch sketch = new Sketch(session, id, null);
        sketch.refresh();
        return sketch;
    }

    public Sketch createSketch(String name, String description) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A sketch needs a name.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description == null || description.isEmpty() ? name : description);
        JsonNode sketch = Json.first(session.post("sketches/", body), "POST sketches/");
        return new Sketch(session, sketch.path("id").asLong(), sketch.path("name").asString());
    }

    public List<SearchIndex> listSearchIndices() {
        List<SearchIndex> indices = new ArrayList<>();
        for (JsonNode index : Json.nested(session.get("searchindices/"))) {
            indices.add(SearchIndex.of(index));
        }
        return indices;
    }

    /** Sigma rules stored on the server; a server without Sigma support gives a clear error. */
    public List<SigmaRule> listSigmaRules() {
        JsonNode answer = sigma("sigmarules/");
        List<SigmaRule> rules = new ArrayList<>();
        for (JsonNode rule : answer.path("objects")) {
            rules.add(new SigmaRule(Json.toMap(rule)));
        }
        return rules;
    }

    /** The Sigma rules as a table with one row per rule and every key as a column. */
    public Table sigmaRulesTable() {
        return Table.fromMaps(listSigmaRules().stream().map(SigmaRule::data).toList());
    }

    /** Installs a Sigma rule from its YAML and returns it as the server stored it (with its query). */
    public SigmaRule createSigmaRule(String ruleYaml) {
        JsonNode created = Json.first(session.post("sigmarules/", Map.of("rule_yaml", ruleYaml)), "POST sigmarules/");
        return getSigmaRule(created.path("rule_uuid").asString());
    }

    public SigmaRule getSigmaRule(String ruleUuid) {
        return new SigmaRule(Json.toMap(Json.first(sigma("sigmarules/" + ruleUuid), "GET sigmarules/" + ruleUuid)));
    }

    private JsonNode sigma(String path) {
        try {
            return session.get(path);
        } catch (NotFoundException e) {
            if (path.equals("sigmarules/")) {
                throw new NotFoundException("The server at " + hostUri() + " has no Sigma rule support ("
                        + e.getMessage() + ")");
            }
            throw e;
        }
    }
}
