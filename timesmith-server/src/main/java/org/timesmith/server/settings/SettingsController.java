package org.timesmith.server.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.analysis.llm.LlmProviders;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.dfiq.DfiqLibrary;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/settings/}: the system feature flags the Timesketch web UI asks for, as the
 * bare object Timesketch answers; {@code GET|POST /api/v1/users/me/settings/}: the current user's
 * settings object as {@code {"objects": [settings], "meta": {}}}, a POST merging the keys of its
 * {@code settings} object into the stored ones.
 */
@RestController
public class SettingsController {

    private final CurrentUser currentUser;
    private final UserSettingsService userSettings;
    private final DfiqLibrary dfiq;
    private final LlmProviders llm;

    public SettingsController(CurrentUser currentUser, UserSettingsService userSettings, DfiqLibrary dfiq,
                              LlmProviders llm) {
        this.currentUser = currentUser;
        this.userSettings = userSettings;
        this.dfiq = dfiq;
        this.llm = llm;
    }

    @GetMapping("/api/v1/settings")
    Map<String, Object> system() {
        currentUser.get();
        Map<String, Object> settings = new LinkedHashMap<>();
        // DFIQ is on when the server has a DFIQ library (timesmith.dfiq.path); an LLM feature is on when
        // timesmith.llm.features.<feature>.provider names a provider. Timesmith has no search of
        // processing timelines, no V3 investigation view and no wildcard field mapping (yet).
        settings.put("DFIQ_ENABLED", dfiq.catalog().isPresent());
        settings.put("SEARCH_PROCESSING_TIMELINES", false);
        settings.put("ENABLE_V3_INVESTIGATION_VIEW", false);
        Map<String, Boolean> features = new LinkedHashMap<>();
        features.put("default", !llm.features().isEmpty());
        llm.features().keySet().forEach(feature -> features.put(feature, true));
        settings.put("LLM_FEATURES_AVAILABLE", features);
        settings.put("LOG_ANALYZER_DEFAULT_PROMPT", "Perform a forensics investigation on the provided logs.");
        settings.put("OPENSEARCH_WILDCARD_DEFAULT", false);
        return settings;
    }

    @GetMapping("/api/v1/users/me/settings")
    Map<String, Object> mine() {
        return envelope(userSettings.get(currentUser.get()));
    }

    @PostMapping("/api/v1/users/me/settings")
    Map<String, Object> update(@RequestBody(required = false) JsonNode body) {
        return envelope(userSettings.merge(currentUser.get(), body));
    }

    private static Map<String, Object> envelope(Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objects", List.of(settings));
        body.put("meta", Map.of());
        return body;
    }
}
