package org.timesmith.server.aggregation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Times;
import org.timesmith.server.explore.ChipTimes;
import tools.jackson.databind.ObjectMapper;

/**
 * The aggregators of {@code aggregation/explore/} (§13.1), a closed set: each says which extra
 * query string narrows the matches, how it turns them into Timesketch's bucket rows, and how those
 * rows are charted. Most are one store aggregation ({@link Single}); the summaries of
 * {@link SummaryAggregators} ask the store several questions and {@link ManualVega} charts data it
 * is given.
 */
public sealed interface Aggregator permits Aggregator.Single, SummaryAggregators.Summary, ManualVega {

    /** A parameter as {@code aggregation/info/} and the sketch's {@code meta.aggregators} describe it. */
    record Field(String name, String description, String formType, List<String> options, String defaultValue) {
    }

    /** The column of the bucket rows on the chart's category axis and its Vega-Lite type. */
    record Axis(String field, String type) {
    }

    int MAX_TERMS = 10_000;
    Field START = new Field("start_time", "ISO formatted timestamp for the start of the time range (optional)",
            "ts-dynamic-form-datetime-input", List.of(), "");
    Field END = new Field("end_time", "ISO formatted timestamp for the end of the time range (optional)",
            "ts-dynamic-form-datetime-input", List.of(), "");
    Field CHARTS = new Field("supported_charts", "Chart type to render",
            "ts-dynamic-form-select-input", List.of("barchart", "hbarchart", "table", "circlechart", "linechart"),
            "table");

    String name();

    String displayName();

    String description();

    List<Field> fields();

    /** Whether {@code aggregation/info/} and the sketch's {@code meta.aggregators} list it. */
    default boolean listed() {
        return true;
    }

    /** A query string the matches must also satisfy. */
    default Optional<String> queryString(AggregatorParameters parameters) {
        return Optional.empty();
    }

    /** Checks the parameters before anything is asked of the store; throws a 400 for broken ones. */
    void validate(AggregatorParameters parameters);

    /** Timesketch's bucket rows of a run. */
    List<Map<String, Object>> run(AggregationSource source, AggregatorParameters parameters);

    /** The chart of a run's rows for {@code chartType}; empty for aggregators without one. */
    default Optional<Map<String, Object>> chart(ObjectMapper json, String chartType, List<Map<String, Object>> rows,
                                                AggregatorParameters parameters, String title) {
        return Optional.of(Charts.spec(json, chartType, rows, axis(parameters), title));
    }

    Axis axis(AggregatorParameters parameters);

    String title(AggregatorParameters parameters);

    /** The time range of {@code start_time} and {@code end_time}, when either is given. */
    default Optional<long[]> timeRange(AggregatorParameters parameters) {
        Optional<String> start = parameters.text("start_time");
        Optional<String> end = parameters.text("end_time");
        if (start.isEmpty() && end.isEmpty()) {
            return Optional.empty();
        }
        long from = start.map(ChipTimes::start).orElse(Long.MIN_VALUE);
        long to = end.map(ChipTimes::end).orElse(Long.MAX_VALUE);
        if (from > to) {
            throw ApiException.badRequest("end_time is before start_time.");
        }
        return Optional.of(new long[] {from, to});
    }

    /** An aggregator that is one store aggregation over the matches, turned into rows. */
    sealed interface Single extends Aggregator permits FieldBucket, QueryBucket, DateHistogram, TopTerms, RareTerms,
            CalendarDateHistogram {

        Aggregation aggregation(AggregatorParameters parameters);

        List<Map<String, Object>> rows(AggregationResult result, AggregatorParameters parameters);

        @Override
        default void validate(AggregatorParameters parameters) {
            aggregation(parameters);
        }

        @Override
        default List<Map<String, Object>> run(AggregationSource source, AggregatorParameters parameters) {
            return rows(source.aggregate(source.matches(), aggregation(parameters)), parameters);
        }
    }

