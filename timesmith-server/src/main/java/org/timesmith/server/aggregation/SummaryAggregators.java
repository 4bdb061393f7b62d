package org.timesmith.server.aggregation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Times;
import tools.jackson.databind.ObjectMapper;

/**
 * Timesketch's summary aggregators, {@code field_summary} and {@code datefield_summary}: the
 * statistics its "aggregate this value" dialog shows for one field and value. Their result is one
 * bucket row shaped like the OpenSearch aggregations Timesketch returns for them (so callers that
 * read {@code buckets[0].all_values.top_terms.buckets} keep working) and they draw no chart.
 */
public final class SummaryAggregators {

    /** The most distinct values counted per field; beyond it counts are marked {@code lower_bound}. */
    static final int MAX_DISTINCT = 65_536;
    static final int MAX_RARE_DOC_COUNT = 100;
    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;
    private static final List<Double> PERCENTS = List.of(1.0, 5.0, 25.0, 50.0, 75.0, 95.0, 99.0);

    private static final Aggregator.Field FIELD = new Aggregator.Field("field", "What field to aggregate on",
            "ts-dynamic-form-text-input", List.of(), "");
    private static final Aggregator.Field VALUE = new Aggregator.Field("field_query_string",
            "The value of the field to narrow the events down to (* for every value)", "ts-dynamic-form-text-input",
            List.of(), "*");

    private SummaryAggregators() {
    }

    /** {@code field:"value"}, or {@code _exists_:field} for {@code *}: the events a summary describes. */
    static String fieldQuery(AggregatorParameters parameters) {
        String field = escapeField(parameters.required("field"));
        String value = parameters.text("field_query_string").orElse("*");
        if (value.equals("*")) {
            return "_exists_:" + field;
        }
        return field + ":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String escapeField(String field) {
        StringBuilder escaped = new StringBuilder();
        for (char c : field.toCharArray()) {
            if ("+-=&|><!(){}[]^\"~*?:\\/ ".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** A summary describes the events with the field (and value) and is read, never drawn as a chart. */
    public sealed interface Summary extends Aggregator permits FieldSummary, DateFieldSummary {
        @Override
        default Optional<String> queryString(AggregatorParameters parameters) {
            return Optional.of(fieldQuery(parameters));
        }

        @Override
        default Optional<Map<String, Object>> chart(ObjectMapper json, String chartType,
                                                    List<Map<String, Object>> rows, AggregatorParameters parameters,
                                                    String title) {
            return Optional.empty();
        }
    }

    static Map<String, Object> value(Object value) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("value", value);
        return node;
    }

    /** An OpenSearch {@code min}/{@code max} on {@code datetime}: epoch milliseconds and the ISO text. */
    static Map<String, Object> dateValue(Optional<Long> micros) {
        Map<String, Object> node = value(micros.map(m -> Math.floorDiv(m, 1000L)).orElse(null));
        micros.ifPresent(m -> node.put("value_as_string", iso(m)));
        return node;
    }

    static String iso(long micros) {
        return Times.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS)) + "Z";
    }

    /**
     * Timesketch's {@code field_summary}: over the events with the field (and value), the first,
     * last and percentile times, how many values and distinct values; over every selected event
     * ({@code all_values}), the same counts with the most common and the rarest values.
     * Percentiles are interpolated in a histogram of at most 1,000 buckets (OpenSearch's are
     * estimates too).
     */
    public record FieldSummary() implements Summary {
        @Override
        public String name() {
            return "field_summary";
        }

        @Override
        public String displayName() {
            return "Field summary aggregations";
        }

        @Override
        public String description() {
            return "Summary/descriptive statistics for a user supplied field.";
        }

        @Override
        public List<Field> fields() {
            return List.of(FIELD, VALUE, START, END,
                    new Field("most_common_limit", "Number of most common values", "ts-dynamic-form-text-input",
                            List.of(), "10"),
                    new Field("rare_value_document_limit", "Maximum document counts for rare values",
                            "ts-dynamic-form-text-input", List.of(), "5"));
        }

        @Override
        public void validate(AggregatorParameters parameters) {
            parameters.required("field");
            parameters.positive("most_common_limit", 10, Aggregator.MAX_TERMS);
            parameters.positive("rare_value_document_limit", 5, MAX_RARE_DOC_COUNT);
        }

