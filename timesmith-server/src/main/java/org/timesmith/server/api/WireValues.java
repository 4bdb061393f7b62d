package org.timesmith.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Decoding of the Timesketch wire quirks: Python booleans as {@code "True"}/{@code "False"} strings,
 * lists sent as JSON-encoded strings, ids sent as numbers or digit strings.
 */
public final class WireValues {

    private WireValues() {
    }

    /** {@code True}, {@code true}, {@code 1}, {@code yes} are true; anything else is false. */
    public static boolean bool(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            default -> false;
        };
    }

    public static boolean bool(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        return node.isBoolean() ? node.booleanValue() : bool(node.asString());
    }

    /** A list of strings given as a JSON array or as a string holding a JSON array (or a single value). */
    public static List<String> stringList(ObjectMapper json, JsonNode node, String fieldName) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return values;
        }
        JsonNode list = node;
        if (node.isString()) {
            String text = node.asString().trim();
            if (text.isEmpty()) {
                return values;
            }
            if (!text.startsWith("[")) {
                values.add(text);
                return values;
            }
            try {
                list = json.readTree(text);
            } catch (JacksonException e) {
                throw ApiException.badRequest(fieldName + " is not a valid JSON list: " + e.getOriginalMessage());
            }
        }
        if (!list.isArray()) {
            throw ApiException.badRequest(fieldName + " must be a list");
        }
        for (JsonNode item : list) {
            if (!item.isValueNode() || item.isNull()) {
                throw ApiException.badRequest(fieldName + " must hold only strings");
            }
            values.add(item.asString());
        }
        return values;
    }

    /** A request body that must be a JSON object: the body, or 400 when it is missing or something else. */
    public static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        return body;
    }

    /**
     * The labels of a {@code label_string} (a JSON list stored as text, as Timesketch keeps labels
     * of sketches and timelines), as a list the caller may change; empty for a blank string.
     */
    public static List<String> labels(ObjectMapper json, String labelString) {
        if (labelString == null || labelString.isBlank()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(List.of(json.readValue(labelString, String[].class)));
    }

    /** The {@code label_string} of labels: empty for none, else the JSON list. */
    public static String labelString(ObjectMapper json, List<String> labels) {
        return labels.isEmpty() ? "" : json.writeValueAsString(labels);
    }

    /**
     * The {@code label_string} of a request's {@code labels} field (a list, or a string holding
     * one, as {@link #stringList} reads it): empty for none; 400 for anything else.
     */
    public static String labelString(ObjectMapper json, JsonNode labels) {
        return labelString(json, stringList(json, labels, "labels"));
    }

    /** A body's {@code labels} (as {@link #stringList} reads them) and {@code label_action} (empty when absent). */
    public static LabelChange labelChange(ObjectMapper json, JsonNode body) {
        return new LabelChange(stringList(json, body == null ? null : body.get("labels"), "labels"),
                text(body, "label_action").orElse(""));
    }

    /** A text field of a JSON body, or empty when absent or null. */
    public static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(node.isValueNode() ? node.asString() : node.toString());
    }

    /** A required id given as a number or a digit string. */
    public static long id(JsonNode node, String fieldName) {
        if (node != null && node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node != null && node.isString()) {
            try {
                return Long.parseLong(node.asString().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw ApiException.badRequest(fieldName + " must be a numeric id");
    }

    public static long id(String text, String fieldName) {
        if (text == null) {
            throw ApiException.badRequest(fieldName + " is required");
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(fieldName + " must be a numeric id, got \"" + text + "\"");
        }
    }
}
