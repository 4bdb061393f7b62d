package org.timesmith.analysis.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.AnalyzerConfigFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a YAML file of named rules (a mapping of rule name → rule object, the layout of Timesketch's
 * {@code tags.yaml} and feature files): the deployment's file when the host offers
 * {@link AnalyzerConfigFiles} and has one of that name, else the default shipped next to the
 * analyzer. A file that is not such a mapping fails the run with a message naming the file.
 */
public final class RuleFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private RuleFiles() {
    }

    /** The named rules (in file order) and where they came from. */
    public record Loaded(Map<String, JsonNode> rules, String origin) {
    }

    public static Loaded load(AnalysisContext context, String fileName, Class<?> defaultsNextTo) {
        Optional<Path> override = context.resource(AnalyzerConfigFiles.class).flatMap(f -> f.file(fileName));
        try {
            if (override.isPresent()) {
                return parse(Files.readString(override.get(), StandardCharsets.UTF_8), override.get().toString());
            }
            try (InputStream in = defaultsNextTo.getResourceAsStream(fileName)) {
                if (in == null) {
                    throw new AnalysisException("the default " + fileName + " is missing from the class path");
                }
                return parse(new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8), "default " + fileName);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the text of a rule file; {@code origin} names it in messages. */
    public static Loaded parse(String yaml, String origin) {
        if (yaml.length() > MAX_BYTES) {
            throw new AnalysisException(origin + " is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new AnalysisException(origin + " is not valid YAML: " + e.getOriginalMessage());
        }
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Loaded(rules, origin);
        }
        if (!root.isObject()) {
            throw new AnalysisException(origin + " must be a mapping of rule name to rule");
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getValue().isObject()) {
                throw new AnalysisException(origin + ": rule " + entry.getKey() + " must be a mapping");
            }
            rules.put(entry.getKey(), entry.getValue());
        }
        return new Loaded(rules, origin);
    }

    /** A rule's list of strings (a single string counts as a list of one); empty when absent. */
    public static java.util.List<String> strings(JsonNode rule, String field) {
        JsonNode node = rule.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return java.util.List.of();
        }
        if (node.isString()) {
            return node.asString().isBlank() ? java.util.List.of() : java.util.List.of(node.asString());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " must be a list of strings");
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        node.forEach(n -> values.add(n.asString()));
        return values;
    }

    /** A rule's text field, if present and not blank. */
    public static Optional<String> text(JsonNode rule, String field) {
        JsonNode node = rule.path(field);
        return node.isString() && !node.asString().isBlank() ? Optional.of(node.asString()) : Optional.empty();
    }
}
