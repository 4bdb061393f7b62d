package org.timesmith.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structured result of one analyzer run: status, priority, summary, counts, how long each step
 * took, and links (ids) to everything the run created. {@link #toJson} gives Timesketch's analyzer
 * output shape ({@code platform}, {@code analyzer_identifier}, {@code result_status},
 * {@code result_summary}, {@code platform_meta_data} with {@code saved_views}, {@code saved_stories},
 * {@code saved_aggregations}, {@code created_tags}, {@code created_attributes}) plus Timesmith's
 * {@code counts}, {@code steps}, {@code questions}, {@code conclusions} and, on failure, {@code error}.
 * Nothing of a failed run is kept, so a failed result links to nothing.
 */
public record AnalysisResult(String analyzerName, Status status, Priority priority, String summary,
                             Map<String, Long> counts, List<StepTiming> steps, Created created,
                             List<String> references, java.util.Optional<String> error) {

    /** Timesketch's {@code result_status} values. */
    public enum Status {
        SUCCESS("SUCCESS"), NO_FINDINGS("NO-FINDINGS"), ERROR("ERROR");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Timesketch's {@code result_priority} values. */
    public enum Priority { HIGH, MEDIUM, LOW, NOTE }

    /** How long one named step of the run took. */
    public record StepTiming(String name, long millis) {
    }

    /** The ids of what a run created (after commit), and the tags and attributes it wrote. */
    public record Created(List<Long> savedViews, List<Long> stories, List<Long> aggregations, List<Long> questions,
                          List<Long> conclusions, List<String> tags, List<String> attributes) {

        public static final Created NOTHING = new Created(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());

        public Created {
            savedViews = List.copyOf(savedViews);
            stories = List.copyOf(stories);
            aggregations = List.copyOf(aggregations);
            questions = List.copyOf(questions);
            conclusions = List.copyOf(conclusions);
            tags = List.copyOf(tags);
            attributes = List.copyOf(attributes);
        }
    }

    public AnalysisResult {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        steps = List.copyOf(steps);
        references = List.copyOf(references);
    }

    /** The Timesketch analyzer-output shape plus Timesmith's additions, as plain maps and lists for JSON. */
    public Map<String, Object> toJson(long sketchId, long timelineId, String instance) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("timesketch_instance", instance);
        meta.put("sketch_id", sketchId);
        meta.put("timeline_id", timelineId);
        meta.put("saved_views", created.savedViews());
        meta.put("saved_stories", created.stories());
        meta.put("saved_graphs", List.of());
        meta.put("saved_aggregations", created.aggregations());
        meta.put("created_tags", created.tags());
        meta.put("created_attributes", created.attributes());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("platform", "timesketch");
        json.put("analyzer_identifier", analyzerName);
        json.put("analyzer_name", analyzerName);
        json.put("result_status", status.wire());
        json.put("result_priority", priority.name());
        json.put("result_summary", summary);
        json.put("references", references);
        json.put("result_attributes", Map.of());
        json.put("platform_meta_data", meta);
        json.put("questions", created.questions());
        json.put("conclusions", created.conclusions());
        json.put("counts", counts);
        List<Map<String, Object>> stepJson = new ArrayList<>();
        steps.forEach(s -> stepJson.add(Map.of("name", s.name(), "millis", s.millis())));
        json.put("steps", stepJson);
        error.ifPresent(e -> json.put("error", e));
        return json;
    }
}
