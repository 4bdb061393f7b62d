package org.timesmith.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * A search in a sketch, built from a saved search ({@link #fromSaved}), with
 * {@link #fromManual}, or setting each part directly; chips narrow it. Results come as rows
 * (maps of the event's fields plus {@code _id} and {@code _index}), a {@link Table} / DFLib data
 * frame, JSON, or a ZIP file; {@link #forEachRow} streams any number of results page by page
 * without keeping them. At most {@link #maxEntries()} rows are returned (10,000 by default); a
 * log note says when more match, and larger maxima are reached by scrolling.
 */
public final class Search {

    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    private static final int PAGE_SIZE = 10_000;
    private static final System.Logger LOG = System.getLogger(Search.class.getName());

    private final Sketch sketch;
    private Optional<Long> savedId = Optional.empty();
    private String name = "";
    private String description = "";
    private String queryString = "";
    private Optional<JsonNode> queryDsl = Optional.empty();
    private Map<String, Object> queryFilter = new LinkedHashMap<>();
    private String returnFields = "";
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private String order = "asc";
    private List<Object> indices = List.of("_all");
    private final List<Chip> chips = new ArrayList<>();
    private String user = "";
    private boolean applyingSeveral;

    /**
     * A new, empty search on {@code sketch} (Timesketch's {@code search.Search(sketch)}); configure it
     * with {@link #fromSaved(long)}, {@link #fromManual} or the setters. {@link Sketch#search()} is
     * the short form.
     */
    public Search(Sketch sketch) {
        this.sketch = java.util.Objects.requireNonNull(sketch, "sketch");
    }

    /**
     * Loads the saved search (a "view") {@code searchId} of the sketch into this object, replacing
     * every setting; from then on each change is stored at once, as after {@link #save()}.
     */
    public Search fromSaved(long searchId) {
        String path = sketch.path() + "views/" + searchId + "/";
        JsonNode view;
        try {
            view = Json.first(sketch.session().get(path), "GET " + path);
        } catch (NotFoundException e) {
            throw new NotFoundException("Saved search " + searchId + " not found in sketch " + sketch.id() + ".");
        }
        savedId = Optional.empty();
        name = view.path("name").asString("");
        description = view.path("description").asString("");
        queryString = view.path("query_string").asString("");
        JsonNode dsl = Json.embedded(view.path("query_dsl"));
        queryDsl = dsl.isObject() && !dsl.isEmpty() ? Optional.of(dsl) : Optional.empty();
        returnFields = "";
        order = "asc";
        maxEntries = DEFAULT_MAX_ENTRIES;
        applyFilter(Json.toMap(Json.embedded(view.path("query_filter"))));
        user = username(view.path("user"));
        savedId = Optional.of(view.path("id").asLong(searchId));
        return this;
    }

    /** The owner's name from a view's {@code user}: an object with {@code username}, or the name itself. */
    private static String username(JsonNode user) {
        return user.isObject() ? user.path("username").asString("") : user.asString("");
    }

    /** Stores the search again when it has been saved (each setter calls this, as the Python client does). */
    private Search changed() {
        if (savedId.isPresent() && !applyingSeveral) {
            save();
        }
        return this;
    }

    private void applyFilter(Map<String, Object> filter) {
        Map<String, Object> copy = new LinkedHashMap<>(filter);
        if (copy.remove("fields") instanceof List<?> fields && !fields.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Object field : fields) {
                if (field instanceof Map<?, ?> map && map.get("field") != null) {
                    names.add(map.get("field").toString());
                }
            }
            returnFields = String.join(",", names);
        }
        chips.clear();
        if (copy.remove("chips") instanceof List<?> wireChips) {
            for (Object chip : wireChips) {
                if (chip instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) map;
                    Chip.parse(typed).ifPresent(chips::add);
                }
            }
        }
        if (copy.get("order") instanceof String o) {
            order = o;
        }
        copy.remove("indices");
        queryFilter = copy;
    }

    /**
     * Sets the search in one call; any argument may be null (kept as is). A query string or a DSL
     * is needed before results can be fetched.
     */
    public Search fromManual(String queryString, String queryDsl, Map<String, Object> queryFilter, String returnFields,
                             Integer maxEntries) {
        sketch.session().get("users/me/");
        applyingSeveral = true;
        try {
            applyManual(queryString, queryDsl, queryFilter, returnFields, maxEntries);
        } finally {
            applyingSeveral = false;
        }
        return changed();
    }

    private void applyManual(String queryString, String queryDsl, Map<String, Object> queryFilter, String returnFields,
                             Integer maxEntries) {
        if (queryString != null) {
            queryString(queryString);
        }
        if (queryDsl != null) {
            queryDsl(queryDsl);
        }
        if (queryFilter != null) {
            applyFilter(queryFilter);
        }
        if (returnFields != null) {
            returnFields(returnFields);
        }
        if (maxEntries != null) {
            maxEntries(maxEntries);
        }
    }

    // ---------------------------------------------------------------------------- settings

    public Search queryString(String query) {
        this.queryString = query == null ? "" : query;
        return changed();
    }

    public String queryString() {
        return queryString;
    }

    /** An OpenSearch query DSL body as JSON text; empty text clears it. */
    public Search queryDsl(String dsl) {
        if (dsl == null || dsl.isBlank()) {
            this.queryDsl = Optional.empty();
            return changed();
        }
        JsonNode parsed;
        try {
            parsed = ApiSession.JSON.readTree(dsl);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("The query DSL is not valid JSON: " + e.getOriginalMessage());
        }
        if (!parsed.isObject()) {
            throw new IllegalArgumentException("The query DSL must be a JSON object.");
        }
        this.queryDsl = Optional.of(parsed);
        return changed();
    }

    public Optional<String> queryDsl() {
        return queryDsl.map(Json::write);
    }

    /** Comma-separated field names to return ({@code *} or empty: the server's defaults). */
    public Search returnFields(String fields) {
        this.returnFields = fields == null ? "" : fields.strip();
        return changed();
    }

    public String returnFields() {
        return returnFields;
    }

    public Search maxEntries(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, not " + max);
        }
        this.maxEntries = max;
        return changed();
    }

    public int maxEntries() {
        return maxEntries;
    }

    public Search orderAscending() {
        order = "asc";
        return changed();
    }

    public Search orderDescending() {
        order = "desc";
        return changed();
    }

    /** Restricts the search to these timelines (ids or names); {@code _all} is every timeline. */
    public Search indices(List<Object> timelines) {
        this.indices = timelines.isEmpty() ? List.of("_all") : List.copyOf(timelines);
        return changed();
    }

    public Search name(String newName) {
        this.name = newName;
        return changed();
    }

    public String name() {
        return name;
    }

    public Search description(String newDescription) {
        this.description = newDescription;
        return changed();
    }

    public String description() {
        return description;
    }

    public Optional<Long> id() {
        return savedId;
    }

    /** The username of the saved search's owner (Timesketch's {@code saved_search.user}); empty until saved. */
    public String user() {
        return user;
    }

    public Search addChip(Chip chip) {
        chips.add(chip);
        return changed();
    }

    public Search removeChip(int index) {
        if (index < 0 || index >= chips.size()) {
            throw new IllegalArgumentException("There is no chip number " + index + " (the search has " + chips.size()
                    + ")");
        }
        chips.remove(index);
        return changed();
    }

    public List<Chip> chips() {
        return Collections.unmodifiableList(chips);
    }

    /** The filter sent to the server: size, order, indices, chips and any keys given by the user. */
    public Map<String, Object> queryFilter() {
        Map<String, Object> filter = new LinkedHashMap<>();
        int size = Math.min(maxEntries, PAGE_SIZE);
        filter.put("size", size);
        filter.put("terminate_after", size);
        filter.put("order", order);
        filter.putAll(queryFilter);
        filter.put("indices", indices.size() == 1 && "_all".equals(indices.get(0)) ? "_all" : indices);
        filter.put("chips", chips.stream().map(Chip::chip).toList());
        filter.put("use_wildcard_fields", false);
        return filter;
    }

    // ---------------------------------------------------------------------------- results

    private Map<String, Object> body(boolean count, boolean scroll, String fileName) {
        if (queryString.isBlank() && queryDsl.isEmpty()) {
            throw new IllegalStateException("A search needs a query string or a query DSL.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", queryString.isBlank() ? null : queryString);
        body.put("filter", queryFilter());
        body.put("dsl", queryDsl.orElse(null));
        body.put("count", count);
        body.put("fields", wireFields());
        body.put("enable_scroll", scroll);
        body.put("file_name", fileName);
        return body;
    }

    private String wireFields() {
        if (returnFields.isBlank() || returnFields.equals("*")) {
            return "";
        }
        List<String> fields = new ArrayList<>(Arrays.stream(returnFields.split(",")).map(String::strip)
                .filter(f -> !f.isEmpty()).toList());
        if (!fields.contains("datetime")) {
            fields.add("datetime");
        }
        return String.join(",", fields);
    }

    /** How many events match (the server's count, not limited by {@link #maxEntries()}). */
    public long expectedSize() {
        return explore(body(true, false, "")).path("meta").path("total_count").asLong();
    }

    /**
     * Streams up to {@link #maxEntries()} result rows to {@code consumer}, one server page at a
     * time; returns how many were delivered.
     */
    public long forEachRow(Consumer<Map<String, Object>> consumer) {
        boolean scroll = maxEntries >= PAGE_SIZE;
        Map<String, Object> body = body(false, scroll, "");
        JsonNode page = explore(body);
        long total = page.path("meta").path("es_total_count").asLong(-1);
        long delivered = 0;
        while (true) {
            JsonNode objects = page.path("objects");
            for (JsonNode hit : objects) {
                if (delivered >= maxEntries) {
                    break;
                }
                consumer.accept(row(hit));
                delivered++;
            }
            String scrollId = page.path("meta").path("scroll_id").asString("");
            if (!scroll || objects.isEmpty() || delivered >= maxEntries || scrollId.isEmpty()) {
                break;
            }
            body.put("scroll_id", scrollId);
            page = explore(body);
        }
        if (total > delivered && delivered >= maxEntries) {
            long shown = delivered;
            LOG.log(System.Logger.Level.INFO, () -> "The search matches " + total + " events; only " + shown
                    + " were returned. Raise maxEntries to get more.");
        }
        return delivered;
    }

    private JsonNode explore(Map<String, Object> body) {
        try {
            return sketch.session().post(sketch.path() + "explore/", body);
        } catch (NotFoundException e) {
            throw new NotFoundException("Sketch " + sketch.id() + " not found: " + e.getMessage());
        }
    }

    private static Map<String, Object> row(JsonNode hit) {
        Map<String, Object> row = Json.toMap(hit.path("_source"));
        row.put("_id", hit.path("_id").asString(""));
        row.put("_index", hit.path("_index").asString(""));
        return row;
    }

    /** The result rows as a list of maps. */
    public List<Map<String, Object>> toList() {
        List<Map<String, Object>> rows = new ArrayList<>();
        forEachRow(rows::add);
        return rows;
    }

    public Table table() {
        return Table.fromMaps(toList());
    }

    /** The result rows as a JSON array. */
    public String toJson() {
        return Json.write(toList());
    }

    /** Asks the server for all results as a ZIP ({@code query_results.csv} + {@code METADATA}) and writes it to {@code file}. */
    public Path toFile(Path file) {
        Map<String, Object> body = body(false, true, file.getFileName().toString());
        sketch.download(sketch.path() + "explore/", Json.write(body).getBytes(StandardCharsets.UTF_8), file);
        return file;
    }

    // ---------------------------------------------------------------------------- saving

    /** Stores the search in the sketch (creates it, or updates it once saved); returns its id. */
    public long save() {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("A saved search needs a name: set name(...) first.");
        }
        if (queryString.isBlank() && queryDsl.isEmpty()) {
            throw new IllegalStateException("A saved search needs a query string or a query DSL.");
        }
        Map<String, Object> filter = queryFilter();
        if (!wireFields().isEmpty()) {
            filter.put("fields", Arrays.stream(wireFields().split(",")).map(f -> Map.of("field", f)).toList());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description);
        body.put("query", queryString);
        body.put("filter", filter);
        body.put("dsl", queryDsl.orElse(null));
        body.put("labels", "[]");
        String path = sketch.path() + "views/" + savedId.map(id -> id + "/").orElse("");
        JsonNode view = Json.first(sketch.session().post(path, body), "POST " + path);
        savedId = Optional.of(view.path("id").asLong());
        user = username(view.path("user"));
        return savedId.get();
    }

    /** Same as {@link #save()}. */
    public long commit() {
        return save();
    }

    public void delete() {
        savedId.ifPresent(id -> sketch.session().delete(sketch.path() + "views/" + id + "/"));
        savedId = Optional.empty();
    }
}
