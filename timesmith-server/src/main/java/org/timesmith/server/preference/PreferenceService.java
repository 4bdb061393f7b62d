package org.timesmith.server.preference;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web UI's preferences kept on the server (a Timesmith extension of the Timesketch API):
 * user-wide ({@code timezone}, {@code theme}, {@code search_history}, {@code wildcard_search}: explore
 * searches in Timesketch's wildcard mode) and per user and sketch
 * ({@code columns} of the event table). A PUT carries some or all keys; the keys it carries are
 * validated and replace the stored ones, the others stay, so that two tabs saving different
 * preferences do not undo each other. Bad input is rejected whole with a 400 naming the key;
 * only column widths are clamped, since a drag can overshoot. Callers have done the sketch check.
 */
@Service
public class PreferenceService {

    /** Largest accepted request body; the largest valid object is well under it. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int MAX_HISTORY = 50;
    public static final int MAX_QUERY_CHARS = 1024;
    public static final int MAX_COLUMNS = 100;
    public static final int MAX_FIELD_CHARS = 256;
    public static final int MIN_WIDTH = 60;
    public static final int MAX_WIDTH = 4000;

    private static final Set<String> THEMES = Set.of("light", "dark");

    private final PreferenceRepository preferences;
    private final ObjectMapper json;

    public PreferenceService(PreferenceRepository preferences, ObjectMapper json) {
        this.preferences = preferences;
        this.json = json;
    }

    public ObjectNode userPreferences(User user) {
        ObjectNode result = userDefaults();
        preferences.userPreferences(user.id()).ifPresent(body -> result.setAll(stored(body)));
        return result;
    }

    public ObjectNode updateUserPreferences(User user, byte[] body) {
        ObjectNode update = object(body);
        ObjectNode result = userPreferences(user);
        for (Map.Entry<String, JsonNode> entry : update.properties()) {
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case "timezone" -> result.put("timezone", timeZone(value));
                case "theme" -> result.put("theme", theme(value));
                case "search_history" -> result.set("search_history", history(value));
                case "wildcard_search" -> result.put("wildcard_search", flag(value, "wildcard_search"));
                default -> throw unknownKey(entry.getKey(), "timezone, theme, search_history, wildcard_search");
            }
        }
        preferences.saveUserPreferences(user.id(), json.writeValueAsString(result));
        return result;
    }

    public ObjectNode sketchPreferences(SketchAccess access) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("columns", JsonNodeFactory.instance.arrayNode());
        preferences.sketchPreferences(access.sketchId(), access.user().id())
                .ifPresent(body -> result.setAll(stored(body)));
        return result;
    }

    public ObjectNode updateSketchPreferences(SketchAccess access, byte[] body) {
        ObjectNode update = object(body);
        ObjectNode result = sketchPreferences(access);
        for (Map.Entry<String, JsonNode> entry : update.properties()) {
            if (!entry.getKey().equals("columns")) {
                throw unknownKey(entry.getKey(), "columns");
            }
            result.set("columns", columns(entry.getValue()));
        }
        preferences.saveSketchPreferences(access.sketchId(), access.user().id(), json.writeValueAsString(result));
        return result;
    }

    private static ObjectNode userDefaults() {
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        defaults.put("timezone", "UTC");
        defaults.put("theme", "light");
        defaults.set("search_history", JsonNodeFactory.instance.arrayNode());
        defaults.put("wildcard_search", false);
        return defaults;
    }

    private ObjectNode stored(String body) {
        return (ObjectNode) json.readTree(body);
    }

    private ObjectNode object(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.badRequest("Preferences body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("Preferences body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Preferences body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    private static String timeZone(JsonNode value) {
        String zone = text(value, "timezone");
        if (!zone.equals("UTC") && !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw ApiException.badRequest("timezone: unknown time zone '" + zone + "' (an IANA zone id such as"
                    + " Europe/Berlin, or UTC).");
        }
        return zone;
    }

    private static boolean flag(JsonNode value, String key) {
        if (value == null || !value.isBoolean()) {
            throw ApiException.badRequest(key + ": must be true or false.");
        }
        return value.booleanValue();
    }

    private static String theme(JsonNode value) {
        String theme = text(value, "theme");
        if (!THEMES.contains(theme)) {
            throw ApiException.badRequest("theme: must be light or dark, not '" + theme + "'.");
        }
        return theme;
    }

    private static ArrayNode history(JsonNode value) {
        if (!value.isArray()) {
            throw ApiException.badRequest("search_history: must be a list of query strings.");
        }
        if (value.size() > MAX_HISTORY) {
            throw ApiException.badRequest("search_history: at most " + MAX_HISTORY + " entries, got " + value.size()
                    + ".");
        }
        ArrayNode history = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            String query = text(value.get(i), "search_history[" + i + "]");
            if (query.length() > MAX_QUERY_CHARS) {
                throw ApiException.badRequest("search_history[" + i + "]: longer than " + MAX_QUERY_CHARS
                        + " characters.");
            }
            history.add(query);
        }
        return history;
    }

    private static ArrayNode columns(JsonNode value) {
        if (!value.isArray()) {
            throw ApiException.badRequest("columns: must be a list of {\"field\": ..., \"width\": ...} objects.");
        }
        if (value.size() > MAX_COLUMNS) {
            throw ApiException.badRequest("columns: at most " + MAX_COLUMNS + " columns, got " + value.size() + ".");
        }
        ArrayNode columns = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            String where = "columns[" + i + "]";
            JsonNode column = value.get(i);
            if (!column.isObject()) {
                throw ApiException.badRequest(where + ": must be an object with field and width.");
            }
            for (String key : column.propertyNames()) {
                if (!key.equals("field") && !key.equals("width")) {
                    throw unknownKey(where + "." + key, "field, width");
                }
            }
            String field = text(column.get("field"), where + ".field");
            if (field.isEmpty() || field.length() > MAX_FIELD_CHARS) {
                throw ApiException.badRequest(where + ".field: must have 1 to " + MAX_FIELD_CHARS + " characters.");
            }
            JsonNode width = column.get("width");
            if (width == null || !width.isNumber()) {
                throw ApiException.badRequest(where + ".width: must be a number of pixels.");
            }
            long clamped = Math.clamp(Math.round(width.asDouble()), MIN_WIDTH, MAX_WIDTH);
            ObjectNode stored = columns.addObject();
            stored.put("field", field);
            stored.put("width", clamped);
        }
        return columns;
    }

    private static String text(JsonNode value, String key) {
        if (value == null || !value.isString()) {
            throw ApiException.badRequest(key + ": must be a string.");
        }
        return value.asString();
    }

    private static ApiException unknownKey(String key, String known) {
        return ApiException.badRequest(key + ": unknown preference (known: " + known + ").");
    }
}
