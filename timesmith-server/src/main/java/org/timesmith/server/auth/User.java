package org.timesmith.server.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Timesmith account as stored in the metadata database (never carries the password hash). */
public record User(long id, String username, String name, String email, boolean admin, boolean active,
                   String createdAt, String updatedAt) {

    /** The Timesketch {@code user_fields} shape, with the user's groups. */
    public Map<String, Object> toJson(List<String> groups) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("username", username);
        json.put("name", name);
        json.put("email", email);
        json.put("admin", admin);
        json.put("active", active);
        json.put("groups", groups.stream().map(g -> Map.of("name", g)).toList());
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("picture_url", null);
        profile.put("picture_filename", null);
        json.put("profile", profile);
        return json;
    }

    /** The short form nested in other models. */
    public Map<String, Object> toJson() {
        return toJson(List.of());
    }
}
