package org.timesmith.server.aggregation;

import java.util.Optional;
import org.timesmith.server.api.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code aggregator_parameters} of a run, after {@code index}, {@code chart_color},
 * {@code chart_title} and {@code supported_charts} were taken out. Values may come as JSON
 * numbers or strings (the web UI sends every form value as text).
 */
public record AggregatorParameters(ObjectNode values) {

    /** A non-blank text parameter. */
    public Optional<String> text(String name) {
        JsonNode node = values.get(name);
        if (node == null || node.isNull() || !node.isValueNode()) {
            return Optional.empty();
        }
        String text = node.asString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    public String required(String name) {
        return text(name).orElseThrow(() -> ApiException.badRequest("The aggregator needs the parameter " + name + "."));
    }

    /** A positive whole number, or {@code fallback} when absent. */
    public int positive(String name, int fallback, int max) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < 1 || value > max) {
                throw ApiException.badRequest("The parameter " + name + " must be between 1 and " + max + ".");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The parameter " + name + " must be a whole number, got " + text.get() + ".");
        }
    }
}
