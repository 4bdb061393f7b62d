package org.timesmith.analysis.tagger;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.timesmith.analysis.support.Emojis;
import org.timesmith.analysis.support.PythonRegex;
import org.timesmith.analysis.support.RuleFiles;
import tools.jackson.databind.JsonNode;

/**
 * One rule of a tags file, in Timesketch's {@code tags.yaml} layout: {@code query_string}, static
 * {@code tags} and dynamic ones ({@code $field}: the event's value of that field, after the
 * {@code modifiers} {@code split} and {@code upper}), {@code emojis}, an optional
 * {@code regular_expression} ({@code re_flags}) that {@code re_attribute} must match, and
 * {@code save_search}/{@code create_view} with {@code search_name}/{@code view_name}. Timesmith adds
 * {@code labels}: sketch labels such as {@code __ts_star}.
 */
record TagRule(String name, String query, List<String> tags, List<String> dynamicTags, List<String> modifiers,
               List<String> emojis, List<String> labels, Optional<Pattern> expression, Optional<String> expressionField,
               boolean saveSearch, String searchName) {

    /** @throws IllegalArgumentException with the reason the rule cannot run */
    static TagRule parse(String name, JsonNode rule) {
        if (rule.has("query_dsl") && !rule.has("query_string")) {
            throw new IllegalArgumentException("query_dsl is not supported; write the rule as a query_string");
        }
        String query = RuleFiles.text(rule, "query_string")
                .orElseThrow(() -> new IllegalArgumentException("query_string is missing"));
        List<String> all = RuleFiles.strings(rule, "tags");
        List<String> modifiers = RuleFiles.strings(rule, "modifiers").stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
        modifiers.stream().filter(m -> !m.equals("split") && !m.equals("upper")).findFirst().ifPresent(m -> {
            throw new IllegalArgumentException("unknown modifier " + m + " (known: split, upper)");
        });
        Optional<Pattern> expression = RuleFiles.text(rule, "regular_expression")
                .map(re -> PythonRegex.compile(re, RuleFiles.strings(rule, "re_flags")));
        Optional<String> expressionField = RuleFiles.text(rule, "re_attribute");
        if (expression.isPresent() && expressionField.isEmpty()) {
            throw new IllegalArgumentException("regular_expression needs re_attribute, the field it is matched against");
        }
        boolean save = rule.path("save_search").asBoolean(false) || rule.path("create_view").asBoolean(false);
        String searchName = RuleFiles.text(rule, "search_name").or(() -> RuleFiles.text(rule, "view_name")).orElse(name);
        TagRule parsed = new TagRule(name, query, all.stream().filter(t -> !t.startsWith("$")).toList(),
                all.stream().filter(t -> t.startsWith("$")).map(t -> t.substring(1)).toList(), modifiers,
                Emojis.codes(RuleFiles.strings(rule, "emojis")), RuleFiles.strings(rule, "labels"), expression,
                expressionField, save, searchName);
        if (parsed.tags.isEmpty() && parsed.dynamicTags.isEmpty() && parsed.emojis.isEmpty() && parsed.labels.isEmpty()) {
            throw new IllegalArgumentException("the rule adds nothing (no tags, emojis or labels)");
        }
        return parsed;
    }

    /** Whether one update by query does it all (static tags only), so no event needs to be read. */
    boolean byQuery() {
        return dynamicTags.isEmpty() && emojis.isEmpty() && labels.isEmpty() && expression.isEmpty();
    }

    /** The fields the rule reads from each event. */
    List<String> fields() {
        List<String> fields = new java.util.ArrayList<>(dynamicTags);
        expressionField.ifPresent(fields::add);
        if (!emojis.isEmpty()) {
            fields.add(Emojis.FIELD);
        }
        return fields;
    }

    /** The event's dynamic tags: each {@code $field}'s value (lists flattened), after the modifiers. */
    List<String> dynamicTagsOf(java.util.Map<String, Object> source) {
        List<String> values = new java.util.ArrayList<>();
        for (String field : dynamicTags) {
            Object value = source.get(field);
            if (value instanceof String s) {
                values.addAll(modify(s));
            } else if (value instanceof java.util.Collection<?> list) {
                list.stream().filter(java.util.Objects::nonNull).forEach(v -> values.add(v.toString()));
            } else if (value != null) {
                values.add(value.toString());
            }
        }
        return values.stream().filter(v -> !v.isBlank()).distinct().toList();
    }

    private List<String> modify(String value) {
        List<String> values = List.of(value);
        for (String modifier : modifiers) {
            values = switch (modifier) {
                case "split" -> values.stream().flatMap(v -> java.util.Arrays.stream(v.trim().split("\\s+"))).toList();
                default -> values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
            };
        }
        return values;
    }

    /** Whether the event passes the rule's regular expression (always, without one). */
    boolean matches(java.util.Map<String, Object> source) {
        if (expression.isEmpty()) {
            return true;
        }
        Object value = source.get(expressionField.orElseThrow());
        String text = value instanceof java.util.Collection<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : value == null ? "" : value.toString();
        return !text.isEmpty() && expression.get().matcher(text).find();
    }
}
