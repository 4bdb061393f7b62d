package org.timesmith.store.lucene;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Lucene query syntax with OpenSearch's {@code query_string} semantics over the Timesketch mapping:
 * default operator AND, an unfielded term searched in every field ({@code *}), {@code _exists_:f}
 * and {@code f:*} as exists queries, numbers and dates compared as values, purely negative clauses
 * matching everything else. Not thread-safe: one parser per query.
 */
final class QueryStringParser extends QueryParser {

    private static final String ALL_FIELDS = "*";
    private static final String EXISTS = "_exists_";

    private final FieldQueries fields;

    private QueryStringParser(FieldQueries fields, Operator operator) {
        super(ALL_FIELDS, fields.analyzer());
        this.fields = fields;
        setDefaultOperator(operator);
        setAllowLeadingWildcard(true);
    }

    static Query parse(String queryString, FieldQueries fields) {
        return parse(queryString, fields, Operator.AND);
    }

    /** Blank and {@code *} match everything; a syntax error is an {@link IllegalArgumentException}. */
    static Query parse(String queryString, FieldQueries fields, Operator operator) {
        String trimmed = queryString.trim();
        if (trimmed.isEmpty() || trimmed.equals("*") || trimmed.equals("*:*")) {
            return MatchAllDocsQuery.INSTANCE;
        }
        checkNesting(trimmed);
        try {
            Query query = new QueryStringParser(fields, operator).parse(trimmed);
            return query == null ? MatchAllDocsQuery.INSTANCE : query;
        } catch (ParseException e) {
            // the query is echoed only in part: a 500 kB query would otherwise come back whole in the error
            String shown = queryString.length() > 200 ? queryString.substring(0, 200) + "…" : queryString;
            // Lucene's message repeats the whole query before the reason: keep only the reason.
            String reason = e.getMessage() == null ? "" : e.getMessage();
            String echo = "Cannot parse '" + trimmed + "': ";
            throw new IllegalArgumentException("invalid query string '" + shown + "': "
                    + abbreviate(reason.startsWith(echo) ? reason.substring(echo.length()) : reason), e);
        }
    }

    private static String abbreviate(String message) {
        return message == null || message.length() <= 500 ? message : message.substring(0, 500) + "…";
    }

    /** Deeper groups than this are refused: Lucene's recursive-descent parser would overflow the stack. */
    static final int MAX_NESTING = 100;

