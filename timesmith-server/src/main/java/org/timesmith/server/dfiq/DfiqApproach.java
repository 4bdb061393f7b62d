package org.timesmith.server.dfiq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An approach of a DFIQ question: how to answer it, in steps. {@code spec} is the approach's YAML
 * mapping as read; its wire form keeps Timesketch's keys ({@code name}, {@code description},
 * {@code notes}, {@code references}, {@code steps}, {@code tags}).
 */
public record DfiqApproach(String name, Optional<String> description, JsonNode spec) {

    /** The step types whose {@code value} is a query Timesmith can run: they become search templates. */
    public static final List<String> QUERY_STEP_TYPES = List.of("timesketch-searchtemplate", "opensearch-query");

    /** One analysis step that is a query (or names a search template), with its place in the approach. */
    public record QueryStep(int index, String name, String type, String value) {

        /** A {@code timesketch-searchtemplate} step names an existing template by its uuid. */
        public boolean namesTemplate() {
            return type.equals("timesketch-searchtemplate");
        }
    }

    /** The analysis steps of type {@code timesketch-searchtemplate} or {@code opensearch-query}, in order. */
    public List<QueryStep> querySteps() {
        List<QueryStep> steps = new ArrayList<>();
        JsonNode all = spec.path("steps");
        for (int i = 0; i < all.size(); i++) {
            JsonNode step = all.get(i);
            String type = step.path("type").asString("");
            String value = step.path("value").asString("").strip();
            if (step.path("stage").asString("").equals("analysis") && QUERY_STEP_TYPES.contains(type)
                    && !value.isEmpty()) {
                steps.add(new QueryStep(i, step.path("name").asString("").strip(), type, value));
            }
        }
        return steps;
    }
}