        @Override
        public List<Map<String, Object>> run(AggregationSource source, AggregatorParameters parameters) {
            String field = parameters.required("field");
            int common = parameters.positive("most_common_limit", 10, Aggregator.MAX_TERMS);
            int rare = parameters.positive("rare_value_document_limit", 5, MAX_RARE_DOC_COUNT);
            SearchRequest matches = source.matches();
            AggregationResult.Terms values = terms(source, matches, field);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("datetime_percentiles", percentiles(source, matches));
            row.put("datetime_min", dateValue(source.edge(matches, SortOrder.ASC)));
            row.put("datetime_max", dateValue(source.edge(matches, SortOrder.DESC)));
            row.put("value_cardinality", cardinality(values));
            row.put("value_count", value(valueCount(values)));
            row.put("all_values", allValues(source, field, common, rare));
            return List.of(row);
        }

        @Override
        public Axis axis(AggregatorParameters parameters) {
            return new Axis(parameters.required("field"), "nominal");
        }

        @Override
        public String title(AggregatorParameters parameters) {
            return "Summary aggregations for \"" + parameters.required("field") + "\"";
        }

        private static Map<String, Object> allValues(AggregationSource source, String field, int common, int rare) {
            SearchRequest all = source.selection();
            AggregationResult.Terms values = terms(source, all, field);
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("doc_count", source.count(all));
            node.put("datetime_min", dateValue(source.edge(all, SortOrder.ASC)));
            node.put("datetime_max", dateValue(source.edge(all, SortOrder.DESC)));
            node.put("field_cardinality", cardinality(values));
            node.put("field_count", value(valueCount(values)));
            List<AggregationResult.TermBucket> buckets = values.buckets();
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("doc_count_error_upper_bound", 0);
            top.put("sum_other_doc_count", valueCount(values) - buckets.stream().limit(common)
                    .mapToLong(AggregationResult.TermBucket::count).sum());
            top.put("buckets", buckets.stream().limit(common).map(SummaryAggregators::bucket).toList());
            node.put("top_terms", top);
            Map<String, Object> rareTerms = new LinkedHashMap<>();
            rareTerms.put("buckets", buckets.stream().filter(b -> b.count() <= rare)
                    .sorted(Comparator.comparingLong(AggregationResult.TermBucket::count)
                            .thenComparing(AggregationResult.TermBucket::key))
                    .map(SummaryAggregators::bucket).toList());
            if (values.otherCount() > 0) {
                rareTerms.put("incomplete", true);
            }
            node.put("rare_terms", rareTerms);
            return node;
        }

        private static Map<String, Object> percentiles(AggregationSource source, SearchRequest matches) {
            AggregationResult.DateHistogram histogram = (AggregationResult.DateHistogram) source.aggregate(matches,
                    new Aggregation.DateHistogram(Optional.empty(), 1_000));
            long total = histogram.buckets().stream().mapToLong(AggregationResult.TimeBucket::count).sum();
            Map<String, Object> values = new LinkedHashMap<>();
            for (double percent : PERCENTS) {
                String key = String.valueOf(percent);
                if (total == 0) {
                    values.put(key, null);
                    continue;
                }
                long micros = percentile(histogram, total, percent);
                values.put(key, Math.floorDiv(micros, 1000L));
                values.put(key + "_as_string", iso(micros));
            }
            return Map.of("values", values);
        }

        private static long percentile(AggregationResult.DateHistogram histogram, long total, double percent) {
            double rank = percent / 100.0 * total;
            long seen = 0;
            for (AggregationResult.TimeBucket bucket : histogram.buckets()) {
                if (bucket.count() > 0 && seen + bucket.count() >= rank) {
                    double within = (rank - seen) / bucket.count();
                    return bucket.startMicros() + (long) (within * histogram.intervalMicros());
                }
                seen += bucket.count();
            }
            AggregationResult.TimeBucket last = histogram.buckets().getLast();
            return last.startMicros() + histogram.intervalMicros();
        }
    }

    private static AggregationResult.Terms terms(AggregationSource source, SearchRequest request, String field) {
        return (AggregationResult.Terms) source.aggregate(request, new Aggregation.Terms(field, MAX_DISTINCT));
    }

    private static long valueCount(AggregationResult.Terms terms) {
        return terms.buckets().stream().mapToLong(AggregationResult.TermBucket::count).sum() + terms.otherCount();
    }

