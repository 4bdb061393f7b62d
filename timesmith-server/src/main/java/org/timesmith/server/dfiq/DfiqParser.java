package org.timesmith.server.dfiq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns one DFIQ YAML document into a {@link DfiqTemplate}, checking what Timesketch relies on:
 * {@code dfiq_version} at least 1.1.0, a {@code uuid}, a {@code name}, a known {@code type}, and
 * for questions approaches with a name and steps that each have a {@code stage} and a {@code type}.
 * A problem is an {@link Invalid} naming the field.
 */
final class DfiqParser {

    /** A document that cannot be used, and the field that is wrong. */
    static final class Invalid extends Exception {
        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private DfiqParser() {
    }

    static DfiqTemplate parse(JsonNode node, Path file) throws Invalid {
        if (node == null || !node.isObject()) {
            throw new Invalid("-", "the document is not a YAML mapping");
        }
        checkVersion(node.get("dfiq_version"));
        String uuid = requiredText(node, "uuid");
        String name = requiredText(node, "name").stripTrailing();
        DfiqTemplate.Type type = type(node.get("type"));
        Optional<String> id = optionalText(node, "id");
        Optional<String> description = optionalText(node, "description").map(String::stripTrailing);
        List<String> tags = strings(node, "tags");
        List<String> parents = type == DfiqTemplate.Type.SCENARIO ? List.of() : strings(node, "parent_ids");
        List<DfiqApproach> approaches = type == DfiqTemplate.Type.QUESTION ? approaches(node.get("approaches")) : List.of();
        return new DfiqTemplate(type, uuid, id, name, description, tags, parents, approaches, file);
    }

    private static void checkVersion(JsonNode node) throws Invalid {
        if (node == null || node.isNull() || node.asString("").isBlank()) {
            throw new Invalid("dfiq_version", "is missing (DFIQ 1.1.0 or later is needed)");
        }
        String text = node.asString();
        String[] parts = text.strip().split("\\.");
        int[] version = new int[3];
        try {
            for (int i = 0; i < Math.min(parts.length, 3); i++) {
                version[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new Invalid("dfiq_version", "'" + text + "' is not a version number");
        }
        for (int i = 0; i < 3; i++) {
            if (version[i] != DfiqCatalog.MIN_VERSION[i]) {
                if (version[i] < DfiqCatalog.MIN_VERSION[i]) {
                    throw new Invalid("dfiq_version", text + " is older than 1.1.0, the oldest version supported");
                }
                return;
            }
        }
    }

    private static DfiqTemplate.Type type(JsonNode node) throws Invalid {
        String type = node == null || node.isNull() ? "" : node.asString("");
        for (DfiqTemplate.Type known : DfiqTemplate.Type.values()) {
            if (known.yamlName().equals(type)) {
                return known;
            }
        }
        throw new Invalid("type", type.isEmpty() ? "is missing (scenario, facet or question)"
                : "'" + type + "' is not scenario, facet or question");
    }

    private static List<DfiqApproach> approaches(JsonNode node) throws Invalid {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Invalid("approaches", "must be a list");
        }
        List<DfiqApproach> approaches = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode approach = node.get(i);
            String field = "approaches[" + i + "]";
            if (!approach.isObject()) {
                throw new Invalid(field, "must be a mapping");
            }
            String name = requiredText(approach, "name", field + ".name");
            JsonNode steps = approach.get("steps");
            if (steps != null && !steps.isNull()) {
                if (!steps.isArray()) {
                    throw new Invalid(field + ".steps", "must be a list");
                }
                for (int j = 0; j < steps.size(); j++) {
                    String stepField = field + ".steps[" + j + "]";
                    if (!steps.get(j).isObject()) {
                        throw new Invalid(stepField, "must be a mapping");
                    }
                    requiredText(steps.get(j), "stage", stepField + ".stage");
                    requiredText(steps.get(j), "type", stepField + ".type");
                }
            }
            approaches.add(new DfiqApproach(name.stripTrailing(),
                    optionalText(approach, "description").map(String::stripTrailing), approach));
        }
        return approaches;
    }

    private static String requiredText(JsonNode node, String key) throws Invalid {
        return requiredText(node, key, key);
    }

    private static String requiredText(JsonNode node, String key, String field) throws Invalid {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || !value.isValueNode() || value.asString().isBlank()) {
            throw new Invalid(field, "is missing");
        }
        return value.asString();
    }

    private static Optional<String> optionalText(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || !value.isValueNode() ? Optional.empty() : Optional.of(value.asString());
    }

    private static List<String> strings(JsonNode node, String key) throws Invalid {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new Invalid(key, "must be a list");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.isNull()) {
                throw new Invalid(key, "must hold only strings");
            }
            strings.add(item.asString());
        }
        return strings;
    }
}
