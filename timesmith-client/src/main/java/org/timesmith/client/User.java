package org.timesmith.client;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A user as the server describes it ({@code users/me/}): name, groups and flags. */
public record User(long id, String username, List<String> groups, boolean active, boolean admin) {

    static User of(JsonNode json) {
        List<String> groups = new ArrayList<>();
        json.path("groups").forEach(g -> groups.add(g.path("name").asString()));
        return new User(json.path("id").asLong(), json.path("username").asString("Unknown"), List.copyOf(groups),
                json.path("active").asBoolean(true), json.path("admin").asBoolean(false));
    }
}
