package org.timesmith.server.searchtemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.view.SavedView;
import org.timesmith.server.view.ViewService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Search templates: who may see and delete them, making one from a saved search, filling one in,
 * and their wire model. A user reads the public templates (the DFIQ library's) and their own; an
 * administrator reads all. Someone else's template is not found (404), so nothing of it leaks; a
 * public template can be deleted only by an administrator (403 for others).
 */
@Service
public class SearchTemplateService {

    private final SearchTemplateRepository templates;
    private final PermissionService permissions;
    private final ViewService views;
    private final UserRepository users;
    private final ObjectMapper json;

    public SearchTemplateService(SearchTemplateRepository templates, PermissionService permissions, ViewService views,
                                 UserRepository users, ObjectMapper json) {
        this.templates = templates;
        this.permissions = permissions;
        this.views = views;
        this.users = users;
        this.json = json;
    }

    public List<SearchTemplate> list(User user) {
        return templates.readable(user.id(), user.admin());
    }

    /** The template if the user may read it, otherwise 404. */
    public SearchTemplate get(User user, long id) {
        return templates.byId(id).filter(t -> readable(user, t))
                .orElseThrow(() -> ApiException.notFound("Search template was not found"));
    }

    public void delete(User user, long id) {
        SearchTemplate template = get(user, id);
        if (!user.admin() && !template.userId().map(owner -> owner == user.id()).orElse(false)) {
            throw ApiException.forbidden("User does not have delete permission.");
        }
        templates.delete(template.id());
    }

    /** The query string filled with the body's parameters and escaped (Timesketch's {@code parse}). */
    public String parse(User user, long id, JsonNode parameters) {
        return QueryTemplate.render(get(user, id).queryString(), parameters);
    }

    /**
     * Makes a template from a saved search ({@code {"search_id": N}}, Timesketch's form), which
     * needs read access to its sketch; date chips are left out of the filter. Without
     * {@code search_id}, a template from {@code name} and {@code query_string} (plus optional
     * {@code description}, {@code query_filter}, {@code query_dsl}): a Timesmith extension.
     */
    public SearchTemplate create(User user, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        if (!body.has("search_id") || body.get("search_id").isNull()) {
            return createDirect(user, body);
        }
        long viewId = WireValues.id(body.get("search_id"), "search_id");
        long sketchId = templates.sketchOfView(viewId)
                .orElseThrow(() -> ApiException.notFound("No search found with this ID."));
        SketchAccess access = permissions.requireActive(user, sketchId, Permission.READ);
        SavedView view = views.get(access, viewId);
        if (templates.bySourceView(viewId).isPresent()) {
            throw ApiException.badRequest("This search has already been saved as a template.");
        }
        return templates.create(UUID.randomUUID().toString(), user.id(), view.name(), view.description(),
                view.queryString(), withoutDateChips(view.queryFilter()), view.queryDsl(), Optional.of(viewId),
                Optional.of(sketchId));
    }

    private SearchTemplate createDirect(User user, JsonNode body) {
        String name = WireValues.text(body, "name").map(String::strip).orElse("");
        String query = WireValues.text(body, "query_string").orElse("");
        if (name.isEmpty() || query.isBlank()) {
            throw ApiException.badRequest("Unable to save the searchtemplate: search_id, or name and query_string,"
                    + " are needed.");
        }
        if (query.length() > QueryTemplate.MAX_LENGTH) {
            throw ApiException.badRequest("Search template query string too long");
        }
        String filter = WireValues.text(body, "query_filter").orElse("{}");
        readJson(filter, "query_filter");
        String dsl = WireValues.text(body, "query_dsl").orElse("");
        if (!dsl.isEmpty()) {
            readJson(dsl, "query_dsl");
        }
        return templates.create(UUID.randomUUID().toString(), user.id(), name,
                WireValues.text(body, "description").orElse(""), query, filter, dsl, Optional.empty(),
                Optional.empty());
    }

    /** The public template for a DFIQ approach's query step, created or updated. */
    public SearchTemplate libraryTemplate(String templateUuid, String name, String shortName, String description,
                                          String queryString, Object templateJson) {
        return templates.upsertPublic(templateUuid, name, shortName, description, queryString,
                json.writeValueAsString(templateJson));
    }

    public Optional<SearchTemplate> byUuid(String templateUuid) {
        return templates.byUuid(templateUuid);
    }

    public List<SearchTemplate> byIds(List<Long> ids) {
        return templates.byIds(ids);
    }

    /** {@code meta.collection} of the list: which saved search each template was made from. */
    public List<Map<String, Object>> collection(List<SearchTemplate> list) {
        List<Map<String, Object>> collection = new ArrayList<>();
        for (SearchTemplate template : list) {
            template.sourceViewId().ifPresent(viewId -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("search_id", viewId);
                entry.put("template_id", template.id());
                entry.put("sketch_id", template.sourceSketchId().orElse(null));
                collection.add(entry);
            });
        }
        return collection;
    }

    /** The search template model of Timesketch ({@code searchtemplate_fields}). */
    public Map<String, Object> model(SearchTemplate template) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", template.id());
        model.put("name", template.name());
        model.put("description", template.description());
        model.put("short_name", template.shortName());
        model.put("user", template.userId().flatMap(users::byId).map(User::toJson).orElseGet(SearchTemplateService::noUser));
        model.put("query_string", template.queryString());
        model.put("query_filter", template.queryFilter());
        model.put("query_dsl", template.queryDsl());
        model.put("template_uuid", template.templateUuid());
        model.put("template_json", template.templateJson());
        model.put("created_at", template.createdAt());
        model.put("updated_at", template.updatedAt());
        return model;
    }

    /** The user model Timesketch marshals for a missing user: every field null. */
    public static Map<String, Object> noUser() {
        Map<String, Object> user = new LinkedHashMap<>();
        for (String field : List.of("id", "username", "name", "email", "admin", "active", "groups", "profile")) {
            user.put(field, null);
        }
        return user;
    }

    private static boolean readable(User user, SearchTemplate template) {
        return user.admin() || template.isPublic() || template.userId().map(owner -> owner == user.id()).orElse(false);
    }

    private String withoutDateChips(String filterText) {
        JsonNode filter = readJson(filterText, "query_filter");
        if (!filter.isObject()) {
            return filterText;
        }
        ObjectNode copy = (ObjectNode) filter.deepCopy();
        JsonNode chips = copy.get("chips");
        if (chips != null && chips.isArray()) {
            ArrayNode kept = copy.putArray("chips");
            for (JsonNode chip : chips) {
                if (!chip.path("type").asString("").startsWith("datetime")) {
                    kept.add(chip);
                }
            }
        }
        return json.writeValueAsString(copy);
    }

    private JsonNode readJson(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
