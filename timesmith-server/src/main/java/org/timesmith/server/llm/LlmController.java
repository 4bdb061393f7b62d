package org.timesmith.server.llm;

import static org.timesmith.server.access.Permission.READ;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.SketchAccess;
import tools.jackson.databind.JsonNode;

/**
 * §18.1 {@code POST /api/v1/sketches/{id}/llm/} (Timesketch's LLM resource, as its web UI calls it):
 * {@code {"feature": "nl2q", "question", "filter"}} answers {@code {name, query_string, error}};
 * {@code {"feature": "llm_summarize", "query", "filter"}} answers {@code {response,
 * summary_event_count, summary_unique_event_count}}, the bare object as Timesketch does;
 * {@code llm_starred_events_report} answers {@code {summary, summary_event_count,
 * summary_unique_event_count, story_id}} (it saves a story, so it needs write access) and
 * {@code {"feature": "llm_synthesize", "question_id"}} answers {@code {response}}. A reader of the
 * sketch may call it; a feature that is not configured is a 400, a model that fails a 502.
 */
@RestController
class LlmController {

    private final LlmFeatures features;

    LlmController(LlmFeatures features) {
        this.features = features;
    }

    @PostMapping("/api/v1/sketches/{sketchId}/llm")
    Map<String, Object> run(@RequestBody(required = false) JsonNode body, @ActiveSketchPermission(READ) SketchAccess access) {
        return features.run(access, body);
    }
}
