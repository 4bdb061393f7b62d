package org.timesmith.server.timeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.LabelChange;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Timesketch JSON shapes of search indices, timelines and data sources (§2.7, §4.1), and a
 * timeline update's body (§4.3) decoded into a {@link TimelineUpdate}.
 */
@Component
public class TimelineJson {

    private static final Pattern COLOR = Pattern.compile("[0-9a-fA-F]{6}");
    private static final int MAX_NAME = 255;

    private final TimelineRepository repository;
    private final UserRepository users;
    private final ObjectMapper json;

    public TimelineJson(TimelineRepository repository, UserRepository users, ObjectMapper json) {
        this.repository = repository;
        this.users = users;
        this.json = json;
    }

    /**
     * An update body: the fields it carries, the others as the timeline has them; 400 for a blank
     * name, a color that is not six hex digits ({@code #} allowed) or a malformed labels list.
     */
    TimelineUpdate update(JsonNode body, Timeline timeline) {
        String name = WireValues.text(body, "name").orElse(timeline.name());
        String description = WireValues.text(body, "description").orElse(timeline.description());
        String color = WireValues.text(body, "color").orElse(timeline.color()).replace("#", "");
        if (name.isBlank()) {
            throw ApiException.badRequest("A timeline needs a name.");
        }
        if (!COLOR.matcher(color).matches()) {
            throw ApiException.badRequest("color must be six hex digits, like FFB347.");
        }
        Optional<LabelChange> labels = body != null && body.has("label_action")
                ? Optional.of(WireValues.labelChange(json, body)) : Optional.empty();
        return new TimelineUpdate(limit(name), description, color.toUpperCase(), labels);
    }

    /** A timeline name cut to the 255 characters the model holds (Timesketch cuts, it does not refuse). */
    static String limit(String name) {
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    public Map<String, Object> searchIndex(SearchIndex index) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", index.id());
        json.put("name", index.name());
        json.put("index_name", index.indexName());
        json.put("description", index.description());
        json.put("user", user(index.userId()));
        json.put("status", status(index.id(), index.status(), index.createdAt(), index.updatedAt()));
        json.put("label_string", index.labelString());
        json.put("deleted", index.deleted() ? Boolean.TRUE : null);
        json.put("created_at", index.createdAt());
        json.put("updated_at", index.updatedAt());
        return json;
    }

    public Map<String, Object> timeline(Timeline timeline) {
        SearchIndex index = repository.index(timeline.searchIndexId()).orElseThrow();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", timeline.id());
        json.put("name", timeline.name());
        json.put("description", timeline.description());
        json.put("color", timeline.color());
        json.put("label_string", timeline.labelString());
        json.put("status", status(timeline.id(), timeline.status(), timeline.createdAt(), timeline.updatedAt()));
        json.put("searchindex", searchIndex(index));
        json.put("datasources", repository.dataSources(timeline.id()).stream().map(this::dataSource).toList());
        json.put("deleted", null);
        json.put("user", user(timeline.userId()));
        json.put("created_at", timeline.createdAt());
        json.put("updated_at", timeline.updatedAt());
        return json;
    }

    public Map<String, Object> dataSource(DataSource source) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", source.id());
        json.put("provider", source.provider());
        json.put("context", source.context());
        json.put("file_on_disk", source.fileOnDisk());
        json.put("file_size", source.fileSize());
        json.put("original_filename", source.originalFilename());
        json.put("data_label", source.dataLabel());
        json.put("error_message", source.errorMessage());
        json.put("total_file_events", source.totalFileEvents());
        json.put("indexed_events", source.indexedEvents());
        json.put("rejected_events", source.rejectedEvents());
        // Timesmith additions (docs/api-extensions.md): the upload's plaso_event_filter and the events it left out.
        json.put("plaso_event_filter", source.plasoEventFilter());
        json.put("filtered_events", source.filteredEvents());
        json.put("status", status(source.id(), source.status(), source.createdAt(), source.updatedAt()));
        json.put("user", user(source.userId()));
        json.put("created_at", source.createdAt());
        json.put("updated_at", source.updatedAt());
        return json;
    }

    private Map<String, Object> user(long userId) {
        return users.byId(userId).map(User::toJson).orElseGet(LinkedHashMap::new);
    }

    private static List<Map<String, Object>> status(long id, String status, String createdAt, String updatedAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("status", status);
        json.put("created_at", createdAt);
        json.put("updated_at", updatedAt);
        return List.of(json);
    }
}
