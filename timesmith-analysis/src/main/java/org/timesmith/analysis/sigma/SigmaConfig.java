package org.timesmith.analysis.sigma;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * How Sigma's generic field names and log sources map onto Timesketch-shaped events, in the format
 * of Timesketch's {@code sigma_config.yaml}: {@code logsources} (each matching a rule's
 * {@code category}/{@code product}/{@code service} and adding field conditions such as
 * {@code data_type}, optionally with its own {@code fieldmappings}) and global {@code fieldmappings}
 * (a field name, a list of field names, or conditional targets such as {@code product=linux: filename}
 * with a {@code default}). {@link #timesketch()} is the mapping Timesketch ships.
 */
public final class SigmaConfig {

    /** One field's targets: conditional ones by log source value, else the default (several fields = OR). */
    record FieldMapping(Map<String, List<String>> byLogsource, List<String> fallback) {

        Optional<List<String>> targets(Map<String, String> logsource) {
            for (Map.Entry<String, List<String>> entry : byLogsource.entrySet()) {
                String[] keyValue = entry.getKey().split("=", 2);
                if (keyValue.length == 2 && keyValue[1].trim().equals(logsource.get(keyValue[0].trim()))) {
                    return Optional.of(entry.getValue());
                }
            }
            return fallback.isEmpty() ? Optional.empty() : Optional.of(fallback);
        }
    }

    /**
     * A log source definition: applies to a rule when every key of {@code match} equals the rule's
     * log source value; then its conditions (field → accepted values, ORed; fields ANDed) restrict
     * the rule's events.
     */
    record LogSource(String name, Map<String, String> match, Map<String, List<Object>> conditions,
                     Map<String, FieldMapping> fieldMappings) {

        boolean appliesTo(Map<String, String> logsource) {
            return !match.isEmpty() && match.entrySet().stream()
                    .allMatch(e -> e.getValue().equalsIgnoreCase(logsource.getOrDefault(e.getKey(), "")));
        }
    }

    private static final String TIMESKETCH = "timesketch-sigma-config.yaml";

    private final List<LogSource> logSources;
    private final Map<String, FieldMapping> fieldMappings;

    private SigmaConfig(List<LogSource> logSources, Map<String, FieldMapping> fieldMappings) {
        this.logSources = List.copyOf(logSources);
        this.fieldMappings = Map.copyOf(fieldMappings);
    }

    /** Timesketch's own mapping (bundled). */
    public static SigmaConfig timesketch() {
        try (InputStream in = SigmaConfig.class.getResourceAsStream(TIMESKETCH)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + TIMESKETCH + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), TIMESKETCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException naming {@code source} and the broken entry */
    public static SigmaConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = SigmaYaml.read(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a Sigma config must be a YAML mapping");
        }
        List<LogSource> logSources = new ArrayList<>();
        root.path("logsources").properties().forEach(e -> {
            JsonNode node = e.getValue();
            Map<String, String> match = new LinkedHashMap<>();
            for (String key : List.of("category", "product", "service")) {
                if (node.hasNonNull(key)) {
                    match.put(key, node.get(key).asString());
                }
            }
            Map<String, List<Object>> conditions = new LinkedHashMap<>();
            node.path("conditions").properties().forEach(c -> conditions.put(c.getKey(), scalars(c.getValue())));
            logSources.add(new LogSource(e.getKey(), match, conditions,
                    mappings(node.path("fieldmappings"), source + " logsource " + e.getKey())));
        });
        return new SigmaConfig(logSources, mappings(root.path("fieldmappings"), source));
    }

    private static Map<String, FieldMapping> mappings(JsonNode node, String source) {
        Map<String, FieldMapping> mappings = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.isObject()) {
                Map<String, List<String>> byLogsource = new LinkedHashMap<>();
                List<String> fallback = List.of();
                for (Map.Entry<String, JsonNode> c : value.properties()) {
                    if (c.getKey().equals("default")) {
                        fallback = strings(c.getValue());
                    } else if (c.getKey().contains("=")) {
                        byLogsource.put(c.getKey(), strings(c.getValue()));
                    } else {
                        throw new IllegalArgumentException(source + ": field mapping of '" + e.getKey()
                                + "' has condition '" + c.getKey() + "'; expected key=value or default");
                    }
                }
                mappings.put(e.getKey(), new FieldMapping(byLogsource, fallback));
            } else if (!value.isNull()) {
                mappings.put(e.getKey(), new FieldMapping(Map.of(), strings(value)));
            }
        });
        return mappings;
    }

    private static List<String> strings(JsonNode node) {
        return scalars(node).stream().map(Object::toString).toList();
    }

    private static List<Object> scalars(JsonNode node) {
        List<Object> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(scalar(v)));
        } else {
            values.add(scalar(node));
        }
        return values;
    }

    private static Object scalar(JsonNode node) {
        return node.isNumber() ? node.numberValue() : node.asString();
    }

    /** The log source definitions that apply to a rule with this log source. */
    List<LogSource> logSourcesFor(Map<String, String> logsource) {
        return logSources.stream().filter(l -> l.appliesTo(logsource)).toList();
    }

    /** The event fields a Sigma field means for this rule: the applying log sources' mapping first, then the global one. */
    List<String> targets(String field, Map<String, String> logsource, List<LogSource> applying) {
        for (LogSource source : applying) {
            FieldMapping mapping = source.fieldMappings().get(field);
            if (mapping != null) {
                Optional<List<String>> targets = mapping.targets(logsource);
                if (targets.isPresent()) {
                    return targets.get();
                }
            }
        }
        FieldMapping mapping = fieldMappings.get(field);
        return mapping == null ? List.of(field) : mapping.targets(logsource).orElse(List.of(field));
    }
}
