package org.timesmith.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** Readers for the Timesketch response envelope (§0.3) and its JSON-in-a-string fields. */
final class Json {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Json() {
    }

    /** {@code objects[0]}, which the contract guarantees for single-model answers. */
    static JsonNode first(JsonNode answer, String what) {
        JsonNode objects = answer.path("objects");
        if (!objects.isArray() || objects.isEmpty()) {
            throw new ApiException(what + ": the server answered without an object.");
        }
        return objects.get(0);
    }

    /** The nested list form {@code objects: [[a, b]]}; {@code objects: []} is an empty list. */
    static List<JsonNode> nested(JsonNode answer) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode objects = answer.path("objects");
        if (objects.isArray() && !objects.isEmpty()) {
            JsonNode inner = objects.get(0);
            if (inner.isArray()) {
                inner.forEach(items::add);
            } else {
                objects.forEach(items::add);
            }
        }
        return items;
    }

    static Map<String, Object> toMap(JsonNode node) {
        return node == null || !node.isObject() ? new LinkedHashMap<>() : ApiSession.JSON.convertValue(node, MAP);
    }

    /** A field that holds JSON encoded as a string ({@code label_string}, {@code all_permissions}, …). */
    static JsonNode embedded(JsonNode field) {
        if (field == null || field.isNull() || field.isMissingNode()) {
            return ApiSession.JSON.missingNode();
        }
        if (!field.isString()) {
            return field;
        }
        String text = field.asString();
        if (text.isBlank()) {
            return ApiSession.JSON.missingNode();
        }
        try {
            return ApiSession.JSON.readTree(text);
        } catch (JacksonException e) {
            throw new ApiException("The server sent a malformed JSON string: " + text);
        }
    }

    static String status(JsonNode model) {
        JsonNode status = model.path("status");
        return status.isArray() && !status.isEmpty() ? status.get(0).path("status").asString("Unknown") : "Unknown";
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String write(Object value) {
        return ApiSession.JSON.writeValueAsString(value);
    }
}
