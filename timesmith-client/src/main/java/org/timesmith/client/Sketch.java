package org.timesmith.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A sketch on the server and everything done inside it: its properties ({@code acl},
 * {@code labels}, {@code name}, {@code description}, {@code status}), timelines, saved searches,
 * stories, event annotations, analyzers and aggregations. Properties are read fresh from
 * {@code GET sketches/{id}/} on each call, so the object never shows stale state.
 */
public final class Sketch {

    static final String STAR = "__ts_star";
    static final String COMMENT = "__ts_comment";

    private final ApiSession session;
    private final long id;
    private volatile String knownName;

    Sketch(ApiSession session, long id, String name) {
        this.session = session;
        this.id = id;
        this.knownName = name;
    }

    ApiSession session() {
        return session;
    }

    public long id() {
        return id;
    }

    String path() {
        return "sketches/" + id + "/";
    }

    /** Fetches the sketch resource; a 404 becomes "Sketch N not found". */
    JsonNode resource() {
        try {
            return session.get(path());
        } catch (NotFoundException e) {
            throw new NotFoundException("Sketch " + id + " not found on " + session.host() + ".");
        }
    }

    private JsonNode model() {
        JsonNode model = Json.first(resource(), "GET " + path());
        knownName = model.path("name").asString("");
        return model;
    }

    void refresh() {
        model();
    }

    public String name() {
        return knownName != null ? knownName : model().path("name").asString("");
    }

    public String description() {
        return model().path("description").asString("");
    }

