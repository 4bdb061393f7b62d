package org.timesmith.server.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import tools.jackson.databind.JsonNode;

/** Users, groups and the server version (§2.1–§2.3). */
@RestController
@RequestMapping("/api/v1")
public class UserController {

    public static final String API_VERSION = "20250101";

    private final CurrentUser currentUser;
    private final UserRepository users;
    private final UserService userService;

    public UserController(CurrentUser currentUser, UserRepository users, UserService userService) {
        this.currentUser = currentUser;
        this.users = users;
        this.userService = userService;
    }

    @GetMapping("/version")
    Map<String, Object> version() {
        currentUser.get();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("version", API_VERSION);
        meta.put("plaso_version", "N/A");
        meta.put("server", "timesmith");
        return Envelope.metaOnly(meta);
    }

    @GetMapping("/users/me")
    Map<String, Object> me() {
        User user = currentUser.get();
        return Envelope.single(Map.of(), user.toJson(users.groupNames(user.id())));
    }

    @PostMapping("/users/me")
    Object changePassword(@RequestBody(required = false) JsonNode body) {
        User user = currentUser.get();
        userService.setPassword(user, WireValues.text(body, "password").orElse(null));
        return 200;
    }

    @GetMapping("/users")
    Map<String, Object> list() {
        currentUser.get();
        List<Map<String, Object>> all = users.all().stream().map(u -> u.toJson(users.groupNames(u.id()))).toList();
        return Envelope.nested(Map.of(), all);
    }

    @PostMapping("/users")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
        User admin = currentUser.get();
        if (!admin.admin()) {
            throw ApiException.forbidden("Only administrators can create users.");
        }
        User created = userService.create(WireValues.text(body, "username").orElse(null),
                WireValues.text(body, "password").orElse(null), false);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), created.toJson()));
    }

    @GetMapping("/users/{id}")
    Map<String, Object> get(@PathVariable("id") long id) {
        currentUser.get();
        User user = users.byId(id).orElseThrow(() -> ApiException.notFound("No user found with this ID."));
        return Envelope.single(Map.of(), user.toJson(users.groupNames(user.id())));
    }

    @GetMapping("/groups")
    Map<String, Object> groups() {
        currentUser.get();
        List<Map<String, Object>> all = users.groups().stream().map(g -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", g.id());
            json.put("name", g.name());
            json.put("description", g.description());
            json.put("users", users.memberNames(g.id()));
            return json;
        }).toList();
        return Envelope.nested(Map.of(), all);
    }
}
