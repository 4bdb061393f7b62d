package org.timesmith.store.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TotalHitCountCollector;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.NumericUtils;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.HistogramIntervals;

/**
 * Terms counts and date histograms computed from doc values over the matches of a query, one
 * segment at a time: keyword values are counted by segment ordinal in an {@code int[]} and resolved
 * to terms once per segment, numbers are gathered in a primitive array and counted after sorting,
 * histogram buckets are counted straight from the timestamp doc values. Each segment's result is
 * kept in the {@link SegmentCache} under the query, so the repeated aggregations of explore pages
 * only read the segments that changed since.
 */
final class Aggregations {

    /** Like OpenSearch's search.max_buckets: a histogram this wide is a mistake, not a chart. */
    static final int MAX_BUCKETS = 65_536;

    private Aggregations() {
    }

    // ---- request keys of the cache (the query is part of each, so equal queries share results) ----

    private record TermsKey(Query query, String luceneField) {
    }

    private record RangeKey(Query query) {
    }

    private record HistogramKey(Query query, long interval) {
    }

    private record CountKey(Query query) {
    }

    // ---- per-segment results ----

    /** Distinct keyword values of one segment's matches and how many matches hold each. */
    private record KeywordCounts(String[] terms, int[] counts) implements SegmentCache.Sized {
        static final KeywordCounts EMPTY = new KeywordCounts(new String[0], new int[0]);

        @Override
        public long bytes() {
            long total = 32 + 20L * terms.length;
            for (String term : terms) {
                total += 48 + term.length();
            }
            return total;
        }
    }

    /** Distinct numbers (as stored: longs or sortable doubles) of one segment's matches and their counts. */
    private record NumberCounts(long[] values, int[] counts) implements SegmentCache.Sized {
        static final NumberCounts EMPTY = new NumberCounts(new long[0], new int[0]);

        @Override
        public long bytes() {
            return 48 + 12L * values.length;
        }
    }

    /** Smallest and largest timestamp of one segment's matches; min > max when none match. */
    private record TimeSpan(long min, long max) implements SegmentCache.Sized {
        static final TimeSpan EMPTY = new TimeSpan(Long.MAX_VALUE, Long.MIN_VALUE);

        @Override
        public long bytes() {
            return 32;
        }
    }

    /** How many of one segment's live documents match. */
    private record SegmentCount(int count) implements SegmentCache.Sized {
        @Override
        public long bytes() {
            return 16;
        }
    }

    /** Bucket counts of one segment's matches from bucket number {@code first} on. */
    private record SegmentHistogram(long first, int[] counts) implements SegmentCache.Sized {
        static final SegmentHistogram EMPTY = new SegmentHistogram(0, new int[0]);

        @Override
        public long bytes() {
            return 32 + 4L * counts.length;
        }
    }

    // ---- reading segments ----

    /** Counting over one segment's matches. */
    private interface LeafCounter<T> {
        void collect(int doc) throws IOException;

        T finish() throws IOException;
    }

    /** How one per-segment result is computed. */
    private interface LeafComputation<T extends SegmentCache.Sized> {
        /** The result for a segment without matches or without the field. */
        T empty();

        /** The result known without reading the matches (from index statistics), or null. */
        default T shortcut(LeafReaderContext leaf, boolean matchesAllLive) throws IOException {
            return null;
        }

        /** A counter for the matches of this segment, or null when the segment has nothing to count. */
        LeafCounter<T> start(LeafReaderContext leaf) throws IOException;
    }