    private static Map<String, Object> cardinality(AggregationResult.Terms terms) {
        Map<String, Object> node = value(terms.buckets().size());
        if (terms.otherCount() > 0) {
            node.put("lower_bound", true);
        }
        return node;
    }

    private static Map<String, Object> bucket(AggregationResult.TermBucket bucket) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("key", bucket.key());
        node.put("doc_count", bucket.count());
        return node;
    }

    /**
     * Timesketch's {@code datefield_summary}: when the events with the field (and value) happen, as
     * counts per {@code year} (every year from the first to the last), {@code month} (1–12),
     * {@code day} of the week (0 Monday … 6 Sunday), {@code hour} (0–23) or {@code hour-day}
     * (day × 24 + hour, 0–167), in UTC. The row holds one {@code <interval>_histogram} like
     * Timesketch's, with every bucket present.
     */
    public record DateFieldSummary() implements Summary {
        private static final Map<String, String> HISTOGRAMS = new LinkedHashMap<>(Map.of("year", "year_histogram",
                "month", "month_histogram", "day", "day_histogram", "hour", "hour_histogram",
                "hour-day", "hour_of_week_histogram"));

        @Override
        public String name() {
            return "datefield_summary";
        }

        @Override
        public String displayName() {
            return "Date field summary aggregations";
        }

        @Override
        public String description() {
            return "Date field statistics for a user supplied field.";
        }

        @Override
        public List<Field> fields() {
            return List.of(FIELD, VALUE, START, END, new Field("date_interval", "Count the events per",
                    "ts-dynamic-form-select-input", List.of("year", "month", "day", "hour", "hour-day"), "year"));
        }

        static String interval(AggregatorParameters parameters) {
            String interval = parameters.text("date_interval").orElse("year").toLowerCase(Locale.ROOT);
            if (!HISTOGRAMS.containsKey(interval)) {
                throw ApiException.badRequest("date_interval must be one of year, month, day, hour or hour-day, not "
                        + interval + ".");
            }
            return interval;
        }

        @Override
        public void validate(AggregatorParameters parameters) {
            parameters.required("field");
            interval(parameters);
        }

        @Override
        public List<Map<String, Object>> run(AggregationSource source, AggregatorParameters parameters) {
            String interval = interval(parameters);
            boolean daily = interval.equals("year") || interval.equals("month");
            AggregationResult.DateHistogram histogram = (AggregationResult.DateHistogram) source.aggregate(
                    source.matches(), new Aggregation.DateHistogram(Optional.of(daily ? DAY : HOUR), Integer.MAX_VALUE));
            TreeMap<Integer, Long> counts = new TreeMap<>();
            for (AggregationResult.TimeBucket bucket : histogram.buckets()) {
                if (bucket.count() > 0) {
                    ZonedDateTime time = Instant.EPOCH.plus(bucket.startMicros(), ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
                    counts.merge(key(interval, time), bucket.count(), Long::sum);
                }
            }
            int first = switch (interval) {
                case "year" -> counts.isEmpty() ? 0 : counts.firstKey();
                case "month" -> 1;
                default -> 0;
            };
            int last = switch (interval) {
                case "year" -> counts.isEmpty() ? -1 : counts.lastKey();
                case "month" -> 12;
                case "day" -> 6;
                case "hour" -> 23;
                default -> 167;
            };
            List<Map<String, Object>> buckets = new ArrayList<>();
            for (int key = first; key <= last; key++) {
                Map<String, Object> bucket = new LinkedHashMap<>();
                bucket.put("key", key);
                bucket.put("doc_count", counts.getOrDefault(key, 0L));
                buckets.add(bucket);
            }
            return List.of(Map.of(HISTOGRAMS.get(interval), Map.of("buckets", buckets)));
        }

        private static int key(String interval, ZonedDateTime time) {
            int day = time.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
            return switch (interval) {
                case "year" -> time.getYear();
                case "month" -> time.getMonthValue();
                case "day" -> day;
                case "hour" -> time.getHour();
                default -> day * 24 + time.getHour();
            };
        }

        @Override
        public Axis axis(AggregatorParameters parameters) {
            return new Axis("key", "ordinal");
        }

        @Override
        public String title(AggregatorParameters parameters) {
            return "Date field summary aggregations for \"" + parameters.required("field") + "\"";
        }
    }
}
