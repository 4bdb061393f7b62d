package org.timesmith.store.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import tools.jackson.databind.JsonNode;

/**
 * Translates the supported subset of the OpenSearch query DSL (see {@code docs/query-dsl.md}) into a
 * Lucene query. Anything outside the subset is an {@link IllegalArgumentException} naming the clause
 * or parameter, never silently ignored.
 */
final class DslQueries {

    static final Set<String> SUPPORTED = Set.of("bool", "term", "terms", "match", "match_phrase",
            "query_string", "range", "exists", "prefix", "wildcard", "ids", "match_all");

    private final FieldQueries fields;

    DslQueries(FieldQueries fields) {
        this.fields = fields;
    }

    Query parse(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("query DSL: expected an object with exactly one clause, got " + node);
        }
        Map.Entry<String, JsonNode> clause = node.properties().iterator().next();
        String name = clause.getKey();
        JsonNode body = clause.getValue();
        return switch (name) {
            case "match_all" -> MatchAllDocsQuery.INSTANCE;
            case "bool" -> bool(body);
            case "term" -> {
                FieldValue fv = fieldValue(name, body, "value");
                yield fields.term(fv.field(), text(name, fv.value()));
            }
            case "terms" -> terms(body);
            case "match" -> {
                FieldValue fv = fieldValue(name, body, "query");
                String operator = fv.options().path("operator").asString("or");
                BooleanClause.Occur occur = switch (operator.toLowerCase(java.util.Locale.ROOT)) {
                    case "and" -> BooleanClause.Occur.MUST;
                    case "or" -> BooleanClause.Occur.SHOULD;
                    default -> throw new IllegalArgumentException("query DSL match: unknown operator " + operator);
                };
                yield fields.match(fv.field(), text(name, fv.value()), occur);
            }
            case "match_phrase" -> {
                FieldValue fv = fieldValue(name, body, "query");
                yield fields.matchPhrase(fv.field(), text(name, fv.value()), fv.options().path("slop").asInt(0));
            }
            case "query_string" -> queryString(body);
            case "range" -> range(body);
            case "exists" -> {
                JsonNode field = body.path("field");
                if (!field.isString()) {
                    throw new IllegalArgumentException("query DSL exists: needs a \"field\"");
                }
                yield fields.exists(field.stringValue());
            }
            case "prefix" -> {
                FieldValue fv = fieldValue(name, body, "value");
                yield fields.prefix(fv.field(), text(name, fv.value()));
            }
            case "wildcard" -> {
                FieldValue fv = fieldValue(name, body, "value");
                yield fields.wildcard(fv.field(), text(name, fv.value()));
            }
            case "ids" -> {
                JsonNode values = body.path("values");
                if (!values.isArray()) {
                    throw new IllegalArgumentException("query DSL ids: needs a \"values\" array");
                }
                yield fields.terms(FieldQueries.ID_FIELD, strings(name, values));
            }
            default -> throw new IllegalArgumentException("unsupported query DSL clause: " + name
                    + " (supported: " + String.join(", ", new java.util.TreeSet<>(SUPPORTED)) + ")");
        };
    }

    private Query bool(JsonNode body) {
        if (!body.isObject()) {
            throw new IllegalArgumentException("query DSL bool: expected an object");
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        int should = 0;
        boolean positive = false;
        JsonNode minimumShouldMatch = null;
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            BooleanClause.Occur occur = switch (entry.getKey()) {
                case "must" -> BooleanClause.Occur.MUST;
                case "filter" -> BooleanClause.Occur.FILTER;
                case "should" -> BooleanClause.Occur.SHOULD;
                case "must_not" -> BooleanClause.Occur.MUST_NOT;
                case "minimum_should_match" -> {
                    minimumShouldMatch = entry.getValue();
                    yield null;
                }
                case "boost" -> null;
                default -> throw new IllegalArgumentException("unsupported query DSL bool parameter: " + entry.getKey());
            };
            if (occur == null) {
                continue;
            }
            List<JsonNode> clauses = new ArrayList<>();
            if (entry.getValue().isArray()) {
                entry.getValue().values().forEach(clauses::add);
            } else {
                clauses.add(entry.getValue());
            }
            for (JsonNode clause : clauses) {
                builder.add(parse(clause), occur);
                if (occur == BooleanClause.Occur.SHOULD) {
                    should++;
                }
                if (occur == BooleanClause.Occur.MUST || occur == BooleanClause.Occur.FILTER) {
                    positive = true;
                }
            }
        }
        if (minimumShouldMatch != null) {
            builder.setMinimumNumberShouldMatch(minimumShouldMatch(minimumShouldMatch, should));
        } else if (should > 0 && positive) {
            builder.setMinimumNumberShouldMatch(0);
        }
        if (!positive && should == 0) {
            builder.add(MatchAllDocsQuery.INSTANCE, BooleanClause.Occur.FILTER);
        }
        return builder.build();
    }

    private static int minimumShouldMatch(JsonNode value, int should) {
        String text = value.asString().trim();
        try {
            int result;
            if (text.endsWith("%")) {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1));
                result = percent >= 0 ? should * percent / 100 : should - should * -percent / 100;
            } else {
                int count = Integer.parseInt(text);
                result = count >= 0 ? count : should + count;
            }
            return Math.max(0, Math.min(result, should));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("query DSL bool: unsupported minimum_should_match " + value, e);
        }
    }

    private Query terms(JsonNode body) {
        String field = null;
        JsonNode values = null;
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            if (entry.getKey().equals("boost")) {
                continue;
            }
            if (field != null) {
                throw new IllegalArgumentException("query DSL terms: expected one field, got " + body);
            }
            field = entry.getKey();
            values = entry.getValue();
        }
        if (field == null || !values.isArray()) {
            throw new IllegalArgumentException("query DSL terms: expected {\"field\": [values]}, got " + body);
        }
        return fields.terms(field, strings("terms", values));
    }

    private Query queryString(JsonNode body) {
        JsonNode query = body.path("query");
        if (!query.isString()) {
            throw new IllegalArgumentException("query DSL query_string: needs a \"query\" string");
        }
        for (String parameter : body.propertyNames()) {
            if (!Set.of("query", "default_operator", "default_field", "analyze_wildcard", "boost")
                    .contains(parameter)) {
                throw new IllegalArgumentException("unsupported query DSL query_string parameter: " + parameter);
            }
        }
        String defaultField = body.path("default_field").asString("*");
        if (!defaultField.equals("*")) {
            throw new IllegalArgumentException("query DSL query_string: only default_field \"*\" is supported");
        }
        String operator = body.path("default_operator").asString("or").toLowerCase(java.util.Locale.ROOT);
        return QueryStringParser.parse(query.stringValue(), fields, switch (operator) {
            case "and" -> QueryParser.Operator.AND;
            case "or" -> QueryParser.Operator.OR;
            default -> throw new IllegalArgumentException("query DSL query_string: unknown default_operator " + operator);
        });
    }

    private Query range(JsonNode body) {
        FieldValue fv = fieldValue("range", body, null);
        String lower = null;
        String upper = null;
        boolean includeLower = true;
        boolean includeUpper = true;
        for (Map.Entry<String, JsonNode> entry : fv.options().properties()) {
            String value = entry.getValue().isNull() ? null : entry.getValue().asString();
            switch (entry.getKey()) {
                case "gte" -> lower = value;
                case "gt" -> {
                    lower = value;
                    includeLower = false;
                }
                case "lte" -> upper = value;
                case "lt" -> {
                    upper = value;
                    includeUpper = false;
                }
                case "format", "boost" -> {
                }
                default -> throw new IllegalArgumentException("unsupported query DSL range parameter: " + entry.getKey());
            }
        }
        return fields.range(fv.field(), lower, upper, includeLower, includeUpper, false);
    }

    /** {@code {"field": value}} or {@code {"field": {"<key>": value, ...options}}}. */
    private record FieldValue(String field, JsonNode value, JsonNode options) {
    }

    private static FieldValue fieldValue(String clause, JsonNode body, String key) {
        if (!body.isObject() || body.size() != 1) {
            throw new IllegalArgumentException("query DSL " + clause + ": expected {\"<field>\": ...}, got " + body);
        }
        Map.Entry<String, JsonNode> entry = body.properties().iterator().next();
        JsonNode value = entry.getValue();
        if (value.isObject()) {
            if (key != null && !value.has(key)) {
                throw new IllegalArgumentException("query DSL " + clause + ": needs \"" + key + "\" for field "
                        + entry.getKey());
            }
            return new FieldValue(entry.getKey(), key == null ? value : value.get(key), value);
        }
        if (key == null) {
            throw new IllegalArgumentException("query DSL " + clause + ": expected an object for field " + entry.getKey());
        }
        return new FieldValue(entry.getKey(), value, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    private static String text(String clause, JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            return value.asString();
        }
        throw new IllegalArgumentException("query DSL " + clause + ": expected a value, got " + value);
    }

    private static List<String> strings(String clause, JsonNode values) {
        List<String> result = new ArrayList<>();
        for (JsonNode value : values.values()) {
            result.add(text(clause, value));
        }
        return result;
    }
}
