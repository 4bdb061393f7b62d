package org.timesmith.core.normalize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.timesmith.core.event.Event;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;
import org.timesmith.core.time.TimeParser;
import org.timesmith.core.time.UnparseableTimeException;
import org.timesmith.core.time.UtcMicros;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns reader records into stored events following Timesketch's CSV/JSONL rules (API doc §12),
 * and better where they lose data. Steps, in order, for each record:
 * <ol>
 *   <li><b>Names.</b> {@code headersMapping} renames fields first. Then every top-level name is
 *       cleaned: surrounding whitespace and byte-order marks are removed; a name left empty becomes
 *       {@code column_<n>} (n = the field's 1-based position in the record); a name starting with
 *       {@code _} gets the prefix {@code field_} ({@code _id} → {@code field__id}, {@code _index},
 *       {@code _source}, {@code _type} likewise, and {@code __ts_timeline_id} →
 *       {@code field___ts_timeline_id}, because {@code __ts_*} is Timesmith's own namespace, set here
 *       and never taken from input). Timesketch drops these fields; Timesmith keeps their values
 *       under the safe name. Dots that would make an empty path segment ({@code .a}, {@code a.},
 *       {@code a..b}), which OpenSearch refuses, become {@code _}. Cleaning is this documented rule,
 *       not a per-record report. Two names
 *       that clean to the same name keep both values: the later one gets the suffix
 *       {@code _<position>}. A mapping whose target is already a field of the record rejects the
 *       record, because one of the two values would be lost.</li>
 *   <li><b>Limits.</b> A string longer than {@code maxValueChars} (nested strings too, named by their
 *       dotted path) rejects the record with its size; so do more than {@code maxFields} fields,
 *       counting nested leaves as dotted paths (Timesketch fails a whole import silently at its
 *       mapping limit of 1000; this names the record and the count).</li>
 *   <li><b>{@code message}</b> (absent, null or blank counts as missing): built from the message
 *       format string ({@link PythonFormat}) over the cleaned fields when one is configured.</li>
 *   <li><b>{@code timestamp_desc}</b> (absent, null or blank is missing) takes the configured
 *       default.</li>
 *   <li><b>Time.</b> A record needs {@code datetime} or {@code timestamp} (blank counts as
 *       missing). {@code datetime}, when present, is authoritative, as in Timesketch's CSV path:
 *       {@code timestamp} is recomputed from it. Otherwise {@code timestamp} is the source. Both
 *       go through {@link TimeParser} (numbers by magnitude, ISO-8601, RFC 1123, zone names, naive
 *       values in {@code defaultZone}) and are stored as {@code timestamp} = long µs since the epoch
 *       UTC and {@code datetime} = {@link UtcMicros#format} ({@code 2021-03-04T05:06:07.123456+00:00},
 *       always six fractional digits). Microseconds are kept exactly, where Timesketch's JSONL path
 *       truncates to seconds (issue 3173); years 1–9999 are valid, where Timesketch drops years
 *       before 1700. An unparseable value rejects the record naming the field and quoting it.</li>
 *   <li><b>{@code tag}</b> becomes a list of strings ({@link Tags}); a well-formed
 *       {@code timesketch_label} (a list, or JSON text of a list, of objects with a non-blank
 *       {@code name}) is kept as a list; a malformed one is kept under
 *       {@code field_timesketch_label} so that it can neither break label queries nor be lost.</li>
 *   <li>{@code __ts_timeline_id} = the timeline id; the event id is
 *       {@link EventIds#of}(data source, record number).</li>
 * </ol>
 * Missing required fields are reported together ("missing required field(s): message,
 * timestamp_desc"). Values keep their types. Immutable and thread-safe.
 */
public final class Normalizer {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String EITHER_TIME_FIELD = Event.DATETIME + " or " + Event.TIMESTAMP;
    private static final String MALFORMED_LABEL = FieldNames.RENAMED_PREFIX + Event.LABEL;

    private final NormalizerOptions options;
    private final String sourceName;
    private final TimeParser timeParser;
    private final Optional<PythonFormat> messageFormat;
    private final Optional<String> defaultTimestampDesc;
    private final Long timelineId;
    private final LongFunction<String> eventIds;

    /** A normaliser whose rejections name the input by the data source id. */
    public Normalizer(NormalizerOptions options) {
        this(options, options.dataSourceId());
    }

    /**
     * @param sourceName the input's name (e.g. the uploaded file name) used in rejections
     * @throws IllegalArgumentException for an invalid message format string or non-positive limits
     */
    public Normalizer(NormalizerOptions options, String sourceName) {
        if (options.maxValueChars() <= 0 || options.maxFields() <= 0) {
            throw new IllegalArgumentException("maxValueChars and maxFields must be positive, got "
                    + options.maxValueChars() + " and " + options.maxFields());
        }
        this.options = options;
        this.sourceName = sourceName;
        this.timeParser = new TimeParser(options.defaultZone());
        this.messageFormat = options.messageFormat().map(PythonFormat::compile);
        this.defaultTimestampDesc = options.timestampDescription().filter(desc -> !desc.isBlank());
        this.timelineId = options.timelineId();
        this.eventIds = EventIds.forDataSource(options.dataSourceId());
    }

    public NormalizerOptions options() {
        return options;
    }

    public Normalized normalize(SourceRecord record) {
        Map<String, Object> input = record.fields();
        Map<String, String> mapping = options.headersMapping();
        Map<String, Object> source = new LinkedHashMap<>((int) ((input.size() + 6) / 0.75f) + 1);
        int maxChars = options.maxValueChars();
        int leaves = 0;
        Set<String> nestedPaths = null;
        int position = 0;
        for (Map.Entry<String, Object> field : input.entrySet()) {
            position++;
            String name = field.getKey();
            String mapped = mapping.isEmpty() ? null : mapping.get(name);
            name = FieldNames.clean(mapped != null ? mapped : name, position);
            if (source.containsKey(name)) {
                if (mapped != null || mapping.containsValue(name)) {
                    return reject(record, name, "headersMapping maps a field to '" + name
                            + "' but the record already has a field of that name");
                }
                String base = name;
                for (int suffix = position; source.containsKey(name); suffix++) {
                    name = base + "_" + suffix;
                }
            }
            Object value = field.getValue();
            if (value instanceof String text) {
                if (text.length() > maxChars) {
                    return tooLong(record, name, text.length());
                }
                leaves++;
            } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
                if (nestedPaths == null) {
                    nestedPaths = new HashSet<>();
                }
                String tooLong = collectLeaves(name, value, nestedPaths, maxChars);
                if (tooLong != null) {
                    return tooLong(record, tooLong, longestAt(value, tooLong.substring(name.length())));
                }
            } else {
                leaves++;
            }
            source.put(name, value);
        }
        int inputFields = source.size();

        List<String> missing = new ArrayList<>(3);
        if (isBlank(source.get(Event.MESSAGE))) {
            if (messageFormat.isPresent()) {
                try {
                    source.put(Event.MESSAGE, messageFormat.get().format(source));
                } catch (PythonFormat.ValueException e) {
                    return reject(record, e.field(), e.getMessage());
                }
            } else {
                missing.add(Event.MESSAGE);
            }
        }
        if (isBlank(source.get(Event.TIMESTAMP_DESC))) {
            if (defaultTimestampDesc.isPresent()) {
                source.put(Event.TIMESTAMP_DESC, defaultTimestampDesc.get());
            } else {
                missing.add(Event.TIMESTAMP_DESC);
            }
        }
        Object datetime = source.get(Event.DATETIME);
        Object timestamp = source.get(Event.TIMESTAMP);
        boolean hasDatetime = !isBlank(datetime);
        if (!hasDatetime && isBlank(timestamp)) {
            missing.add(EITHER_TIME_FIELD);
        }
        if (!missing.isEmpty()) {
            String first = missing.getFirst();
            return reject(record, first.equals(EITHER_TIME_FIELD) ? Event.DATETIME : first,
                    "missing required field(s): " + String.join(", ", missing));
        }
        String timeField = hasDatetime ? Event.DATETIME : Event.TIMESTAMP;
        long micros;
        try {
            micros = timeParser.parse(hasDatetime ? datetime : timestamp);
        } catch (UnparseableTimeException e) {
            return reject(record, timeField, e.getMessage());
        }
        source.put(Event.TIMESTAMP, micros);
        source.put(Event.DATETIME, UtcMicros.format(micros));

        Object tag = source.get(Event.TAG);
        if (tag != null) {
            source.put(Event.TAG, Tags.normalise(tag));
        }
        Object label = source.get(Event.LABEL);
        if (label != null) {
            List<?> labels = wellFormedLabels(label);
            if (labels != null) {
                source.put(Event.LABEL, labels);
            } else {
                source.remove(Event.LABEL);
                source.put(source.containsKey(MALFORMED_LABEL) ? MALFORMED_LABEL + "_" + (position + 1)
                        : MALFORMED_LABEL, label);
            }
        }
        source.put(Event.TIMELINE_ID, timelineId);

        int fields = leaves + (nestedPaths == null ? 0 : nestedPaths.size()) + (source.size() - inputFields);
        if (fields > options.maxFields()) {
            return reject(record, null, "the record has " + fields + " fields (nested fields counted by "
                    + "dotted path), more than the limit of " + options.maxFields());
        }
        return new Normalized.Accepted(new Event(eventIds.apply(record.recordNumber()), source));
    }

    private Normalized reject(SourceRecord record, String field, String reason) {
        Rejection rejection = field == null
                ? Rejection.of(sourceName, record.recordNumber(), record.line(), reason)
                : Rejection.ofField(sourceName, record.recordNumber(), record.line(), field, reason);
        return new Normalized.Rejected(rejection);
    }

    private Normalized tooLong(SourceRecord record, String field, int length) {
        return reject(record, field, "value of " + length + " characters is longer than the limit of "
                + options.maxValueChars());
    }

    private static boolean isBlank(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }

    /**
     * Adds the dotted paths of the leaves under {@code value} (list elements share their list's
     * path, as in an OpenSearch mapping); returns the path of a string longer than
     * {@code maxChars}, or null.
     */
    private static String collectLeaves(String path, Object value, Set<String> paths, int maxChars) {
        switch (value) {
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String tooLong = collectLeaves(path + "." + entry.getKey(), entry.getValue(), paths, maxChars);
                    if (tooLong != null) {
                        return tooLong;
                    }
                }
            }
            case List<?> list -> {
                boolean scalar = list.isEmpty();
                for (Object element : list) {
                    if (element instanceof Map<?, ?> || element instanceof List<?>) {
                        String tooLong = collectLeaves(path, element, paths, maxChars);
                        if (tooLong != null) {
                            return tooLong;
                        }
                    } else {
                        scalar = true;
                        if (element instanceof String text && text.length() > maxChars) {
                            return path;
                        }
                    }
                }
                if (scalar) {
                    paths.add(path);
                }
            }
            case String text -> {
                if (text.length() > maxChars) {
                    return path;
                }
                paths.add(path);
            }
            case null, default -> paths.add(path);
        }
        return null;
    }

    /** Length of the longest string at a dotted path (relative, starting with '.' or empty). */
    private static int longestAt(Object value, String relativePath) {
        return switch (value) {
            case String text -> relativePath.isEmpty() ? text.length() : 0;
            case List<?> list -> {
                int longest = 0;
                for (Object element : list) {
                    longest = Math.max(longest, longestAt(element, relativePath));
                }
                yield longest;
            }
            case Map<?, ?> map -> {
                if (relativePath.isEmpty()) {
                    yield 0;
                }
                int longest = 0;
                String rest = relativePath.substring(1);
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    if (rest.equals(key) || rest.startsWith(key + ".")) {
                        longest = Math.max(longest, longestAt(entry.getValue(), rest.substring(key.length())));
                    }
                }
                yield longest;
            }
            case null, default -> 0;
        };
    }

    /** The labels as a list when well-formed (see the class comment), else null. */
    private static List<?> wellFormedLabels(Object label) {
        Object value = label;
        if (label instanceof String text && text.strip().startsWith("[")) {
            try {
                value = JSON.readValue(text, List.class);
            } catch (JacksonException notJson) {
                return null;
            }
        }
        if (!(value instanceof List<?> list)) {
            return null;
        }
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> map) || !(map.get("name") instanceof String name) || name.isBlank()) {
                return null;
            }
        }
        return list;
    }
}
