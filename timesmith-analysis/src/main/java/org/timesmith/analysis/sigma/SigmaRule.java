package org.timesmith.analysis.sigma;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Sigma rule as parsed from its YAML: the fields Timesmith uses (id, title, description,
 * status, log source, detection) plus the whole document, which the API returns as the rule's
 * keys. Parsing checks only the shape every rule needs (a title and a detection with a condition);
 * whether the detection converts is {@link SigmaConverter}'s business.
 *
 * @param source   what the rule is called in error messages (its file name, or its title)
 * @param id       the rule's {@code id} (a UUID in well-formed rules), if it has one
 * @param status   the rule's {@code status} ({@code stable}, {@code test}, {@code experimental},
 *                 {@code deprecated}, {@code unsupported}), empty if it has none
 * @param document the parsed YAML document, every key of the rule
 */
public record SigmaRule(String source, Optional<String> id, String title, String description, String status,
                        Map<String, String> logsource, ObjectNode detection, ObjectNode document, String yaml) {


    public SigmaRule {
        logsource = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(logsource));
    }

    /** Whether the analyzer runs the rule: every rule except those Sigma marks deprecated or unsupported. */
    public boolean active() {
        return !status.equals("deprecated") && !status.equals("unsupported");
    }

    /** The rule's {@code level} ({@code informational} … {@code critical}), empty if it has none. */
    public String level() {
        return text(document, "level");
    }

    /** The rule's {@code tags} ({@code attack.t1059.001}, {@code attack.execution}, {@code car.…}, {@code cve.…}). */
    public java.util.List<String> tags() {
        java.util.List<String> tags = new java.util.ArrayList<>();
        JsonNode node = document.path("tags");
        if (node.isArray()) {
            node.forEach(t -> {
                if (t.isValueNode() && !t.isNull() && !t.asString().isBlank()) {
                    tags.add(t.asString().trim());
                }
            });
        }
        return java.util.List.copyOf(tags);
    }

    /** The tag the rule gives its matches, as the Sigma analyzer does: {@code sigma_<title>}. */
    public String matchTag() {
        return "sigma_" + (title.isBlank() ? id.orElse("rule") : title);
    }

    /**
     * Parses one rule.
     *
     * @param source the name for error messages when the rule has no title yet (a file name, or
     *               {@code "rule text"})
     * @throws SigmaException naming the source and the problem
     */
    public static SigmaRule parse(String yaml, String source) {
        JsonNode root;
        try {
            root = SigmaYaml.read(yaml);
        } catch (JacksonException e) {
            throw new SigmaException(source, "not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SigmaException(source, e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SigmaException(source, "a rule must be a YAML mapping with title, logsource and detection");
        }
        ObjectNode document = (ObjectNode) root;
        String title = text(document, "title");
        if (title.isBlank()) {
            throw new SigmaException(source, "the rule has no title");
        }
        JsonNode detection = document.get("detection");
        if (detection == null || !detection.isObject()) {
            throw new SigmaException(source, "the rule has no detection mapping");
        }
        if (!detection.has("condition")) {
            throw new SigmaException(source, "the detection has no condition");
        }
        Map<String, String> logsource = new LinkedHashMap<>();
        JsonNode logsourceNode = document.path("logsource");
        if (logsourceNode.isObject()) {
            logsourceNode.properties().forEach(e -> {
                if (e.getValue().isValueNode()) {
                    logsource.put(e.getKey(), e.getValue().asString());
                }
            });
        }
        String id = text(document, "id");
        return new SigmaRule(source, id.isBlank() ? Optional.empty() : Optional.of(id), title,
                text(document, "description"), text(document, "status"), logsource, (ObjectNode) detection,
                document, yaml);
    }

    private static String text(ObjectNode document, String key) {
        JsonNode value = document.get(key);
        return value != null && value.isValueNode() && !value.isNull() ? value.asString().trim() : "";
    }
}
