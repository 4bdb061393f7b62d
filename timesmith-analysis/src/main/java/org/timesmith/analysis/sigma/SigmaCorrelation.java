package org.timesmith.analysis.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Sigma 2 correlation rule ({@code correlation:} with {@code type} {@code event_count},
 * {@code value_count}, {@code temporal} or {@code temporal_ordered}, the referenced {@code rules}
 * by id or name, {@code group-by}, {@code timespan}, {@code condition} and, for
 * {@code value_count}, its {@code field}; {@code aliases} rename group-by fields per referenced
 * rule). Parsed strictly: anything the specification requires and the rule lacks is a
 * {@link SigmaException} naming the rule and the attribute, so a correlation never runs with a
 * guessed meaning.
 *
 * @param condition comparison ({@code gt gte lt lte eq}) → bound; all must hold
 * @param aliases   group-by alias → referenced rule name → the field it stands for in that rule's events
 */
public record SigmaCorrelation(String source, Optional<String> id, String title, String level, Type type,
                               List<String> rules, List<String> groupBy, long timespanMicros,
                               Map<String, Long> condition, Optional<String> field,
                               Map<String, Map<String, String>> aliases) {

    /** The four correlation types of the specification. */
    public enum Type { EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED }

    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)([smhdwMy])");
    private static final List<String> COMPARISONS = List.of("gt", "gte", "lt", "lte", "eq");

    /** Whether a count satisfies the condition. */
    public boolean holds(long count) {
        for (Map.Entry<String, Long> c : condition.entrySet()) {
            long bound = c.getValue();
            boolean ok = switch (c.getKey()) {
                case "gt" -> count > bound;
                case "gte" -> count >= bound;
                case "lt" -> count < bound;
                case "lte" -> count <= bound;
                default -> count == bound;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The tag its hits get, as single-event rules do. */
    public String matchTag() {
        return "sigma_" + (title.isBlank() ? id.orElse("correlation") : title);
    }

    /** Whether a YAML document is a correlation rule (it has a {@code correlation} mapping). */
    static boolean isCorrelation(JsonNode document) {
        return document != null && document.path("correlation").isObject();
    }

    /** @throws SigmaException naming the source and the missing or malformed attribute */
    static SigmaCorrelation parse(JsonNode document, String source) {
        String title = document.path("title").asString("").trim();
        String name = title.isBlank() ? source : title;
        JsonNode c = document.path("correlation");
        Type type;
        try {
            type = Type.valueOf(c.path("type").asString("").trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SigmaException(name, "correlation type '" + c.path("type").asString("")
                    + "' is not one of event_count, value_count, temporal, temporal_ordered");
        }
        List<String> rules = strings(c.path("rules"));
        if (rules.isEmpty()) {
            throw new SigmaException(name, "the correlation names no rules");
        }
        List<String> groupBy = strings(c.path("group-by"));
        long timespan = timespan(name, c.path("timespan").asString(""));
        Map<String, Long> condition = new LinkedHashMap<>();
        Optional<String> field = Optional.empty();
        JsonNode conditionNode = c.path("condition");
        if (conditionNode.isObject()) {
            for (Map.Entry<String, JsonNode> e : conditionNode.properties()) {
                if (e.getKey().equals("field")) {
                    field = Optional.of(e.getValue().asString(""));
                } else if (COMPARISONS.contains(e.getKey()) && e.getValue().isIntegralNumber()) {
                    condition.put(e.getKey(), e.getValue().asLong());
                } else {
                    throw new SigmaException(name, "condition '" + e.getKey() + ": " + e.getValue()
                            + "' is not one of gt, gte, lt, lte, eq with a whole number, or field");
                }
            }
        } else if (!conditionNode.isMissingNode()) {
            throw new SigmaException(name, "the correlation condition must be a mapping such as {gte: 10}");
        }
        if (condition.isEmpty()) {
            if (type == Type.EVENT_COUNT || type == Type.VALUE_COUNT) {
                throw new SigmaException(name, type.name().toLowerCase(Locale.ROOT) + " needs a condition such as {gte: 10}");
            }
            // temporal: every referenced rule must occur.
            condition.put("gte", (long) rules.size());
        }
        if (type == Type.VALUE_COUNT && field.filter(f -> !f.isBlank()).isEmpty()) {
            throw new SigmaException(name, "value_count needs the field whose distinct values it counts (condition: field)");
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        c.path("aliases").properties().forEach(alias -> {
            Map<String, String> byRule = new LinkedHashMap<>();
            alias.getValue().properties().forEach(r -> byRule.put(r.getKey(), r.getValue().asString("")));
            aliases.put(alias.getKey(), byRule);
        });
        String id = document.path("id").asString("").trim();
        return new SigmaCorrelation(source, id.isBlank() ? Optional.empty() : Optional.of(id), title,
                document.path("level").asString("").trim(), type, rules, groupBy, timespan, condition, field, aliases);
    }

    private static long timespan(String name, String text) {
        Matcher m = TIMESPAN.matcher(text.trim());
        if (!m.matches()) {
            throw new SigmaException(name, "timespan '" + text + "' is not a number and one of s, m, h, d (such as 5m)");
        }
        long n = Long.parseLong(m.group(1));
        long seconds = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            case "w" -> 7 * 86_400;
            case "M" -> 30 * 86_400;
            default -> 365 * 86_400;
        };
        return Math.multiplyExact(n, seconds * 1_000_000L);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> out.add(v.asString("").trim()));
        } else if (node.isValueNode() && !node.isNull()) {
            out.add(node.asString("").trim());
        }
        out.removeIf(String::isBlank);
        return out;
    }

    /**
     * The documents of a YAML text with several rules ({@code ---} between them), as SigmaHQ ships a
     * correlation with its base rules: each document's text and its parsed mapping.
     *
     * @throws SigmaException naming the source and the document that is not valid YAML
     */
    static List<Map.Entry<String, JsonNode>> documents(String yaml, String source) {
        List<Map.Entry<String, JsonNode>> documents = new ArrayList<>();
        int n = 0;
        for (String part : yaml.split("(?m)^---\\s*$")) {
            n++;
            if (part.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = SigmaYaml.read(part);
            } catch (JacksonException e) {
                throw new SigmaException(source, "document " + n + " is not valid YAML: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new SigmaException(source, "document " + n + ": " + e.getMessage(), e);
            }
            if (node == null || !node.isObject()) {
                throw new SigmaException(source, "document " + n + " is not a YAML mapping");
            }
            documents.add(Map.entry(part, node));
        }
        return documents;
    }
}
