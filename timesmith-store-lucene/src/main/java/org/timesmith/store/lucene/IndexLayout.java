package org.timesmith.store.lucene;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.Query;
import org.timesmith.core.event.Event;

/**
 * How source fields map onto Lucene fields. Every Lucene field has exactly one schema (Lucene
 * enforces that), so each kind of value gets its own field name: string leaves are analysed text
 * under their dotted path and an exact keyword under {@code <path>.keyword} (like OpenSearch's
 * dynamic mapping); numbers live under {@code <path>#l} or {@code <path>#d}; internal fields start
 * with {@code #}, a character source field names practically never start with.
 */
final class IndexLayout {

    static final String ID = "#id";
    /** The id again as sorted doc values only: the tie-break of time-ordered results (see {@link OrderedHits}). */
    static final String ID_SORT = "#idsort";
    static final String SOURCE = "#source";
    static final String FIELD_NAMES = "#fields";
    /** One term per label: sketch id, unit separator, label name (labels are per sketch). */
    static final String LABEL = "#label";
    static final String LONG_SUFFIX = "#l";
    static final String DOUBLE_SUFFIX = "#d";
    static final String KEYWORD_SUFFIX = ".keyword";
    static final String DATETIME_MILLIS = Event.DATETIME + "#date";
    static final String LABEL_NAME = Event.LABEL + ".name";
    /** Fields of the Timesketch mapping that are keywords, not analysed text. */
    static final Set<String> KEYWORD_FIELDS = Set.of(Event.TAG, LABEL_NAME);
    /**
     * Fields the Timesketch mapping indexes as text only: the message is unique per event, and a
     * keyword of it would double the index work for no query anyone runs.
     */
    static final Set<String> TEXT_ONLY_FIELDS = Set.of(Event.MESSAGE);

    private IndexLayout() {
    }

    static String labelTerm(long sketchId, String name) {
        return sketchId + "\u001f" + name;
    }

    /** Whether every document with a value in this Lucene field has doc values for it. */
    static boolean hasDocValues(String luceneField) {
        return luceneField.endsWith(KEYWORD_SUFFIX) || luceneField.endsWith(LONG_SUFFIX)
                || luceneField.endsWith(DOUBLE_SUFFIX) || KEYWORD_FIELDS.contains(luceneField)
                || luceneField.equals(Event.TIMESTAMP);
    }

    /**
     * The dotted source path a Lucene field indexes, or empty for the store's own fields.
     */
    static Optional<String> sourcePathOf(String luceneField) {
        if (luceneField.startsWith("#")) {
            return Optional.empty();
        }
        if (luceneField.equals(DATETIME_MILLIS)) {
            return Optional.of(Event.DATETIME);
        }
        for (String suffix : new String[] {KEYWORD_SUFFIX, LONG_SUFFIX, DOUBLE_SUFFIX}) {
            if (luceneField.endsWith(suffix)) {
                return Optional.of(luceneField.substring(0, luceneField.length() - suffix.length()));
            }
        }
        return Optional.of(luceneField);
    }

    static boolean isKeywordField(String field) {
        return field.endsWith(KEYWORD_SUFFIX) || KEYWORD_FIELDS.contains(field) || field.equals(ID);
    }

    /**
     * Events with {@code lower <= timestamp <= upper}: through the timestamp points when the range
     * leads, checked in the timestamp doc values when a more selective clause leads (a search
     * string's few thousand matches need not make the range collect the million events it spans).
     */
    static Query timeRange(long lower, long upper) {
        return new IndexOrDocValuesQuery(LongPoint.newRangeQuery(Event.TIMESTAMP, lower, upper),
                NumericDocValuesField.newSlowRangeQuery(Event.TIMESTAMP, lower, upper));
    }

    /**
     * Epoch milliseconds of an ISO-8601 date or date-time (zone optional, UTC assumed) or of a
     * number of epoch milliseconds, as OpenSearch's default date format accepts them.
     */
    static OptionalLong parseDateMillis(String text) {
        long fast = parseIsoFast(text);
        if (fast != Long.MIN_VALUE) {
            return OptionalLong.of(fast);
        }
        String value = text.trim();
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (value.chars().allMatch(Character::isDigit) || value.startsWith("-") && value.length() > 1
                && value.substring(1).chars().allMatch(Character::isDigit)) {
            try {
                return OptionalLong.of(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value.replace(' ', 'T'),
                    OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return OptionalLong.of(odt.toInstant().toEpochMilli());
            }
            return OptionalLong.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException e) {
            try {
                return OptionalLong.of(java.time.LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC)
                        .toInstant().toEpochMilli());
            } catch (DateTimeParseException e2) {
                return OptionalLong.empty();
            }
        }
    }

    /**
     * The common shape {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:MM]} parsed by hand, because
     * every event carries a datetime and the general formatter costs a tenth of indexing time.
     * Returns {@code Long.MIN_VALUE} for anything else, which the general path then handles.
     */
    private static long parseIsoFast(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        int millis = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            if (i == start) {
                return Long.MIN_VALUE;
            }
            for (int digitsRead = i - start; digitsRead < 3; digitsRead++) {
                millis *= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < n) {
            char c = s.charAt(i);
            if (c == 'Z' && i + 1 == n) {
                i++;
            } else if ((c == '+' || c == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, 2);
                int om = digits(s, i + 4, 2);
                if (oh < 0 || om < 0) {
                    return Long.MIN_VALUE;
                }
                offsetSeconds = (c == '+' ? 1 : -1) * (oh * 3600 + om * 60);
                i = n;
            } else {
                return Long.MIN_VALUE;
            }
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return Long.MIN_VALUE;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        long seconds = days * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return seconds * 1_000 + millis;
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
