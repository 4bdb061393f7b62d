package org.timesmith.store.lucene;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.timesmith.core.event.Event;
import org.timesmith.core.store.EventStore;

/**
 * Builds the Lucene query for a source field name, whatever kinds of values the field holds in the
 * searched indices (text with its keyword, long, double, the special {@code timestamp},
 * {@code datetime}, {@code tag}, {@code _id}). A field holding several kinds gets the union, a field
 * no event has matches nothing — as OpenSearch answers for an unmapped field.
 */
final class FieldQueries {

    static final String ID_FIELD = "_id";

    private final Set<String> luceneFields;
    private final FieldAnalyzer analyzer;
    private final Set<String> textFields = new TreeSet<>();
    private final Set<String> longFields = new TreeSet<>();
    private final Set<String> doubleFields = new TreeSet<>();

    FieldQueries(Set<String> luceneFields, FieldAnalyzer analyzer) {
        this.luceneFields = luceneFields;
        this.analyzer = analyzer;
        for (String name : luceneFields) {
            if (name.endsWith(IndexLayout.LONG_SUFFIX)) {
                longFields.add(stripSuffix(name, IndexLayout.LONG_SUFFIX));
            } else if (name.endsWith(IndexLayout.DOUBLE_SUFFIX)) {
                doubleFields.add(stripSuffix(name, IndexLayout.DOUBLE_SUFFIX));
            } else if (name.indexOf('#') < 0 && !name.endsWith(IndexLayout.KEYWORD_SUFFIX)
                    && !name.equals(Event.TIMESTAMP) && !name.startsWith(Event.LABEL + ".")) {
                textFields.add(name);
            }
        }
    }

