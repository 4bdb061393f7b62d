package org.timesmith.store.lucene;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.SortOrder;

/**
 * How source fields map onto Lucene fields. Every Lucene field has exactly one schema (Lucene
 * enforces that), so each kind of value gets its own field name: string leaves are analysed text
 * under their dotted path and an exact keyword under {@code <path>.keyword} (like OpenSearch's
 * dynamic mapping); numbers live under {@code <path>#l} or {@code <path>#d}; internal fields start
 * with {@code #}, a character source field names practically never start with.
 */
final class IndexLayout {

    static final String ID = "#id";
    static final String SOURCE = "#source";
    static final String FIELD_NAMES = "#fields";
    /** One term per label: sketch id, unit separator, label name (labels are per sketch). */
    static final String LABEL = "#label";
    static final String LONG_SUFFIX = "#l";
    static final String DOUBLE_SUFFIX = "#d";
    static final String KEYWORD_SUFFIX = ".keyword";
    static final String DATETIME_MILLIS = Event.DATETIME + "#date";
    static final String LABEL_NAME = Event.LABEL + ".name";
    /** OpenSearch's dynamic mapping indexes no keyword for longer strings (ignore_above). */
    static final int KEYWORD_MAX_CHARS = 256;
    /** Fields of the Timesketch mapping that are keywords, not analysed text. */
    static final Set<String> KEYWORD_FIELDS = Set.of(Event.TAG, LABEL_NAME);

    private IndexLayout() {
    }

    static String labelTerm(long sketchId, String name) {
        return sketchId + "\u001f" + name;
    }

    static boolean isKeywordField(String field) {
        return field.endsWith(KEYWORD_SUFFIX) || KEYWORD_FIELDS.contains(field) || field.equals(ID);
    }

    /** Sorting is always by timestamp, ties broken by id ascending whatever the direction. */
    static Sort sort(SortOrder order) {
        return new Sort(new SortField(Event.TIMESTAMP, SortField.Type.LONG, order == SortOrder.DESC),
                new SortField(ID, SortField.Type.STRING));
    }

    /** Index order: time ascending, which makes time-sorted first pages cheap. */
    static Sort indexSort() {
        return sort(SortOrder.ASC);
    }

    /**
     * Epoch milliseconds of an ISO-8601 date or date-time (zone optional, UTC assumed) or of a
     * number of epoch milliseconds, as OpenSearch's default date format accepts them.
     */
    static OptionalLong parseDateMillis(String text) {
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
}
