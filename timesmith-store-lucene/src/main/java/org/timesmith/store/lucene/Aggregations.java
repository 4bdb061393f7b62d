package org.timesmith.store.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.NumericUtils;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.HistogramIntervals;

/** Terms counts and date histograms computed from doc values over the matches of a query. */
final class Aggregations {

    /** Like OpenSearch's search.max_buckets: a histogram this wide is a mistake, not a chart. */
    static final int MAX_BUCKETS = 65_536;

    private Aggregations() {
    }

    /** Reads doc values of every matching document, one leaf at a time. */
    private interface LeafReading {
        /** Returns the per-document action for this leaf, or null when the leaf has nothing to read. */
        DocAction leaf(LeafReaderContext context) throws IOException;

        /** Called when a leaf is done (to fold per-leaf ordinals into global keys). */
        default void finishLeaf() throws IOException {
        }
    }

    @FunctionalInterface
    private interface DocAction {
        void collect(int doc) throws IOException;
    }

    /**
     * Runs the reading over the matches. The searchers used here have no executor, so the leaves
     * are visited one after another and the reading's state needs no synchronisation.
     */
    private static void read(IndexSearcher searcher, Query query, LeafReading reading) throws IOException {
        Collector collector = new Collector() {
            @Override
            public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                DocAction action = reading.leaf(context);
                return new LeafCollector() {
                    @Override
                    public void setScorer(Scorable scorer) {
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        if (action != null) {
                            action.collect(doc);
                        }
                    }

                    @Override
                    public void finish() throws IOException {
                        reading.finishLeaf();
                    }
                };
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        };
        searcher.search(query, new CollectorManager<Collector, Void>() {
            @Override
            public Collector newCollector() {
                return collector;
            }

            @Override
            public Void reduce(Collection<Collector> collectors) {
                return null;
            }
        });
    }

    static AggregationResult.Terms terms(IndexSearcher searcher, Query query, FieldQueries fields, String field,
                                         int size) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("terms aggregation size must be at least 1, got " + size);
        }
        List<String> keywordFields = new ArrayList<>();
        List<String> numericFields = new ArrayList<>();
        List<String> doubleFields = new ArrayList<>();
        if (IndexLayout.isKeywordField(field)) {
            keywordFields.add(field);
        } else if (field.equals(Event.TIMESTAMP)) {
            numericFields.add(Event.TIMESTAMP);
        } else {
            keywordFields.add(field + IndexLayout.KEYWORD_SUFFIX);
            numericFields.add(field + IndexLayout.LONG_SUFFIX);
            doubleFields.add(field + IndexLayout.DOUBLE_SUFFIX);
        }
        Map<String, Long> counts = new HashMap<>();
        for (String keywordField : keywordFields) {
            read(searcher, query, new LeafReading() {
                private SortedSetDocValues values;
                private long[] ordinalCounts;

                @Override
                public DocAction leaf(LeafReaderContext context) throws IOException {
                    values = DocValues.getSortedSet(context.reader(), keywordField);
                    ordinalCounts = new long[Math.toIntExact(values.getValueCount())];
                    if (ordinalCounts.length == 0) {
                        return null;
                    }
                    return doc -> {
                        if (values.advanceExact(doc)) {
                            for (int i = values.docValueCount(); i > 0; i--) {
                                ordinalCounts[(int) values.nextOrd()]++;
                            }
                        }
                    };
                }

                @Override
                public void finishLeaf() throws IOException {
                    for (int ord = 0; ord < ordinalCounts.length; ord++) {
                        if (ordinalCounts[ord] > 0) {
                            counts.merge(values.lookupOrd(ord).utf8ToString(), ordinalCounts[ord], Long::sum);
                        }
                    }
                }
            });
        }
        for (String numericField : numericFields) {
            countNumbers(searcher, query, numericField, counts, Long::toString);
        }
        for (String doubleField : doubleFields) {
            countNumbers(searcher, query, doubleField, counts,
                    v -> Double.toString(NumericUtils.sortableLongToDouble(v)));
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<AggregationResult.TermBucket> buckets = new ArrayList<>();
        long other = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < size) {
                buckets.add(new AggregationResult.TermBucket(sorted.get(i).getKey(), sorted.get(i).getValue()));
            } else {
                other += sorted.get(i).getValue();
            }
        }
        return new AggregationResult.Terms(buckets, other);
    }

    private static void countNumbers(IndexSearcher searcher, Query query, String field, Map<String, Long> counts,
                                     java.util.function.LongFunction<String> key) throws IOException {
        Map<Long, long[]> byValue = new HashMap<>();
        read(searcher, query, context -> {
            SortedNumericDocValues values = DocValues.getSortedNumeric(context.reader(), field);
            return doc -> {
                if (values.advanceExact(doc)) {
                    long previous = 0;
                    for (int i = 0; i < values.docValueCount(); i++) {
                        long value = values.nextValue();
                        if (i == 0 || value != previous) {
                            byValue.computeIfAbsent(value, v -> new long[1])[0]++;
                        }
                        previous = value;
                    }
                }
            };
        });
        byValue.forEach((value, count) -> counts.merge(key.apply(value), count[0], Long::sum));
    }

    static AggregationResult.DateHistogram dateHistogram(IndexSearcher searcher, Query query,
                                                         java.util.Optional<Long> fixedInterval, int maxBuckets)
            throws IOException {
        if (fixedInterval.isPresent() && fixedInterval.get() < 1) {
            throw new IllegalArgumentException("histogram interval must be positive, got " + fixedInterval.get());
        }
        if (fixedInterval.isEmpty() && maxBuckets < 1) {
            throw new IllegalArgumentException("histogram maxBuckets must be at least 1, got " + maxBuckets);
        }
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        read(searcher, query, context -> {
            NumericDocValues values = DocValues.getNumeric(context.reader(), Event.TIMESTAMP);
            return doc -> {
                if (values.advanceExact(doc)) {
                    long value = values.longValue();
                    range[0] = Math.min(range[0], value);
                    range[1] = Math.max(range[1], value);
                }
            };
        });
        if (range[0] > range[1]) {
            long interval = fixedInterval.orElse(HistogramIntervals.ROUND_INTERVALS_MICROS.getFirst());
            return new AggregationResult.DateHistogram(interval, List.of());
        }
        long interval = fixedInterval.orElseGet(() -> HistogramIntervals.choose(range[0], range[1], maxBuckets));
        long bucketCount = HistogramIntervals.bucketCount(range[0], range[1], interval);
        if (bucketCount > MAX_BUCKETS) {
            throw new IllegalArgumentException("date histogram would have " + bucketCount + " buckets (at most "
                    + MAX_BUCKETS + "); choose a wider interval");
        }
        long firstBucket = Math.floorDiv(range[0], interval);
        long[] counts = new long[(int) bucketCount];
        read(searcher, query, context -> {
            NumericDocValues values = DocValues.getNumeric(context.reader(), Event.TIMESTAMP);
            return doc -> {
                if (values.advanceExact(doc)) {
                    counts[(int) (Math.floorDiv(values.longValue(), interval) - firstBucket)]++;
                }
            };
        });
        List<AggregationResult.TimeBucket> buckets = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new AggregationResult.TimeBucket((firstBucket + i) * interval, counts[i]));
        }
        return new AggregationResult.DateHistogram(interval, buckets);
    }
}