    private static String stripSuffix(String name, String suffix) {
        return name.substring(0, name.length() - suffix.length());
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /**
     * The fields an unfielded term searches: every text field and {@code tag} (nested labels are
     * not reachable without a nested query in OpenSearch, so they are left out here too).
     */
    List<String> defaultFields() {
        List<String> fields = new ArrayList<>(textFields);
        fields.remove(Event.TAG);
        if (luceneFields.contains(Event.TAG)) {
            fields.add(Event.TAG);
        }
        return fields;
    }

    /** Numeric fields an unfielded number also matches exactly. */
    List<String> defaultNumericFields() {
        List<String> fields = new ArrayList<>(longFields);
        fields.addAll(doubleFields);
        if (luceneFields.contains(Event.TIMESTAMP)) {
            fields.add(Event.TIMESTAMP);
        }
        return fields;
    }

    boolean isTextOrKeyword(String field) {
        return IndexLayout.isKeywordField(field) || textFields.contains(field);
    }

    boolean isNumeric(String field) {
        return field.equals(Event.TIMESTAMP) || longFields.contains(field) || doubleFields.contains(field);
    }

    /**
     * Events that have the field (for an object: any field below it): values with doc values
     * (keywords, numbers, tags, labels, the timestamp) are found through those, the others
     * (long strings, the message, dates) through their term in the field-names field.
     */
    Query exists(String field) {
        if (field.endsWith(IndexLayout.KEYWORD_SUFFIX)) {
            return new FieldExistsQuery(field);
        }
        if (field.equals(ID_FIELD)) {
            return new FieldExistsQuery(IndexLayout.ID);
        }
        List<Query> any = new ArrayList<>();
        any.add(new TermQuery(new Term(IndexLayout.FIELD_NAMES, field)));
        any.add(new PrefixQuery(new Term(IndexLayout.FIELD_NAMES, field + ".")));
        for (String name : luceneFields) {
            String path = IndexLayout.sourcePathOf(name).orElse("");
            if (IndexLayout.hasDocValues(name) && (path.equals(field) || path.startsWith(field + "."))) {
                any.add(new FieldExistsQuery(name));
            }
        }
        return or(any);
    }

    /**
     * Exact numeric or date equality for the numeric kinds of the field; empty when the field holds
     * no numbers or the text is not a number.
     */
    List<Query> numericExact(String field, String text) {
        List<Query> queries = new ArrayList<>();
        if (field.equals(Event.TIMESTAMP)) {
            parseLong(text).ifPresent(v -> queries.add(LongPoint.newExactQuery(Event.TIMESTAMP, v)));
        } else if (field.equals(Event.DATETIME)) {
            IndexLayout.parseDateMillis(text).ifPresent(
                    v -> queries.add(LongPoint.newExactQuery(IndexLayout.DATETIME_MILLIS, v)));
        }
        if (longFields.contains(field)) {
            parseLong(text).ifPresent(v -> queries.add(LongField.newExactQuery(field + IndexLayout.LONG_SUFFIX, v)));
        }
        if (doubleFields.contains(field)) {
            parseDouble(text).ifPresent(v -> queries.add(
                    DoubleField.newExactQuery(field + IndexLayout.DOUBLE_SUFFIX, v)));
        }
        return queries;
    }

    /** The {@code term} query: no analysis; on text fields that is the raw indexed token. */
    Query term(String field, String value) {
        if (field.equals(ID_FIELD)) {
            return new TermQuery(new Term(IndexLayout.ID, value));
        }
        List<Query> queries = numericExact(field, value);
        if (isTextOrKeyword(field)) {
            queries.add(new TermQuery(new Term(field, value)));
        }
        return or(queries);
    }

    Query terms(String field, Collection<String> values) {
        if (field.equals(ID_FIELD)) {
            return new TermInSetQuery(IndexLayout.ID, values.stream().map(BytesRef::new).toList());
        }
        if (isNumeric(field) || !isTextOrKeyword(field)) {
            return or(values.stream().map(v -> term(field, v)).toList());
        }
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    /** Exactly this value: the keyword of a text field, the value of a keyword or number field. */
    Query exactValue(String field, String value) {
        if (IndexLayout.isKeywordField(field) || field.equals(ID_FIELD)) {
            return term(field, value);
        }
        List<Query> queries = numericExact(field, value);
        if (textFields.contains(field)) {
            queries.add(new TermQuery(new Term(field + IndexLayout.KEYWORD_SUFFIX, value)));
        }
        return or(queries);
    }

    /**
     * A term filter (a term chip): the exact value, except where the value has no keyword (the
     * message, values over 256 characters), where the value as a phrase of the text finds its events.
     */
    Query termFilter(String field, String value) {
        boolean hasKeyword = value.length() <= EventStore.KEYWORD_MAX_CHARS
                && !IndexLayout.TEXT_ONLY_FIELDS.contains(field);
        return textFields.contains(field) && !hasKeyword ? matchPhrase(field, value, 0) : exactValue(field, value);
    }

    /** Analysed match: the tokens of {@code text} combined with {@code occur}. */
    Query match(String field, String text, BooleanClause.Occur occur) {
        List<Query> queries = numericExact(field, text);
        if (isTextOrKeyword(field)) {
            Query analysed = new QueryBuilder(analyzer).createBooleanQuery(field, text, occur);
            if (analysed != null) {
                queries.add(analysed);
            }
        }
        return or(queries);
    }

    Query matchPhrase(String field, String text, int slop) {
        List<Query> queries = numericExact(field, text);
        if (isTextOrKeyword(field)) {
            Query phrase = new QueryBuilder(analyzer).createPhraseQuery(field, text, slop);
            if (phrase != null) {
                queries.add(phrase);
            }
        }
        return or(queries);
    }

    /**
     * A range; {@code null} bounds are open. Numbers and dates compare as numbers, text and
     * keywords as terms ({@code analyse} normalises text bounds as the query parser does).
     */
    Query range(String field, String lower, String upper, boolean includeLower, boolean includeUpper,
                boolean analyse) {
        List<Query> queries = new ArrayList<>();
        if (field.equals(Event.TIMESTAMP)) {
            queries.add(longRange(Event.TIMESTAMP, lower, upper, includeLower, includeUpper, true,
                    FieldQueries::parseLongBound));
        } else if (field.equals(Event.DATETIME)) {
            queries.add(longRange(IndexLayout.DATETIME_MILLIS, lower, upper, includeLower, includeUpper, true,
                    text -> {
                        OptionalLong millis = IndexLayout.parseDateMillis(text);
                        if (millis.isEmpty()) {
                            throw new IllegalArgumentException("field datetime: not a date: '" + text + "'");
                        }
                        return millis.getAsLong();
                    }));
        }
        if (longFields.contains(field)) {
            queries.add(longRange(field + IndexLayout.LONG_SUFFIX, lower, upper, includeLower, includeUpper, false,
                    FieldQueries::parseLongBound));
        }
        if (doubleFields.contains(field)) {
            double low = lower == null ? Double.NEGATIVE_INFINITY : parseDoubleBound(lower);
            double high = upper == null ? Double.POSITIVE_INFINITY : parseDoubleBound(upper);
            if (!includeLower && lower != null) {
                low = Math.nextUp(low);
            }
            if (!includeUpper && upper != null) {
                high = Math.nextDown(high);
            }
            queries.add(DoubleField.newRangeQuery(field + IndexLayout.DOUBLE_SUFFIX, low, high));
        }
        if (isTextOrKeyword(field)) {
            String low = lower == null || !analyse ? lower : analyzer.normalize(field, lower).utf8ToString();
            String high = upper == null || !analyse ? upper : analyzer.normalize(field, upper).utf8ToString();
            queries.add(TermRangeQuery.newStringRange(field, low, high, includeLower, includeUpper));
        }
        return or(queries);
    }

    private static Query longRange(String luceneField, String lower, String upper, boolean includeLower,
                                   boolean includeUpper, boolean point, Function<String, Long> parse) {
        long low = Long.MIN_VALUE;
        long high = Long.MAX_VALUE;
        if (lower != null) {
            low = parse.apply(lower);
            if (!includeLower) {
                if (low == Long.MAX_VALUE) {
                    return new MatchNoDocsQuery("empty range");
                }
                low++;
            }
        }
        if (upper != null) {
            high = parse.apply(upper);
            if (!includeUpper) {
                if (high == Long.MIN_VALUE) {
                    return new MatchNoDocsQuery("empty range");
                }
                high--;
            }
        }
        if (luceneField.equals(Event.TIMESTAMP)) {
            return IndexLayout.timeRange(low, high);
        }
        return point ? LongPoint.newRangeQuery(luceneField, low, high)
                : LongField.newRangeQuery(luceneField, low, high);
    }

    /** Prefix of the raw term (DSL {@code prefix}; the query parser normalises before calling). */
    Query prefix(String field, String prefix) {
        if (field.equals(ID_FIELD)) {
            return new PrefixQuery(new Term(IndexLayout.ID, prefix));
        }
        return isTextOrKeyword(field) ? new PrefixQuery(new Term(field, prefix)) : MatchNoDocsQuery.INSTANCE;
    }

    Query wildcard(String field, String pattern) {
        if (field.equals(ID_FIELD)) {
            return new WildcardQuery(new Term(IndexLayout.ID, pattern));
        }
        return isTextOrKeyword(field) ? new WildcardQuery(new Term(field, pattern)) : MatchNoDocsQuery.INSTANCE;
    }

    static Query or(List<Query> queries) {
        if (queries.isEmpty()) {
            return new MatchNoDocsQuery("no such field or value");
        }
        if (queries.size() == 1) {
            return queries.getFirst();
        }
        // a disjunction, not a boolean query: the classic parser re-applies the default operator to
        // the clauses of a boolean query it gets back for a multi-word text
        return new DisjunctionMaxQuery(queries, 0f);
    }

    private static OptionalLong parseLong(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static java.util.OptionalDouble parseDouble(String text) {
        try {
            return java.util.OptionalDouble.of(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    private static long parseLongBound(String text) {
        OptionalLong value = parseLong(text);
        if (value.isPresent()) {
            return value.getAsLong();
        }
        return (long) parseDoubleBound(text);
    }

    private static double parseDoubleBound(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "'", e);
        }
    }
}
