package org.timesmith.server.timeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.core.event.Event;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.SketchLookup;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.auth.User;
import tools.jackson.databind.JsonNode;

/** Search indices (§2.7): list, create, inspect fields, set status, delete. */
@RestController
@RequestMapping("/api/v1/searchindices")
public class SearchIndexController {

    /** Lowercase names without path or query characters (the stricter of the client's and the stores' rules). */
    public static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");
    private static final Set<String> STATUSES = Set.of("new", "ready", "fail", "processing", "timeout");

    private final CurrentUser currentUser;
    private final TimelineRepository repository;
    private final SearchIndexAccess access;
    private final TimelineJson timelineJson;
    private final EventStore store;
    private final SketchLookup sketches;

    public SearchIndexController(CurrentUser currentUser, TimelineRepository repository, SearchIndexAccess access,
                                 TimelineJson timelineJson, EventStore store, SketchLookup sketches) {
        this.currentUser = currentUser;
        this.repository = repository;
        this.access = access;
        this.timelineJson = timelineJson;
        this.store = store;
        this.sketches = sketches;
    }

    @GetMapping
    Map<String, Object> list() {
        User user = currentUser.get();
        List<Map<String, Object>> visible = repository.indices().stream().filter(i -> access.canSee(user, i))
                .map(timelineJson::searchIndex).toList();
        return Envelope.nested(Map.of(), visible);
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
        User user = currentUser.get();
        String name = WireValues.text(body, "searchindex_name").filter(n -> !n.isBlank())
                .orElseThrow(() -> ApiException.badRequest("searchindex_name is required."));
        String indexName = WireValues.text(body, "es_index_name").filter(n -> !n.isBlank())
                .orElseThrow(() -> ApiException.badRequest("es_index_name is required."));
        if (!INDEX_NAME.matcher(indexName).matches()) {
            throw ApiException.badRequest("Invalid index name " + indexName
                    + ": use up to 200 lowercase letters, digits, . _ - and start with a letter or digit.");
        }
        var existing = repository.indexByName(indexName);
        if (existing.isPresent()) {
            SearchIndex index = existing.get();
            if (index.deleted() || !access.canSee(user, index)) {
                throw ApiException.forbidden("The index name " + indexName + " is already taken.");
            }
            return ResponseEntity.ok(Envelope.single(Map.of("created", false), timelineJson.searchIndex(index)));
        }
        store.createIndex(indexName);
        SearchIndex index = repository.createIndex(name.length() > 255 ? name.substring(0, 255) : name, indexName,
                "", user.id(), "new", "");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.single(Map.of("created", true), timelineJson.searchIndex(index)));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable("id") long id) {
        SearchIndex index = access.requireVisible(currentUser.get(), id);
        Map<String, Object> meta = new LinkedHashMap<>();
        List<String> fields = store.indexExists(index.indexName())
                ? store.fieldNames(List.of(index.indexName())).stream().map(f -> f.split("\\.")[0]).distinct().toList()
                : List.of();
        meta.put("fields", fields);
        meta.put("contains_timeline_id", fields.contains(Event.TIMELINE_ID));
        return Envelope.single(meta, timelineJson.searchIndex(index));
    }

    @PostMapping("/{id}")
    Object update(@PathVariable("id") long id, @RequestBody(required = false) JsonNode body) {
        SearchIndex index = access.requireUsable(currentUser.get(), id);
        WireValues.text(body, "status").ifPresent(status -> {
            if (!STATUSES.contains(status)) {
                throw ApiException.badRequest("status must be one of " + STATUSES);
            }
            repository.setIndexStatus(index.id(), status);
        });
        WireValues.text(body, "description").ifPresent(d -> repository.setIndexDescription(index.id(), d));
        return 200;
    }

    @DeleteMapping("/{id}")
    Object delete(@PathVariable("id") long id) {
        User user = currentUser.get();
        SearchIndex index = access.requireUsable(user, id);
        boolean inUse = repository.timelinesOfIndex(index.id()).stream()
                .flatMap(t -> sketches.byId(t.sketchId()).stream()).anyMatch(s -> !s.deleted());
        if (inUse) {
            throw ApiException.forbidden("The search index is used by a sketch; delete the timeline first.");
        }
        for (Timeline timeline : repository.timelinesOfIndex(index.id())) {
            repository.deleteTimeline(timeline.id());
        }
        store.deleteIndex(index.indexName());
        repository.markIndexDeleted(index.id());
        return 200;
    }

}