    /** {@code new}, {@code archived} or {@code deleted}. */
    public String status() {
        return Json.status(model());
    }

    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        Json.embedded(model().path("label_string")).forEach(l -> labels.add(l.asString()));
        return labels;
    }

    /** The ACL: {@code "user/alice" → [read, write]}, {@code "group/g" → [...]}, {@code "is_public" → ...}. */
    public Map<String, Object> acl() {
        return Json.toMap(Json.embedded(model().path("all_permissions")));
    }

    /** The current user's permissions on this sketch. */
    public List<String> myPermissions() {
        List<String> permissions = new ArrayList<>();
        Json.embedded(model().path("my_permissions")).forEach(p -> permissions.add(p.asString()));
        return permissions;
    }

    public void setName(String name) {
        session.post(path(), Map.of("name", name));
        knownName = name;
    }

    public void setDescription(String description) {
        session.post(path(), Map.of("description", description));
    }

    public void addLabel(String label) {
        session.post(path(), Map.of("labels", List.of(label), "label_action", "add"));
    }

    public void removeLabel(String label) {
        session.post(path(), Map.of("labels", List.of(label), "label_action", "remove"));
    }

    // ---------------------------------------------------------------------------- ACL, archive, delete

    /** Grants {@code permissions} (read, write, delete) to users and groups, and optionally public read. */
    public void addToAcl(List<String> users, List<String> groups, boolean makePublic, List<String> permissions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", users);
        body.put("groups", groups);
        if (makePublic) {
            body.put("public", "true");
        }
        if (!permissions.isEmpty()) {
            body.put("permissions", Json.write(permissions));
        }
        session.post(path() + "collaborators/", body);
    }

    public void removeFromAcl(List<String> users, List<String> groups, boolean removePublic) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("remove_users", users);
        body.put("remove_groups", groups);
        if (removePublic) {
            body.put("public", "false");
        }
        session.post(path() + "collaborators/", body);
    }

    public boolean isArchived() {
        return session.get(path() + "archive/").path("meta").path("is_archived").asBoolean(false);
    }

    public void archive() {
        session.post(path() + "archive/", Map.of("action", "archive"));
    }

    public void unarchive() {
        session.post(path() + "archive/", Map.of("action", "unarchive"));
    }

    /** Writes the sketch export (a ZIP) to {@code file}, appending {@code .zip} if missing; returns the path written. */
    public Path export(Path file) {
        Path target = file.getFileName().toString().endsWith(".zip") ? file
                : file.resolveSibling(file.getFileName() + ".zip");
        byte[] body = Json.write(Map.of("action", "export")).getBytes(StandardCharsets.UTF_8);
        download(path() + "archive/", body, target);
        return target;
    }

    /** POSTs {@code body} and streams a ZIP answer into {@code target}; an error answer becomes an exception. */
    void download(String apiPath, byte[] body, Path target) {
        String what = "POST " + apiPath;
        HttpResponse<InputStream> response = session.exchange(apiPath, () -> HttpRequest.newBuilder(session.api(apiPath))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                HttpResponse.BodyHandlers.ofInputStream(), what);
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                if (response.statusCode() == 404) {
                    throw new NotFoundException(what + " failed: not found: " + ApiSession.errorMessage(text));
                }
                throw new ApiException(what + " failed: HTTP " + response.statusCode() + ": "
                        + ApiSession.errorMessage(text), response.statusCode(), null);
            }
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ApiException("Cannot write " + target + ": " + e.getMessage(), 0, e);
        }
    }

    /** Soft-deletes the sketch; {@code force} (administrators only) removes it for good. */
    public void delete(boolean force) {
        session.delete(path() + (force ? "?force=true" : ""));
    }

    // ---------------------------------------------------------------------------- timelines

    public List<Timeline> listTimelines() {
        List<Timeline> timelines = new ArrayList<>();
        model().path("timelines").forEach(t -> timelines.add(Timeline.of(session, id, t)));
        return timelines;
    }

    public Timeline getTimeline(long timelineId) {
        String timelinePath = path() + "timelines/" + timelineId + "/";
        try {
            return Timeline.of(session, id, Json.first(session.get(timelinePath), "GET " + timelinePath));
        } catch (NotFoundException e) {
            throw new NotFoundException("Timeline " + timelineId + " not found in sketch " + id + ".");
        }
    }

    public Optional<Timeline> getTimeline(String name) {
        return listTimelines().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Adds the events of an existing search index to this sketch as a timeline named {@code name}. */
    public Timeline addTimeline(long searchIndexId, String name) {
        JsonNode timeline = Json.first(session.post(path() + "timelines/",
                Map.of("timeline", searchIndexId, "timeline_name", name)), "POST " + path() + "timelines/");
        return Timeline.of(session, id, timeline);
    }

    /** The fields an index filled outside Timesmith needs before it can be a timeline. */
    static final List<String> NECESSARY_INDEX_FIELDS = List.of("message", "datetime", "timestamp_desc");

    /**
     * Makes an index that another tool filled in the server's OpenSearch cluster a timeline of
     * this sketch (Timesketch's {@code generate_timeline_from_es_index}), with the page's defaults
     * for the rest: the search index named as the OpenSearch index, no description, data label
     * {@code OpenSearch}, status {@code ready}.
     */
    public Timeline generateTimelineFromEsIndex(String esIndexName, String name, String provider, String context) {
        return generateTimelineFromEsIndex(esIndexName, name, "", "", provider, context, "OpenSearch", "ready");
    }

    /**
     * Makes an index that another tool filled a timeline of this sketch: registers it as a search
     * index, checks that its mapping has {@code message}, {@code datetime} and
     * {@code timestamp_desc} (otherwise the search index is marked {@code fail} and an
     * {@link IllegalArgumentException} names the missing fields), sets the index status, creates
     * the timeline, stamps the timeline id on the index's events and records a data source with
     * {@code provider}, {@code context} and {@code dataLabel}.
     *
     * @param indexName the search index's display name; empty means {@code esIndexName}
     * @throws IllegalArgumentException when a name is missing, the index is already a search index,
     *                                  or its mapping lacks a necessary field
     */
    public Timeline generateTimelineFromEsIndex(String esIndexName, String name, String indexName, String description,
                                                String provider, String context, String dataLabel, String status) {
        if (esIndexName == null || esIndexName.isBlank()) {
            throw new IllegalArgumentException("The OpenSearch index name is needed.");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("The timeline needs a name.");
        }
        for (JsonNode existing : Json.nested(session.get("searchindices/"))) {
            if (existing.path("index_name").asString("").equals(esIndexName)) {
                throw new IllegalArgumentException("The index " + esIndexName + " is already search index "
                        + existing.path("id").asLong() + "; add it with addTimeline(" + existing.path("id").asLong()
                        + ", name) instead.");
            }
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("searchindex_name", indexName == null || indexName.isBlank() ? esIndexName : indexName);
        create.put("es_index_name", esIndexName);
        long indexId = Json.first(session.post("searchindices/", create), "POST searchindices/").path("id").asLong();
        String indexPath = "searchindices/" + indexId + "/";

        List<String> fields = new ArrayList<>();
        session.get(indexPath).path("meta").path("fields").forEach(f -> fields.add(f.asString()));
        List<String> missing = NECESSARY_INDEX_FIELDS.stream().filter(f -> !fields.contains(f)).toList();
        if (!missing.isEmpty()) {
            session.post(indexPath, Map.of("status", "fail"));
            throw new IllegalArgumentException("The index " + esIndexName + " cannot be a timeline: its mapping lacks "
                    + String.join(", ", missing) + " (it has " + (fields.isEmpty() ? "no fields" : String.join(", ", fields))
                    + "). Search index " + indexId + " is marked fail.");
        }
        Map<String, Object> update = new LinkedHashMap<>();
        if (status != null && !status.isBlank()) {
            update.put("status", status);
        }
        if (description != null && !description.isBlank()) {
            update.put("description", description);
        }
        if (!update.isEmpty()) {
            session.post(indexPath, update);
        }

        Timeline timeline = addTimeline(indexId, name);
        Map<String, Object> stamp = new LinkedHashMap<>();
        stamp.put("searchindex_id", indexId);
        stamp.put("timeline_id", timeline.id());
        session.post(path() + "event/add_timeline_id/", stamp);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("timeline_id", timeline.id());
        source.put("provider", provider);
        source.put("context", context);
        source.put("data_label", dataLabel);
        session.post(path() + "datasource/", source);
        return timeline;
    }

    // ---------------------------------------------------------------------------- saved searches

    /** The saved searches (views) of the sketch, each loaded as a {@link Search}. */
    public List<Search> listSavedSearches() {
        List<Search> searches = new ArrayList<>();
        for (JsonNode view : resource().path("meta").path("views")) {
            searches.add(getSavedSearch(view.path("id").asLong()));
        }
        return searches;
    }

    public Search getSavedSearch(long searchId) {
        return new Search(this).fromSaved(searchId);
    }

    public Optional<Search> getSavedSearch(String searchName) {
        for (JsonNode view : resource().path("meta").path("views")) {
            if (view.path("name").asString("").equals(searchName)) {
                return Optional.of(getSavedSearch(view.path("id").asLong()));
            }
        }
        return Optional.empty();
    }

    /** A new search on this sketch (then {@code fromManual}, setters, chips, results). */
    public Search search() {
        return new Search(this);
    }

    // ---------------------------------------------------------------------------- stories

    public Story createStory(String title) {
        JsonNode story = Json.first(session.post(path() + "stories/", Map.of("title", title, "content", "")),
                "POST " + path() + "stories/");
        return new Story(this, story.path("id").asLong());
    }

    public List<Story> listStories() {
        List<Story> stories = new ArrayList<>();
        for (JsonNode story : Json.nested(session.get(path() + "stories/"))) {
            stories.add(new Story(this, story.path("id").asLong()));
        }
        return stories;
    }

    public Story getStory(long storyId) {
        Story story = new Story(this, storyId);
        story.title();
        return story;
    }

    // ---------------------------------------------------------------------------- events

    /** Adds a manual event to the sketch's "Manual events" timeline. */
    public void addEvent(String dateString, String timestampDescription, String message, List<String> tags,
                         Map<String, Object> attributes) {
        for (String reserved : List.of("date_string", "timestamp_desc", "message", "tag")) {
            if (attributes.containsKey(reserved)) {
                throw new IllegalArgumentException("The attribute name " + reserved + " is reserved.");
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date_string", dateString);
        body.put("timestamp_desc", timestampDescription);
        body.put("message", message);
        body.put("tag", tags);
        body.put("attributes", attributes);
        session.post(path() + "event/create/", body);
    }

    public void commentEvent(EventRef event, String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("annotation", comment);
        body.put("annotation_type", "comment");
        body.put("events", event.wire());
        session.post(path() + "event/annotate/", body);
    }

    /** Adds a label to events; with {@code remove}, takes it away. Star is the label {@code __ts_star}, which toggles. */
    public void labelEvents(List<EventRef> events, String label, boolean remove) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("annotation", label);
        body.put("annotation_type", "label");
        body.put("events", events.stream().map(EventRef::wire).toList());
        body.put("remove", remove);
        session.post(path() + "event/annotate/", body);
    }

    /** Toggles the star of each event. */
    public void starEvents(List<EventRef> events) {
        labelEvents(events, STAR, false);
    }

    public void tagEvents(List<EventRef> events, List<String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tag_string", Json.write(tags));
        body.put("events", events.stream().map(EventRef::wire).toList());
        body.put("verbose", false);
        session.post(path() + "event/tagging/", body);
    }

    /** One event with its comments: {@code objects} (the event source) and {@code meta.comments}. */
    public Map<String, Object> getEvent(EventRef event) {
        return Json.toMap(session.get(path() + "event/?searchindex_id=" + Json.query(event.index()) + "&event_id="
                + Json.query(event.id())));
    }

    // ---------------------------------------------------------------------------- analyzers

    /** Analyzers the server offers ({@code name}, {@code display_name}, {@code description}, …). */
    public Table listAvailableAnalyzers() {
        List<Map<String, Object>> rows = new ArrayList<>();
        session.get(path() + "analyzer/").forEach(a -> rows.add(Json.toMap(a)));
        return Table.fromMaps(rows);
    }

    /** Starts an analyzer on timelines; returns the analyses it created (empty when it had already run). */
    public List<Analysis> runAnalyzer(String analyzerName, List<Long> timelineIds, Map<String, Object> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeline_ids", timelineIds);
        body.put("analyzer_names", List.of(analyzerName));
        body.put("analyzer_kwargs", parameters.isEmpty() ? null : Map.of(analyzerName, parameters));
        body.put("analyzer_force_run", false);
        List<Analysis> analyses = new ArrayList<>();
        for (JsonNode analysisSession : Json.nested(session.post(path() + "analyzer/", body))) {
            analysisSession.path("analyses").forEach(a -> analyses.add(Analysis.of(a)));
        }
        return analyses;
    }

    /** The status of every analysis run on the sketch's timelines. */
    public List<Analysis> analyzerStatus() {
        List<Analysis> analyses = new ArrayList<>();
        for (Timeline timeline : listTimelines()) {
            for (JsonNode a : Json.nested(session.get(path() + "timelines/" + timeline.id() + "/analysis/"))) {
                analyses.add(Analysis.of(a));
            }
        }
        return analyses;
    }

    // ---------------------------------------------------------------------------- aggregations

    /** Aggregators with their parameters, one row each: name, display name, description, parameters. */
    public Table listAvailableAggregators() {
        List<Map<String, Object>> rows = new ArrayList<>();
        JsonNode aggregators = resource().path("meta").path("aggregators");
        for (Iterator<Map.Entry<String, JsonNode>> it = aggregators.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<String> parameters = new ArrayList<>();
            entry.getValue().path("form_fields").forEach(f -> parameters.add(
                    f.path("name").asString() + " (" + f.path("type").asString("") + "): " + f.path("label").asString("")));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", entry.getKey());
            row.put("display_name", entry.getValue().path("display_name").asString(""));
            row.put("description", entry.getValue().path("description").asString(""));
            row.put("parameters", String.join("; ", parameters));
            rows.add(row);
        }
        return new Table(List.of("name", "display_name", "description", "parameters"), rows);
    }

    /** Runs an aggregator (e.g. {@code field_bucket} with {@code field}, {@code limit}, {@code supported_charts}). */
    public Aggregation runAggregator(String aggregatorName, Map<String, Object> parameters) {
        return Aggregation.run(this, aggregatorName, parameters);
    }

    public List<Aggregation> listAggregations() {
        List<Aggregation> aggregations = new ArrayList<>();
        for (JsonNode saved : Json.nested(session.get(path() + "aggregation/"))) {
            if (saved.path("aggregationgroup_id").isNumber()) {
                continue;
            }
            aggregations.add(getAggregation(saved.path("id").asLong()));
        }
        return aggregations;
    }

    public Aggregation getAggregation(long aggregationId) {
        return Aggregation.fromSaved(this, aggregationId);
    }

    @Override
    public String toString() {
        return "Sketch[" + id + (knownName == null ? "" : " " + knownName) + "]";
    }
}