    static List<Aggregator> all() {
        return List.of(new FieldBucket(), new QueryBucket(), new DateHistogram(), new TopTerms(), new RareTerms(),
                new CalendarDateHistogram(), new SummaryAggregators.FieldSummary(),
                new SummaryAggregators.DateFieldSummary(), new ManualVega());
    }

    /** The aggregators offered in lists; the rest are run by name only. */
    static List<Aggregator> listedOnes() {
        return all().stream().filter(Aggregator::listed).toList();
    }

    static Optional<Aggregator> named(String name) {
        return all().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static List<Map<String, Object>> termRows(AggregationResult result, String field) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (result instanceof AggregationResult.Terms terms) {
            for (AggregationResult.TermBucket bucket : terms.buckets()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(field, bucket.key());
                row.put("count", bucket.count());
                rows.add(row);
            }
        }
        return rows;
    }

    /** The most frequent values of one field ({@code field}, {@code limit}, optional time range). */
    record FieldBucket() implements Single {
        @Override
        public String name() {
            return "field_bucket";
        }

        @Override
        public String displayName() {
            return "Terms Aggregation";
        }

        @Override
        public String description() {
            return "Aggregating values of a particular field";
        }

        @Override
        public List<Field> fields() {
            return List.of(new Field("field", "What field to aggregate on", "ts-dynamic-form-text-input", List.of(), ""),
                    new Field("limit", "Number of results to return", "ts-dynamic-form-text-input", List.of(), "10"),
                    START, END, CHARTS);
        }

        @Override
        public Aggregation aggregation(AggregatorParameters parameters) {
            return new Aggregation.Terms(parameters.required("field"), parameters.positive("limit", 10, MAX_TERMS));
        }

        @Override
        public List<Map<String, Object>> rows(AggregationResult result, AggregatorParameters parameters) {
            return termRows(result, parameters.required("field"));
        }

        @Override
        public Axis axis(AggregatorParameters parameters) {
            return new Axis(parameters.required("field"), "nominal");
        }

        @Override
        public String title(AggregatorParameters parameters) {
            return "Top results for \"" + parameters.required("field") + "\"";
        }
    }

    /** The most frequent values of a field among the events matching {@code query_string}. */
    record QueryBucket() implements Single {
        @Override
        public String name() {
            return "query_bucket";
        }

        @Override
        public String displayName() {
            return "Filtered Terms Aggregation";
        }

        @Override
        public String description() {
            return "Aggregating values of a field after applying a filter query";
        }

        @Override
        public List<Field> fields() {
            return List.of(new Field("field", "What field to aggregate on", "ts-dynamic-form-text-input", List.of(), ""),
                    new Field("query_string", "The filter query", "ts-dynamic-form-text-input", List.of(), ""),
                    new Field("limit", "Number of results to return", "ts-dynamic-form-text-input", List.of(), "10"),
                    START, END, CHARTS);
        }

        @Override
        public Aggregation aggregation(AggregatorParameters parameters) {
            return new Aggregation.Terms(parameters.required("field"), parameters.positive("limit", 10, MAX_TERMS));
        }

        @Override
        public Optional<String> queryString(AggregatorParameters parameters) {
            return Optional.of(parameters.required("query_string"));
        }

        @Override
        public List<Map<String, Object>> rows(AggregationResult result, AggregatorParameters parameters) {
            return termRows(result, parameters.required("field"));
        }

        @Override
        public Axis axis(AggregatorParameters parameters) {
            return new Axis(parameters.required("field"), "nominal");
        }

        @Override
        public String title(AggregatorParameters parameters) {
            return "Top results for \"" + parameters.required("field") + "\" where "
                    + parameters.required("query_string");
        }
    }

    /** Events per time bucket ({@code interval} like {@code 1h}, or a round one chosen by the store). */
    record DateHistogram() implements Single {
        private static final int MAX_BUCKETS = 1_000;

        @Override
        public String name() {
            return "date_histogram";
        }

        @Override
        public String displayName() {
            return "Date Histogram Aggregation";
        }

        @Override
        public String description() {
            return "Counting events per time interval";
        }

