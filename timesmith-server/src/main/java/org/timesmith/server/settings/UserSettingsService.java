package org.timesmith.server.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The settings object of Timesketch's UserProfile (table {@code user_settings}): free-form keys the
 * web UI stores, merged key by key, with Timesketch's defaults filled in on the way out
 * ({@code defaultSearchMethod: query_string}; {@code showProcessingTimelineEvents} is always false
 * while the server does not search processing timelines). A user only ever sees their own.
 */
@Service
public class UserSettingsService {

    /** Bounds the stored object: settings are a few flags, not a place for data. */
    private static final int MAX_BYTES = 64 * 1024;

    private final UserSettingsRepository repository;
    private final ObjectMapper json;

    public UserSettingsService(UserSettingsRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    public Map<String, Object> get(User user) {
        return formatted(stored(user));
    }

    /** Merges {@code body.settings} (an object) into the stored settings; 400 for anything else. */
    public Map<String, Object> merge(User user, JsonNode body) {
        JsonNode changes = body == null ? null : body.get("settings");
        if (changes == null || changes.isNull()) {
            return get(user);
        }
        if (!changes.isObject()) {
            throw ApiException.badRequest("settings must be an object.");
        }
        Map<String, Object> settings = stored(user);
        changes.properties().forEach(e -> settings.put(e.getKey(), json.treeToValue(e.getValue(), Object.class)));
        String text = json.writeValueAsString(settings);
        if (text.length() > MAX_BYTES) {
            throw ApiException.badRequest("The settings are larger than " + MAX_BYTES / 1024 + " KiB.");
        }
        repository.save(user.id(), text);
        return formatted(settings);
    }

    private Map<String, Object> stored(User user) {
        Optional<String> body = repository.settings(user.id());
        return body.isEmpty() ? new LinkedHashMap<>()
                : json.readValue(body.get(), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private static Map<String, Object> formatted(Map<String, Object> stored) {
        Map<String, Object> settings = new LinkedHashMap<>(stored);
        settings.putIfAbsent("defaultSearchMethod", "query_string");
        settings.put("showProcessingTimelineEvents", false);
        return settings;
    }
}
