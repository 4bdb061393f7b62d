package org.timesmith.server.intelligence;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.CurrentUser;
import tools.jackson.databind.JsonNode;

/**
 * Global helpers of the event view, for any signed-in user, in Timesketch's bare shapes:
 * {@code GET intelligence/tagmetadata/} (the tag metadata object), {@code GET contextlinks/}
 * (field name → context link configs) and {@code POST unfurl/} ({@code {"url": ...}} → the URL
 * as a graph of {@code nodes} and {@code edges}).
 */
@RestController
public class IntelligenceController {

    private final CurrentUser currentUser;
    private final IntelligenceConfig config;

    public IntelligenceController(CurrentUser currentUser, IntelligenceConfig config) {
        this.currentUser = currentUser;
        this.config = config;
    }

    @GetMapping("/api/v1/intelligence/tagmetadata")
    Map<String, Object> tagMetadata() {
        currentUser.get();
        return config.tagMetadata();
    }

    @GetMapping("/api/v1/contextlinks")
    Map<String, Object> contextLinks() {
        currentUser.get();
        return config.contextLinks();
    }

    @PostMapping("/api/v1/unfurl")
    Map<String, Object> unfurl(@RequestBody(required = false) JsonNode body) {
        currentUser.get();
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("No JSON data provided");
        }
        String url = WireValues.text(body, "url").orElseThrow(() -> ApiException.badRequest("url parameter is required"));
        return Unfurl.graph(url);
    }
}