        @Override
        public List<Field> fields() {
            return List.of(new Field("interval", "Bucket width: a number and s, m, h or d (empty: automatic)",
                            "ts-dynamic-form-text-input", List.of(), ""),
                    new Field("query_string", "A filter query (optional)", "ts-dynamic-form-text-input", List.of(), ""),
                    START, END, new Field("supported_charts", "Chart type to render", "ts-dynamic-form-select-input",
                            List.of("linechart", "barchart", "table"), "linechart"));
        }

        @Override
        public Aggregation aggregation(AggregatorParameters parameters) {
            Optional<Long> interval = parameters.text("interval").map(ChipTimes::duration);
            if (interval.isPresent() && interval.get() <= 0) {
                throw ApiException.badRequest("interval must be positive.");
            }
            return new Aggregation.DateHistogram(interval, MAX_BUCKETS);
        }

        @Override
        public Optional<String> queryString(AggregatorParameters parameters) {
            return parameters.text("query_string");
        }

        @Override
        public List<Map<String, Object>> rows(AggregationResult result, AggregatorParameters parameters) {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (result instanceof AggregationResult.DateHistogram histogram) {
                for (AggregationResult.TimeBucket bucket : histogram.buckets()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("datetime", Times.format(java.time.Instant.EPOCH.plus(bucket.startMicros(),
                            java.time.temporal.ChronoUnit.MICROS)));
                    row.put("count", bucket.count());
                    rows.add(row);
                }
            }
            return rows;
        }

        @Override
        public Axis axis(AggregatorParameters parameters) {
            return new Axis("datetime", "temporal");
        }

        @Override
        public String title(AggregatorParameters parameters) {
            return parameters.text("query_string").map(q -> "Events over time where " + q).orElse("Events over time");
        }
    }

    /** Timesketch's {@code top_terms}: the {@code limit} most frequent values of a field, with a time range. */
    record TopTerms() implements Single {
        @Override
        public String name() {
            return "top_terms";
        }

        @Override
        public String displayName() {
            return "Top terms";
        }

        @Override
        public String description() {
            return "The most frequent values of a field";
        }

        @Override
        public List<Field> fields() {
            return new FieldBucket().fields();
        }

        @Override
        public Aggregation aggregation(AggregatorParameters parameters) {
            return new FieldBucket().aggregation(parameters);
        }

        @Override
        public List<Map<String, Object>> rows(AggregationResult result, AggregatorParameters parameters) {
            return new FieldBucket().rows(result, parameters);
        }

        @Override
        public Axis axis(AggregatorParameters parameters) {
            return new FieldBucket().axis(parameters);
        }

        @Override
        public String title(AggregatorParameters parameters) {
            return "Top terms of \"" + parameters.required("field") + "\"";
        }
    }

    /**
     * Timesketch's {@code rare_terms}: the values of a field found in at most {@code max_doc_count}
     * events, rarest first. Counted among the field's {@value #MAX_TERMS} most frequent values; a
     * field with more distinct values is refused rather than answered incompletely.
     */
    record RareTerms() implements Single {
        @Override
        public String name() {
            return "rare_terms";
        }

        @Override
        public String displayName() {
            return "Rare terms";
        }

        @Override
        public String description() {
            return "The values of a field that occur in few events";
        }

        @Override
        public List<Field> fields() {
            return List.of(new Field("field", "What field to aggregate on", "ts-dynamic-form-text-input", List.of(), ""),
                    new Field("max_doc_count", "At most this many events per value", "ts-dynamic-form-text-input",
                            List.of(), "1"), START, END, CHARTS);
        }

        @Override
        public Aggregation aggregation(AggregatorParameters parameters) {
            parameters.positive("max_doc_count", 1, MAX_TERMS);
            return new Aggregation.Terms(parameters.required("field"), MAX_TERMS);
        }