    /**
     * The per-segment results for every segment of the searcher, in leaf order: from the cache when
     * computed before on the same segment and live documents, else computed by one search that
     * visits only the segments that missed (and then cached).
     */
    @SuppressWarnings("unchecked")
    private static <T extends SegmentCache.Sized> List<T> perLeaf(IndexSearcher searcher, Query query,
                                                                   SegmentCache cache, Object key,
                                                                   LeafComputation<T> computation) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Object[] results = new Object[leaves.size()];
        boolean missing = false;
        Boolean matchesAll = null;
        for (LeafReaderContext leaf : leaves) {
            Object cached = cache.get(leaf, key);
            if (cached == null) {
                if (matchesAll == null) {
                    matchesAll = matchesAll(searcher.rewrite(query));
                }
                cached = computation.shortcut(leaf, matchesAll);
                if (cached != null) {
                    cache.put(leaf, key, (T) cached);
                }
            }
            results[leaf.ord] = cached;
            missing |= cached == null;
        }
        if (missing) {
            List<LeafCounter<T>> counters = new ArrayList<>(java.util.Collections.nCopies(leaves.size(), (LeafCounter<T>) null));
            boolean[] started = new boolean[leaves.size()];
            Collector collector = new Collector() {
                @Override
                public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                    if (results[context.ord] != null) {
                        throw new CollectionTerminatedException();
                    }
                    started[context.ord] = true;
                    LeafCounter<T> counter = computation.start(context);
                    if (counter == null) {
                        throw new CollectionTerminatedException();
                    }
                    counters.set(context.ord, counter);
                    return new LeafCollector() {
                        @Override
                        public void setScorer(Scorable scorer) {
                        }

                        @Override
                        public void collect(int doc) throws IOException {
                            counter.collect(doc);
                        }
                    };
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            };
            // the store's searchers have no executor: leaves are visited one after another
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
            for (LeafReaderContext leaf : leaves) {
                if (results[leaf.ord] != null) {
                    continue;
                }
                T value = counters.get(leaf.ord) != null ? counters.get(leaf.ord).finish() : computation.empty();
                results[leaf.ord] = value;
                // a segment the search never reached is not known to be empty: not cached
                if (started[leaf.ord]) {
                    cache.put(leaf, key, value);
                }
            }
        }
        List<T> list = new ArrayList<>(results.length);
        for (Object result : results) {
            list.add((T) result);
        }
        return list;
    }

    /** Whether a rewritten query matches every live document (wrapped in scoring adapters or not). */
    private static boolean matchesAll(Query rewritten) {
        Query query = rewritten;
        while (true) {
            if (query instanceof BoostQuery boost) {
                query = boost.getQuery();
            } else if (query instanceof ConstantScoreQuery constant) {
                query = constant.getQuery();
            } else {
                return query instanceof MatchAllDocsQuery;
            }
        }
    }

    private static boolean hasField(LeafReaderContext leaf, String field) {
        return leaf.reader().getFieldInfos().fieldInfo(field) != null;
    }

    // ---- counts ----

    /**
     * The exact number of matches, per segment from the cache where it was counted before: every
     * page of a result (and every page of a scroll through it) needs the same total, and at 10M
     * events counting a broad query string's matches again is the bulk of a page's cost. A segment
     * that missed is counted by its weight (index statistics where they answer, else one pass over
     * its matches through the searcher's query cache).
     */
    static long count(IndexSearcher searcher, Query query, SegmentCache cache) throws IOException {
        CountKey key = new CountKey(query);
        Weight weight = null;
        long total = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            if (cache.get(leaf, key) instanceof SegmentCount cached) {
                total += cached.count();
                continue;
            }
            if (weight == null) {
                weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
            }
            int count = weight.count(leaf);
            if (count < 0) {
                count = 0;
                BulkScorer scorer = weight.bulkScorer(leaf);
                if (scorer != null) {
                    TotalHitCountCollector counter = new TotalHitCountCollector();
                    scorer.score(counter.getLeafCollector(leaf), leaf.reader().getLiveDocs(), 0,
                            DocIdSetIterator.NO_MORE_DOCS);
                    count = counter.getTotalHits();
                }
            }
            cache.put(leaf, key, new SegmentCount(count));
            total += count;
        }
        return total;
    }

    // ---- terms ----

    static AggregationResult.Terms terms(IndexSearcher searcher, Query query, SegmentCache cache, String field,
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
        Map<String, long[]> counts = new HashMap<>();
        for (String keywordField : keywordFields) {
            if (!anyLeafHas(searcher, keywordField)) {
                continue;
            }
            for (KeywordCounts segment : perLeaf(searcher, query, cache, new TermsKey(query, keywordField),
                    keywordCounting(keywordField))) {
                for (int i = 0; i < segment.terms().length; i++) {
                    counts.computeIfAbsent(segment.terms()[i], t -> new long[1])[0] += segment.counts()[i];
                }
            }
        }
        for (String numericField : numericFields) {
            countNumbers(searcher, query, cache, numericField, counts, false);
        }
        for (String doubleField : doubleFields) {
            countNumbers(searcher, query, cache, doubleField, counts, true);
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey));
        List<AggregationResult.TermBucket> buckets = new ArrayList<>();
        long other = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < size) {
                buckets.add(new AggregationResult.TermBucket(sorted.get(i).getKey(), sorted.get(i).getValue()[0]));
            } else {
                other += sorted.get(i).getValue()[0];
            }
        }
        return new AggregationResult.Terms(buckets, other);
    }

    private static boolean anyLeafHas(IndexSearcher searcher, String field) {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            if (hasField(leaf, field)) {
                return true;
            }
        }
        return false;
    }

    /** Counts by segment ordinal, then resolves the ordinals that matched to terms. */
    private static LeafComputation<KeywordCounts> keywordCounting(String field) {
        return new LeafComputation<>() {
            @Override
            public KeywordCounts empty() {
                return KeywordCounts.EMPTY;
            }

            @Override
            public LeafCounter<KeywordCounts> start(LeafReaderContext leaf) throws IOException {
                if (!hasField(leaf, field)) {
                    return null;
                }
                SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field);
                if (values.getValueCount() == 0) {
                    return null;
                }
                int[] ordinalCounts = new int[Math.toIntExact(values.getValueCount())];
                return new LeafCounter<>() {
                    @Override
                    public void collect(int doc) throws IOException {
                        if (values.advanceExact(doc)) {
                            for (int i = values.docValueCount(); i > 0; i--) {
                                ordinalCounts[(int) values.nextOrd()]++;
                            }
                        }
                    }

                    @Override
                    public KeywordCounts finish() throws IOException {
                        int distinct = 0;
                        for (int count : ordinalCounts) {
                            if (count > 0) {
                                distinct++;
                            }
                        }
                        String[] terms = new String[distinct];
                        int[] counts = new int[distinct];
                        int next = 0;
                        for (int ord = 0; ord < ordinalCounts.length; ord++) {
                            if (ordinalCounts[ord] > 0) {
                                terms[next] = values.lookupOrd(ord).utf8ToString();
                                counts[next++] = ordinalCounts[ord];
                            }
                        }
                        return new KeywordCounts(terms, counts);
                    }
                };
            }
        };
    }

    private static void countNumbers(IndexSearcher searcher, Query query, SegmentCache cache, String field,
                                     Map<String, long[]> counts, boolean doubles) throws IOException {
        if (!anyLeafHas(searcher, field)) {
            return;
        }
        LeafComputation<NumberCounts> computation = new LeafComputation<>() {
            @Override
            public NumberCounts empty() {
                return NumberCounts.EMPTY;
            }

            @Override
            public LeafCounter<NumberCounts> start(LeafReaderContext leaf) throws IOException {
                if (!hasField(leaf, field)) {
                    return null;
                }
                SortedNumericDocValues values = DocValues.getSortedNumeric(leaf.reader(), field);
                return new LeafCounter<>() {
                    private long[] seen = new long[64];
                    private int size;

                    @Override
                    public void collect(int doc) throws IOException {
                        if (values.advanceExact(doc)) {
                            long previous = 0;
                            for (int i = 0; i < values.docValueCount(); i++) {
                                long value = values.nextValue();
                                // values come sorted: a document counts once per distinct value
                                if (i == 0 || value != previous) {
                                    if (size == seen.length) {
                                        seen = Arrays.copyOf(seen, size * 2);
                                    }
                                    seen[size++] = value;
                                }
                                previous = value;
                            }
                        }
                    }

                    @Override
                    public NumberCounts finish() {
                        Arrays.sort(seen, 0, size);
                        int distinct = 0;
                        for (int i = 0; i < size; i++) {
                            if (i == 0 || seen[i] != seen[i - 1]) {
                                distinct++;
                            }
                        }
                        long[] distinctValues = new long[distinct];
                        int[] valueCounts = new int[distinct];
                        int next = -1;
                        for (int i = 0; i < size; i++) {
                            if (i == 0 || seen[i] != seen[i - 1]) {
                                distinctValues[++next] = seen[i];
                            }
                            valueCounts[next]++;
                        }
                        return new NumberCounts(distinctValues, valueCounts);
                    }
                };
            }
        };
        for (NumberCounts segment : perLeaf(searcher, query, cache, new TermsKey(query, field), computation)) {
            for (int i = 0; i < segment.values().length; i++) {
                long value = segment.values()[i];
                String key = doubles ? Double.toString(NumericUtils.sortableLongToDouble(value)) : Long.toString(value);
                counts.computeIfAbsent(key, k -> new long[1])[0] += segment.counts()[i];
            }
        }
    }

    // ---- date histogram ----

    static AggregationResult.DateHistogram dateHistogram(IndexSearcher searcher, Query query, SegmentCache cache,
                                                         Optional<Long> fixedInterval, int maxBuckets)
            throws IOException {
        if (fixedInterval.isPresent() && fixedInterval.get() < 1) {
            throw new IllegalArgumentException("histogram interval must be positive, got " + fixedInterval.get());
        }
        if (fixedInterval.isEmpty() && maxBuckets < 1) {
            throw new IllegalArgumentException("histogram maxBuckets must be at least 1, got " + maxBuckets);
        }
        List<TimeSpan> spans = perLeaf(searcher, query, cache, new RangeKey(query), spanComputation());
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (TimeSpan span : spans) {
            min = Math.min(min, span.min());
            max = Math.max(max, span.max());
        }
        if (min > max) {
            long interval = fixedInterval.orElse(HistogramIntervals.ROUND_INTERVALS_MICROS.getFirst());
            return new AggregationResult.DateHistogram(interval, List.of());
        }
        long interval = fixedInterval.isPresent() ? fixedInterval.get()
                : HistogramIntervals.choose(min, max, maxBuckets);
        long bucketCount = HistogramIntervals.bucketCount(min, max, interval);
        if (bucketCount > MAX_BUCKETS) {
            throw new IllegalArgumentException("date histogram would have " + bucketCount + " buckets (at most "
                    + MAX_BUCKETS + "); choose a wider interval");
        }
        long firstBucket = Math.floorDiv(min, interval);
        long[] counts = new long[(int) bucketCount];
        List<SegmentHistogram> segments = perLeaf(searcher, query, cache, new HistogramKey(query, interval),
                histogramComputation(spans, interval));
        for (SegmentHistogram segment : segments) {
            int offset = (int) (segment.first() - firstBucket);
            int[] segmentCounts = segment.counts();
            for (int i = 0; i < segmentCounts.length; i++) {
                counts[offset + i] += segmentCounts[i];
            }
        }
        List<AggregationResult.TimeBucket> buckets = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new AggregationResult.TimeBucket((firstBucket + i) * interval, counts[i]));
        }
        return new AggregationResult.DateHistogram(interval, buckets);
    }

    private static LeafComputation<TimeSpan> spanComputation() {
        return new LeafComputation<>() {
            @Override
            public TimeSpan empty() {
                return TimeSpan.EMPTY;
            }

            /** Every event has a timestamp: when all live documents match and none is deleted, the points know the span. */
            @Override
            public TimeSpan shortcut(LeafReaderContext leaf, boolean matchesAllLive) throws IOException {
                if (!matchesAllLive || leaf.reader().hasDeletions()) {
                    return null;
                }
                PointValues points = leaf.reader().getPointValues(Event.TIMESTAMP);
                if (points == null || points.getDocCount() != leaf.reader().maxDoc()) {
                    return points == null && leaf.reader().maxDoc() == 0 ? TimeSpan.EMPTY : null;
                }
                return new TimeSpan(LongPoint.decodeDimension(points.getMinPackedValue(), 0),
                        LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
            }

            @Override
            public LeafCounter<TimeSpan> start(LeafReaderContext leaf) throws IOException {
                if (!hasField(leaf, Event.TIMESTAMP)) {
                    return null;
                }
                NumericDocValues values = DocValues.getNumeric(leaf.reader(), Event.TIMESTAMP);
                return new LeafCounter<>() {
                    private long min = Long.MAX_VALUE;
                    private long max = Long.MIN_VALUE;

                    @Override
                    public void collect(int doc) throws IOException {
                        if (values.advanceExact(doc)) {
                            long value = values.longValue();
                            min = Math.min(min, value);
                            max = Math.max(max, value);
                        }
                    }

                    @Override
                    public TimeSpan finish() {
                        return min > max ? TimeSpan.EMPTY : new TimeSpan(min, max);
                    }
                };
            }
        };
    }

    /** Buckets of each segment over that segment's own span (known from the span pass). */
    private static LeafComputation<SegmentHistogram> histogramComputation(List<TimeSpan> spans, long interval) {
        return new LeafComputation<>() {
            @Override
            public SegmentHistogram empty() {
                return SegmentHistogram.EMPTY;
            }

            @Override
            public LeafCounter<SegmentHistogram> start(LeafReaderContext leaf) throws IOException {
                TimeSpan span = spans.get(leaf.ord);
                if (span.min() > span.max() || !hasField(leaf, Event.TIMESTAMP)) {
                    return null;
                }
                long first = Math.floorDiv(span.min(), interval);
                int[] counts = new int[(int) (Math.floorDiv(span.max(), interval) - first + 1)];
                NumericDocValues values = DocValues.getNumeric(leaf.reader(), Event.TIMESTAMP);
                return new LeafCounter<>() {
                    @Override
                    public void collect(int doc) throws IOException {
                        if (values.advanceExact(doc)) {
                            counts[(int) (Math.floorDiv(values.longValue(), interval) - first)]++;
                        }
                    }

                    @Override
                    public SegmentHistogram finish() {
                        return new SegmentHistogram(first, counts);
                    }
                };
            }
        };
    }
}