    /** Refuses parentheses nested deeper than {@link #MAX_NESTING} (outside quotes), before the parser recurses. */
    private static void checkNesting(String queryString) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < queryString.length(); i++) {
            char c = queryString.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                if (++depth > MAX_NESTING) {
                    throw new IllegalArgumentException("invalid query string: parentheses nested more than "
                            + MAX_NESTING + " deep");
                }
            } else if (!quoted && c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
    }

    @FunctionalInterface
    private interface PerField {
        Query build(String field) throws ParseException;
    }

    private Query anyField(List<String> candidates, PerField perField) throws ParseException {
        List<Query> queries = new ArrayList<>();
        for (String field : candidates) {
            Query query = perField.build(field);
            if (query != null) {
                queries.add(query);
            }
        }
        return FieldQueries.or(queries);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        if (field.equals(EXISTS)) {
            return fields.exists(queryText);
        }
        if (field.equals(ALL_FIELDS)) {
            List<Query> queries = new ArrayList<>();
            if (!quoted) {
                for (String numeric : fields.defaultNumericFields()) {
                    queries.addAll(fields.numericExact(numeric, queryText));
                }
            }
            for (String text : fields.defaultFields()) {
                Query query = super.getFieldQuery(text, queryText, quoted);
                if (query != null) {
                    queries.add(query);
                }
            }
            return FieldQueries.or(queries);
        }
        if (field.equals(FieldQueries.ID_FIELD)) {
            return fields.term(field, queryText);
        }
        List<Query> queries = fields.numericExact(field, queryText);
        if (fields.isNumeric(field) && queries.isEmpty() && !fields.isTextOrKeyword(field)) {
            throw new ParseException("field " + field + " holds numbers, '" + queryText + "' is not one");
        }
        if (fields.isTextOrKeyword(field)) {
            Query query = super.getFieldQuery(field, queryText, quoted);
            if (query != null) {
                queries.add(query);
            }
        }
        return FieldQueries.or(queries);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
        if (field.equals(ALL_FIELDS)) {
            return anyField(fields.defaultFields(), f -> super.getFieldQuery(f, queryText, slop));
        }
        return super.getFieldQuery(field, queryText, slop);
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                  boolean endInclusive) throws ParseException {
        String lower = part1 == null || part1.equals("*") ? null : part1;
        String upper = part2 == null || part2.equals("*") ? null : part2;
        try {
            if (field.equals(ALL_FIELDS)) {
                List<String> candidates = new ArrayList<>(fields.defaultNumericFields());
                candidates.addAll(fields.defaultFields());
                return anyField(candidates, f -> fields.range(f, lower, upper, startInclusive, endInclusive, true));
            }
            return fields.range(field, lower, upper, startInclusive, endInclusive, true);
        } catch (IllegalArgumentException e) {
            throw new ParseException("range on " + field + ": " + e.getMessage());
        }
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
        if (termStr.equals("*")) {
            return field.equals(ALL_FIELDS) ? MatchAllDocsQuery.INSTANCE : fields.exists(field);
        }
        if (field.equals(ALL_FIELDS)) {
            return anyField(fields.defaultFields(), f -> super.getWildcardQuery(f, termStr));
        }
        return fields.isTextOrKeyword(field) || field.equals(FieldQueries.ID_FIELD)
                ? super.getWildcardQuery(idOr(field), termStr) : FieldQueries.or(List.of());
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
        if (termStr.isEmpty()) {
            return field.equals(ALL_FIELDS) ? MatchAllDocsQuery.INSTANCE : fields.exists(field);
        }
        if (field.equals(ALL_FIELDS)) {
            return anyField(fields.defaultFields(), f -> super.getPrefixQuery(f, termStr));
        }
        return fields.isTextOrKeyword(field) || field.equals(FieldQueries.ID_FIELD)
                ? super.getPrefixQuery(idOr(field), termStr) : FieldQueries.or(List.of());
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
        if (field.equals(ALL_FIELDS)) {
            return anyField(fields.defaultFields(), f -> super.getRegexpQuery(f, termStr));
        }
        return fields.isTextOrKeyword(field) ? super.getRegexpQuery(field, termStr) : FieldQueries.or(List.of());
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
        if (field.equals(ALL_FIELDS)) {
            return anyField(fields.defaultFields(), f -> super.getFuzzyQuery(f, termStr, minSimilarity));
        }
        return fields.isTextOrKeyword(field) ? super.getFuzzyQuery(field, termStr, minSimilarity)
                : FieldQueries.or(List.of());
    }

    private static String idOr(String field) {
        return field.equals(FieldQueries.ID_FIELD) ? IndexLayout.ID : field;
    }

    /** A clause list of only negations means "everything except", as in OpenSearch. */
    @Override
    protected Query getBooleanQuery(List<BooleanClause> clauses) throws ParseException {
        Query query = super.getBooleanQuery(clauses);
        if (query instanceof BooleanQuery bool && !bool.clauses().isEmpty()
                && bool.clauses().stream().allMatch(c -> c.occur() == BooleanClause.Occur.MUST_NOT)) {
            BooleanQuery.Builder fixed = new BooleanQuery.Builder();
            fixed.add(MatchAllDocsQuery.INSTANCE, BooleanClause.Occur.MUST);
            bool.clauses().forEach(fixed::add);
            return fixed.build();
        }
        return query;
    }
}
