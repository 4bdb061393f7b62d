package org.timesmith.store.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SearchResult;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.core.store.StoreException;
import org.timesmith.core.store.ThreadPriority;

/**
 * The embedded {@link EventStore}: one Lucene index per store index under a root directory, each
 * with a single writer, near-real-time searchers reopened about once a second, and documents laid
 * out so that queries, sorting and aggregations give the answers OpenSearch gives for the Timesketch
 * mapping (see {@link IndexLayout}). Safe for concurrent readers and writers. A flushed bulk write
 * survives a crash; {@link #close} commits whatever was written, so only a crash loses the writes
 * since the last flush — which a re-run import restores, as writes are idempotent by event id.
 */
public final class LuceneEventStore implements EventStore {

    private static final System.Logger LOG = System.getLogger(LuceneEventStore.class.getName());
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_.\\-]{0,199}");
    /** Like OpenSearch's index.max_result_window: deeper pages go through {@code after} or streams. */
    static final int MAX_RESULT_WINDOW = 10_000;
    static final int PAGE = 1_000;
    /** Budget of the per-segment aggregation cache; a result over a quarter of it is not kept. */
    static final long SEGMENT_CACHE_BYTES = 64L << 20;

    private final Path root;
    private final LuceneStoreOptions options;
    private final FieldAnalyzer analyzer = new FieldAnalyzer();
    private final SourceCodec codec = new SourceCodec();
    private final EventDocuments documents = new EventDocuments(codec);
    private final Map<String, LuceneIndex> open = new ConcurrentHashMap<>();
    /** Per-segment aggregation results of all indices (segment core keys are unique across indices). */
    private final SegmentCache segmentCache = new SegmentCache(SEGMENT_CACHE_BYTES);
    /**
     * A closed index is a directory with this file beside Lucene's: it survives restarts and keeps
     * Lucene from ever opening the index until the file is removed.
     */
    private static final String CLOSED_MARKER = "timesmith-closed";
    private final Set<LuceneBulkWriter> writers = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private final ExecutorService indexThreads;
    private final EventRewrites rewrites;
    private final ScheduledExecutorService refresher;
    private volatile boolean closed;

    public LuceneEventStore(Path root) {
        this(root, LuceneStoreOptions.defaults());
    }

    public LuceneEventStore(Path root, LuceneStoreOptions options) {
        this.root = root;
        this.options = options;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StoreException("cannot create the index directory " + root + ": " + e.getMessage(), e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        indexThreads = Executors.newFixedThreadPool(options.indexThreads(), r -> {
            Thread thread = new Thread(() -> {
                ThreadPriority.background(); // searches go first
                r.run();
            }, "timesmith-lucene-index-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        rewrites = new EventRewrites(codec, documents, indexThreads);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "timesmith-lucene-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshAll, options.refreshMillis(), options.refreshMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void refreshAll() {
        for (LuceneIndex index : open.values()) {
            try {
                index.maybeRefresh();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "refresh of index " + index.name() + " failed", e);
            }
        }
    }

    // ---- indices ----

    private static String checkName(String index) {
        if (index == null || !INDEX_NAME.matcher(index).matches()) {
            throw new IllegalArgumentException("invalid index name '" + index
                    + "': use lowercase letters, digits, '_', '-', '.', starting with a letter or digit");
        }
        return index;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the event store is closed");
        }
    }

    private static boolean existsOnDisk(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (FSDirectory directory = FSDirectory.open(path)) {
            return DirectoryReader.indexExists(directory);
        } catch (IOException e) {
            throw new StoreException("cannot read index directory " + path + ": " + e.getMessage(), e);
        }
    }

    private LuceneIndex index(String name) {
        checkName(name);
        LuceneIndex index = open.get(name);
        if (index != null) {
            return index;
        }
        synchronized (lifecycle) {
            ensureOpen();
            index = open.get(name);
            if (index == null) {
                Path path = root.resolve(name);
                if (!existsOnDisk(path)) {
                    throw new StoreException("no such index: " + name);
                }
                if (Files.exists(path.resolve(CLOSED_MARKER))) {
                    throw new StoreException("index " + name + " is closed (archived): open it before using it");
                }
                index = LuceneIndex.open(name, path, options, analyzer);
                open.put(name, index);
            }
            return index;
        }
    }

    @Override
    public void createIndex(String index) {
        checkName(index);
        synchronized (lifecycle) {
            ensureOpen();
            Path path = root.resolve(index);
            if (open.containsKey(index) || Files.exists(path.resolve(CLOSED_MARKER))) {
                return;
            }
            try {
                Files.createDirectories(path);
            } catch (IOException e) {
                throw new StoreException("cannot create index " + index + ": " + e.getMessage(), e);
            }
            open.put(index, LuceneIndex.open(index, path, options, analyzer));
        }
    }

    @Override
    public boolean indexExists(String index) {
        checkName(index);
        return open.containsKey(index) || existsOnDisk(root.resolve(index));
    }

    @Override
    public void closeIndex(String index) {
        checkName(index);
        synchronized (lifecycle) {
            ensureOpen();
            Path path = root.resolve(index);
            if (!existsOnDisk(path) || Files.exists(path.resolve(CLOSED_MARKER))) {
                return;
            }
            LuceneIndex existing = open.remove(index);
            if (existing != null) {
                existing.close();
            }
            try {
                Files.createFile(path.resolve(CLOSED_MARKER));
            } catch (IOException e) {
                throw new StoreException("cannot close index " + index + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void openIndex(String index) {
        checkName(index);
        synchronized (lifecycle) {
            ensureOpen();
            try {
                Files.deleteIfExists(root.resolve(index).resolve(CLOSED_MARKER));
            } catch (IOException e) {
                throw new StoreException("cannot open index " + index + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean indexClosed(String index) {
        checkName(index);
        Path path = root.resolve(index);
        return !open.containsKey(index) && Files.exists(path.resolve(CLOSED_MARKER)) && existsOnDisk(path);
    }

    @Override
    public void deleteIndex(String index) {
        checkName(index);
        synchronized (lifecycle) {
            ensureOpen();
            LuceneIndex existing = open.remove(index);
            if (existing != null) {
                existing.rollbackAndClose();
            }
            Path path = root.resolve(index);
            if (!Files.exists(path)) {
                return;
            }
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (IOException | UncheckedIOException e) {
                throw new StoreException("cannot delete index " + index + ": " + e.getMessage(), e);
            }
        }
    }

    // ---- writing ----

    @Override
    public BulkWriter bulkWriter(String index) {
        ensureOpen();
        LuceneIndex target = index(index);
        LuceneBulkWriter[] self = new LuceneBulkWriter[1];
        self[0] = new LuceneBulkWriter(target, documents, indexThreads, options, () -> writers.remove(self[0]));
        writers.add(self[0]);
        return self[0];
    }

    @Override
    public void refresh(String index) {
        index(index).refresh();
    }

    // ---- reading ----

    private Snapshot snapshot(List<String> indices) {
        ensureOpen();
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one index");
        }
        List<LuceneIndex> targets = new ArrayList<>();
        for (String name : new java.util.LinkedHashSet<>(indices)) {
            targets.add(index(name));
        }
        return new Snapshot(targets, analyzer);
    }

    /** The request's query string, DSL query and filters, all ANDed; a query beyond Lucene's limits is bad input. */
    private static Query query(SearchRequest request, FieldQueries fields) {
        try {
            return buildQuery(request, fields);
        } catch (TooComplexToDeterminizeException e) {
            throw new IllegalArgumentException("the query has a regular expression or wildcard too complex to run: "
                    + e.getMessage(), e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new IllegalArgumentException("the query has too many clauses (at most "
                    + IndexSearcher.getMaxClauseCount() + "); split it or use a terms query", e);
        }
    }

    private static Query buildQuery(SearchRequest request, FieldQueries fields) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean positive = false;
        if (request.query().isPresent() && !request.query().get().isBlank()) {
            builder.add(QueryStringParser.parse(request.query().get(), fields), BooleanClause.Occur.FILTER);
            positive = true;
        }
        if (request.dsl().isPresent()) {
            builder.add(new DslQueries(fields).parse(request.dsl().get()), BooleanClause.Occur.FILTER);
            positive = true;
        }
        for (Filter filter : request.filters()) {
            Query query = filterQuery(filter, fields);
            builder.add(query, filter.exclude() ? BooleanClause.Occur.MUST_NOT : BooleanClause.Occur.FILTER);
            positive |= !filter.exclude();
        }
        if (!positive) {
            builder.add(MatchAllDocsQuery.INSTANCE, BooleanClause.Occur.FILTER);
        }
        return builder.build();
    }

    private static Query filterQuery(Filter filter, FieldQueries fields) {
        return switch (filter) {
            case Filter.Timelines t -> LongField.newSetQuery(Event.TIMELINE_ID + IndexLayout.LONG_SUFFIX,
                    t.timelineIds().stream().mapToLong(Long::longValue).toArray());
            case Filter.Term t -> fields.termFilter(t.field(), t.value());
            case Filter.Label l -> new TermQuery(new Term(IndexLayout.LABEL, IndexLayout.labelTerm(l.sketchId(), l.name())));
            case Filter.TimeRange r -> IndexLayout.timeRange(r.startMicros(), r.endMicros());
            case Filter.Query q -> QueryStringParser.parse(q.queryString(), fields);
        };
    }

    private static StoredEvent storedEvent(Snapshot snapshot, OrderedHits.Hit hit, List<String> fields) {
        return new StoredEvent(snapshot.indexOf(hit.doc()), hit.id(), SourceCodec.project(hit.source(), fields));
    }

    /** The timestamps a request can match at most, {lower, upper}: within its time filters and past its cursor. */
    private static long[] timeBounds(List<Filter> filters, SortOrder order, Optional<SearchAfter> after) {
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        for (Filter filter : filters) {
            if (filter instanceof Filter.TimeRange r && !r.exclude()) {
                lower = Math.max(lower, r.startMicros());
                upper = Math.min(upper, r.endMicros());
            }
        }
        if (after.isPresent()) {
            if (order == SortOrder.ASC) {
                lower = Math.max(lower, after.get().timestamp());
            } else {
                upper = Math.min(upper, after.get().timestamp());
            }
        }
        return new long[] {lower, upper};
    }

    private static Query withCursor(Query query, SortOrder order, Optional<SearchAfter> after) {
        return after.map(a -> OrderedHits.after(query, order, a)).orElse(query);
    }

    @Override
    public SearchResult search(SearchRequest request) {
        long started = System.nanoTime();
        if ((long) request.from() + request.size() > MAX_RESULT_WINDOW) {
            throw new IllegalArgumentException("from + size must not exceed " + MAX_RESULT_WINDOW
                    + "; page with 'after' or stream the results instead");
        }
        try (Snapshot snapshot = snapshot(request.indices())) {
            IndexSearcher searcher = snapshot.searcher();
            Query query = query(request, snapshot.fields());
            if (request.size() == 0) {
                return new SearchResult(Aggregations.count(searcher, query, segmentCache), List.of(), Optional.empty(),
                        millisSince(started));
            }
            int wanted = request.from() + request.size() + 1;
            long[] bounds = timeBounds(request.filters(), request.order(), request.after());
            List<OrderedHits.Hit> ordered = OrderedHits.first(searcher, codec,
                    withCursor(query, request.order(), request.after()), request.order(), wanted, bounds[0], bounds[1]);
            long total = Aggregations.count(searcher, query, segmentCache);
            int end = Math.min(ordered.size(), request.from() + request.size());
            List<StoredEvent> hits = new ArrayList<>();
            for (int i = request.from(); i < end; i++) {
                hits.add(storedEvent(snapshot, ordered.get(i), request.fields()));
            }
            Optional<SearchAfter> next = ordered.size() > end && end > 0
                    ? Optional.of(ordered.get(end - 1).cursor()) : Optional.empty();
            return new SearchResult(total, hits, next, millisSince(started));
        } catch (IOException e) {
            throw new StoreException("search in " + request.indices() + " failed: " + e.getMessage(), e);
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public long count(SearchRequest request) {
        try (Snapshot snapshot = snapshot(request.indices())) {
            return Aggregations.count(snapshot.searcher(), query(request, snapshot.fields()), segmentCache);
        } catch (IOException e) {
            throw new StoreException("count in " + request.indices() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredEvent> get(String index, String eventId) {
        try (Snapshot snapshot = snapshot(List.of(index))) {
            OrderedHits.Hit hit = OrderedHits.one(snapshot.searcher(), codec, eventId);
            return hit == null ? Optional.empty() : Optional.of(storedEvent(snapshot, hit, List.of()));
        } catch (IOException e) {
            throw new StoreException("get " + eventId + " from " + index + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public EventStream stream(SearchRequest request) {
        Snapshot snapshot = snapshot(request.indices());
        try {
            Query query = query(request, snapshot.fields());
            return new MatchStream(snapshot, query, request);
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
    }

    /** Reads doc values instead of sources (see {@link ColumnStream}). */
    @Override
    public EventStream streamColumns(SearchRequest request) {
        if (request.fields().isEmpty()) {
            throw new IllegalArgumentException("a column stream reads named fields; give the fields to read");
        }
        Snapshot snapshot = snapshot(request.indices());
        try {
            return new ColumnStream(snapshot, query(request, snapshot.fields()), request.fields(), codec);
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
    }

    /**
     * Every match of a point-in-time snapshot, fetched a page at a time in (timestamp, id) order.
     * Each page is searched in a time window that starts at the cursor and is about as wide as a
     * page of matches needs (estimated from the last page, doubled after a window with too few),
     * so a page costs the events of its window — not, as an open-ended "after the cursor" range
     * would, every event after the cursor, which made reading N events cost N²/page.
     */
    private final class MatchStream implements EventStream {
        private final Snapshot snapshot;
        private final Query query;
        private final SortOrder order;
        private final List<String> fields;
        /** The source keys a page decodes: only what the requested fields need, or all (null). */
        private final Set<String> keys;
        /** Timestamps of the snapshot's first and last events: no window reaches past them. */
        private final long first;
        private final long last;
        private Optional<SearchAfter> after;
        /** The edge of the next window on the near side: the cursor's time, or where the last window ended. */
        private long edge;
        private long span;
        private List<StoredEvent> page = List.of();
        private int position;
        private boolean exhausted;
        private boolean closed;

        MatchStream(Snapshot snapshot, Query query, SearchRequest request) {
            this.snapshot = snapshot;
            this.query = query;
            this.order = request.order();
            this.fields = request.fields();
            this.keys = fields.isEmpty() ? null : SourceCodec.keysFor(fields);
            this.after = request.after();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            int documents = 0;
            try {
                for (org.apache.lucene.index.LeafReaderContext leaf : snapshot.searcher().getIndexReader().leaves()) {
                    org.apache.lucene.index.PointValues points = leaf.reader().getPointValues(Event.TIMESTAMP);
                    if (points != null && points.size() > 0) {
                        min = Math.min(min, org.apache.lucene.document.LongPoint.decodeDimension(points.getMinPackedValue(), 0));
                        max = Math.max(max, org.apache.lucene.document.LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
                        documents += points.getDocCount();
                    }
                }
            } catch (IOException e) {
                throw new StoreException("stream: " + e.getMessage(), e);
            }
            first = min;
            last = max;
            exhausted = min > max;
            boolean ascending = order == SortOrder.ASC;
            edge = after.map(SearchAfter::timestamp).orElse(ascending ? min : max);
            // a window of about two pages if events were spread evenly
            double perEvent = ((double) max - (double) min) / Math.max(1, documents);
            span = (long) Math.max(1, Math.min(perEvent * PAGE * 2, Long.MAX_VALUE / 4.0));
        }

        /** The next window's far edge, clamped to the snapshot's events. */
        private long farEdge() {
            if (order == SortOrder.ASC) {
                return edge > last - span + 1 || last - span + 1 > last ? last : edge + span - 1;
            }
            return edge < first + span - 1 || first + span - 1 < first ? first : edge - span + 1;
        }

        /** The matches in the window from {@link #edge} to {@code far}, strictly after the cursor if any. */
        private Query window(long far) {
            boolean ascending = order == SortOrder.ASC;
            long low = ascending ? edge : far;
            long high = ascending ? far : edge;
            Query range;
            if (after.isEmpty()) {
                range = IndexLayout.timeRange(low, high);
            } else {
                long t = after.get().timestamp();
                Query laterTime = ascending
                        ? (t == Long.MAX_VALUE || t + 1 > high ? MatchNoDocsQuery.INSTANCE : IndexLayout.timeRange(t + 1, high))
                        : (t == Long.MIN_VALUE || t - 1 < low ? MatchNoDocsQuery.INSTANCE : IndexLayout.timeRange(low, t - 1));
                Query sameTimeLaterId = new BooleanQuery.Builder()
                        .add(IndexLayout.timeRange(t, t), BooleanClause.Occur.FILTER)
                        .add(OrderedHits.idAfter(after.get().id()), BooleanClause.Occur.FILTER)
                        .build();
                range = new BooleanQuery.Builder()
                        .add(laterTime, BooleanClause.Occur.SHOULD)
                        .add(sameTimeLaterId, BooleanClause.Occur.SHOULD)
                        .build();
            }
            return new BooleanQuery.Builder()
                    .add(query, BooleanClause.Occur.FILTER)
                    .add(range, BooleanClause.Occur.FILTER)
                    .build();
        }

        @Override
        public boolean hasNext() {
            if (position < page.size()) {
                return true;
            }
            if (closed) {
                return false;
            }
            try {
                while (!exhausted) {
                    long far = farEdge();
                    boolean lastWindow = far == (order == SortOrder.ASC ? last : first);
                    List<OrderedHits.Hit> hits = OrderedHits.ranked(snapshot.searcher(), codec, window(far), order, PAGE,
                            keys);
                    if (hits.size() == PAGE) {
                        // full: continue from the last hit; aim the next window at about two pages
                        SearchAfter cursor = hits.getLast().cursor();
                        long covered = Math.abs(cursor.timestamp() - edge);
                        if (covered < span / 4) {
                            span = Math.max(1, covered * 2);
                        }
                        after = Optional.of(cursor);
                        edge = cursor.timestamp();
                    } else if (lastWindow) {
                        exhausted = true;
                    } else {
                        // every match of the window is in hand: the next window starts past it, wider
                        after = Optional.empty();
                        edge = order == SortOrder.ASC ? far + 1 : far - 1;
                        span = span > Long.MAX_VALUE / 4 ? span : span * 2;
                    }
                    if (!hits.isEmpty()) {
                        position = 0;
                        page = hits.stream().map(hit -> storedEvent(snapshot, hit, fields)).toList();
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new StoreException("stream: " + e.getMessage(), e);
            }
            close();
            return false;
        }

        @Override
        public StoredEvent next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return page.get(position++);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                page = List.of();
                snapshot.close();
            }
        }
    }

    // ---- aggregations ----

    @Override
    public AggregationResult aggregate(SearchRequest request, Aggregation aggregation) {
        try (Snapshot snapshot = snapshot(request.indices())) {
            IndexSearcher searcher = snapshot.searcher();
            Query query = query(request, snapshot.fields());
            return switch (aggregation) {
                case Aggregation.Terms terms ->
                        Aggregations.terms(searcher, query, segmentCache, terms.field(), terms.size());
                case Aggregation.DateHistogram histogram ->
                        Aggregations.dateHistogram(searcher, query, segmentCache, histogram.intervalMicros(),
                                histogram.maxBuckets());
                case Aggregation.FilteredCounts filtered -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (Map.Entry<String, String> entry : filtered.queries().entrySet()) {
                        Query named = new BooleanQuery.Builder()
                                .add(query, BooleanClause.Occur.FILTER)
                                .add(QueryStringParser.parse(entry.getValue(), snapshot.fields()), BooleanClause.Occur.FILTER)
                                .build();
                        counts.put(entry.getKey(), (long) searcher.count(named));
                    }
                    yield new AggregationResult.FilteredCounts(counts);
                }
            };
        } catch (IOException e) {
            throw new StoreException("aggregation in " + request.indices() + " failed: " + e.getMessage(), e);
        }
    }

    /** The per-segment aggregation cache (for tests). */
    SegmentCache segmentCache() {
        return segmentCache;
    }

    // ---- updates ----

    @Override
    public long update(String index, Collection<String> eventIds, EventUpdate update) {
        Map<String, EventUpdate> each = new java.util.LinkedHashMap<>();
        eventIds.forEach(id -> each.put(id, update));
        return updateEach(index, each);
    }

    /**
     * One commit for all the events, instead of one per {@link #update} call; the ids are looked up
     * and the events rewritten in bulk ({@link EventRewrites}).
     */
    @Override
    public long updateEach(String index, Map<String, EventUpdate> updates) {
        LuceneIndex target = index(index);
        target.refresh();
        long updated;
        try (Snapshot snapshot = new Snapshot(List.of(target), analyzer)) {
            updated = rewrites.byId(snapshot.searcher().getIndexReader(), target.writer(), updates);
        } catch (IOException e) {
            throw new StoreException("update in " + index + " failed: " + e.getMessage(), e);
        }
        target.commit();
        target.refresh();
        return updated;
    }

    @Override
    public long updateByQuery(SearchRequest request, EventUpdate update) {
        ensureOpen();
        long updated = 0;
        for (String name : new java.util.LinkedHashSet<>(request.indices())) {
            LuceneIndex target = index(name);
            target.refresh();
            try (Snapshot snapshot = new Snapshot(List.of(target), analyzer)) {
                // the snapshot does not see the rewritten documents, so paging over it visits each match once
                IndexSearcher searcher = snapshot.searcher();
                Query query = query(request, snapshot.fields());
                Optional<SearchAfter> after = Optional.empty();
                while (true) {
                    long[] bounds = timeBounds(request.filters(), SortOrder.ASC, after);
                    List<OrderedHits.Hit> page = OrderedHits.first(searcher, codec,
                            withCursor(query, SortOrder.ASC, after), SortOrder.ASC, PAGE, bounds[0], bounds[1]);
                    rewrites.hits(target.writer(), page, update);
                    updated += page.size();
                    if (page.size() < PAGE) {
                        break;
                    }
                    after = Optional.of(page.getLast().cursor());
                }
            } catch (IOException e) {
                throw new StoreException("update by query in " + name + " failed: " + e.getMessage(), e);
            }
            target.commit();
            target.refresh();
        }
        return updated;
    }

    @Override
    public long deleteTimeline(String index, long timelineId) {
        LuceneIndex target = index(index);
        target.refresh();
        Query query = LongField.newExactQuery(Event.TIMELINE_ID + IndexLayout.LONG_SUFFIX, timelineId);
        long deleted;
        try (Snapshot snapshot = new Snapshot(List.of(target), analyzer)) {
            deleted = snapshot.searcher().count(query);
            target.writer().deleteDocuments(query);
        } catch (IOException e) {
            throw new StoreException("delete of timeline " + timelineId + " in " + index + " failed: " + e.getMessage(), e);
        }
        target.commit();
        target.refresh();
        return deleted;
    }

    @Override
    public SortedSet<String> fieldNames(Collection<String> indices) {
        try (Snapshot snapshot = snapshot(List.copyOf(indices))) {
            return snapshot.sourceFieldNames();
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            RuntimeException failure = null;
            for (LuceneBulkWriter writer : List.copyOf(writers)) {
                try {
                    writer.close();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            closed = true;
            refresher.shutdownNow();
            indexThreads.shutdown();
            try {
                indexThreads.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (LuceneIndex index : open.values()) {
                try {
                    index.close();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            open.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }

}
