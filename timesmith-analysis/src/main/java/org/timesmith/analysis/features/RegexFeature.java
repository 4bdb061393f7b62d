package org.timesmith.analysis.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.timesmith.analysis.support.Emojis;
import org.timesmith.analysis.support.PythonRegex;
import org.timesmith.analysis.support.RuleFiles;
import tools.jackson.databind.JsonNode;

/**
 * One regular-expression feature, in Timesketch's {@code regex_features.yaml} layout: the events of
 * {@code query_string} whose {@code attribute} matches {@code re} get what it found stored in
 * {@code store_as} (the first group, or the match), plus {@code tags} and {@code emojis}.
 * {@code keep_multimatch} keeps every distinct match, {@code store_type_list} stores a list instead
 * of comma-joined text, {@code overwrite_store_as: false} leaves events that have a value alone,
 * {@code overwrite_and_merge_store_as} merges with it; {@code create_view} saves a search and
 * {@code aggregate} a top-values table of {@code store_as}.
 */
record RegexFeature(String name, String query, String attribute, String storeAs, Pattern expression, List<String> tags,
                    List<String> emojis, boolean keepMultimatch, boolean typeList, boolean overwrite, boolean merge,
                    boolean createView, boolean aggregate) {

    /** @throws IllegalArgumentException with the reason the feature cannot run */
    static RegexFeature parse(String name, JsonNode rule) {
        String attribute = required(rule, "attribute");
        String storeAs = required(rule, "store_as");
        Pattern expression = PythonRegex.compile(required(rule, "re"), RuleFiles.strings(rule, "re_flags"));
        return new RegexFeature(name, RuleFiles.text(rule, "query_string").orElse("_exists_:" + attribute), attribute,
                storeAs, expression, RuleFiles.strings(rule, "tags"), Emojis.codes(RuleFiles.strings(rule, "emojis")),
                rule.path("keep_multimatch").asBoolean(false), rule.path("store_type_list").asBoolean(false),
                rule.path("overwrite_store_as").asBoolean(true), rule.path("overwrite_and_merge_store_as").asBoolean(false),
                rule.path("create_view").asBoolean(false), rule.path("aggregate").asBoolean(false));
    }

    private static String required(JsonNode rule, String field) {
        return RuleFiles.text(rule, field).orElseThrow(() -> new IllegalArgumentException(field + " is missing"));
    }

    /** The distinct matches in the attribute's value (lists are joined with commas), in order found. */
    List<String> extract(Object value) {
        String text = value instanceof Collection<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : value == null ? "" : value.toString();
        return text.isEmpty() ? List.of() : PythonRegex.findAll(expression, text).stream().distinct().toList();
    }

    /**
     * The value to store given what the event has ({@code current}, possibly absent), or empty to
     * leave the event alone ({@code overwrite_store_as: false} and a value present).
     */
    Optional<Object> valueFor(List<String> found, Object current) {
        boolean present = current != null && !(current instanceof String s && s.isEmpty())
                && !(current instanceof Collection<?> c && c.isEmpty());
        if (found.isEmpty() || (present && !overwrite)) {
            return Optional.empty();
        }
        boolean asList = current instanceof Collection<?> || (!(current instanceof String) && typeList);
        List<String> kept = keepMultimatch ? found : List.of(found.get(0));
        List<String> values = new ArrayList<>();
        if (present && merge) {
            if (current instanceof Collection<?> list) {
                list.forEach(v -> values.add(String.valueOf(v)));
            } else {
                values.addAll(List.of(current.toString().split(",")));
            }
        }
        values.addAll(kept);
        List<String> result = present && merge || keepMultimatch ? List.copyOf(new TreeSet<>(values)) : values;
        return Optional.of(asList ? result : String.join(",", result));
    }
}