        @Override
        public List<Map<String, Object>> rows(AggregationResult result, AggregatorParameters parameters) {
            String field = parameters.required("field");
            int max = parameters.positive("max_doc_count", 1, MAX_TERMS);
            if (result instanceof AggregationResult.Terms terms && terms.otherCount() > 0) {
                throw ApiException.badRequest("The field " + field + " has more than " + MAX_TERMS
                        + " distinct values; narrow the time range to find its rare terms.");
            }
            List<Map<String, Object>> rows = new ArrayList<>(termRows(result, field).stream()
                    .filter(row -> ((Number) row.get("count")).longValue() <= max).toList());
            rows.sort(java.util.Comparator.comparingLong((Map<String, Object> row) -> ((Number) row.get("count")).longValue())
                    .thenComparing(row -> String.valueOf(row.get(field))));
            return rows;
        }

        @Override
        public Axis axis(AggregatorParameters parameters) {
            return new FieldBucket().axis(parameters);
        }

        @Override
        public String title(AggregatorParameters parameters) {
            return "Rare terms of \"" + parameters.required("field") + "\"";
        }
    }

    /**
     * Timesketch's {@code calendar_date_histogram}: events per calendar {@code day}, {@code week}
     * (ISO, from Monday), {@code month}, {@code quarter} or {@code year} in UTC, summed from daily
     * buckets; empty periods between the first and the last are included with 0.
     */
    record CalendarDateHistogram() implements Single {
        private static final List<String> INTERVALS = List.of("day", "week", "month", "quarter", "year");

        @Override
        public String name() {
            return "calendar_date_histogram";
        }

        @Override
        public String displayName() {
            return "Calendar date histogram";
        }

        @Override
        public String description() {
            return "Counting events per calendar day, week, month, quarter or year";
        }

        @Override
        public List<Field> fields() {
            return List.of(new Field("calendar_interval", "Calendar period", "ts-dynamic-form-select-input",
                            INTERVALS, "day"),
                    new Field("query_string", "A filter query (optional)", "ts-dynamic-form-text-input", List.of(), ""),
                    START, END, new Field("supported_charts", "Chart type to render", "ts-dynamic-form-select-input",
                            List.of("barchart", "linechart", "table"), "barchart"));
        }

        private static String interval(AggregatorParameters parameters) {
            String interval = parameters.text("calendar_interval").orElse("day").toLowerCase(java.util.Locale.ROOT);
            if (!INTERVALS.contains(interval)) {
                throw ApiException.badRequest("calendar_interval must be one of " + String.join(", ", INTERVALS)
                        + ", not " + interval + ".");
            }
            return interval;
        }

        @Override
        public Aggregation aggregation(AggregatorParameters parameters) {
            interval(parameters);
            return new Aggregation.DateHistogram(Optional.of(86_400_000_000L), Integer.MAX_VALUE);
        }

        @Override
        public Optional<String> queryString(AggregatorParameters parameters) {
            return parameters.text("query_string");
        }

        @Override
        public List<Map<String, Object>> rows(AggregationResult result, AggregatorParameters parameters) {
            String interval = interval(parameters);
            Map<java.time.LocalDate, Long> periods = new java.util.TreeMap<>();
            if (result instanceof AggregationResult.DateHistogram histogram) {
                for (AggregationResult.TimeBucket bucket : histogram.buckets()) {
                    java.time.LocalDate day = java.time.LocalDate.ofInstant(java.time.Instant.EPOCH.plus(
                            bucket.startMicros(), java.time.temporal.ChronoUnit.MICROS), java.time.ZoneOffset.UTC);
                    periods.merge(periodStart(day, interval), bucket.count(), Long::sum);
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            periods.forEach((start, count) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("datetime", start.toString());
                row.put("count", count);
                rows.add(row);
            });
            return rows;
        }

        private static java.time.LocalDate periodStart(java.time.LocalDate day, String interval) {
            return switch (interval) {
                case "week" -> day.with(java.time.DayOfWeek.MONDAY);
                case "month" -> day.withDayOfMonth(1);
                case "quarter" -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
                case "year" -> day.withDayOfYear(1);
                default -> day;
            };
        }

        @Override
        public Axis axis(AggregatorParameters parameters) {
            return new Axis("datetime", "temporal");
        }

        @Override
        public String title(AggregatorParameters parameters) {
            return "Events per " + interval(parameters);
        }
    }
}
