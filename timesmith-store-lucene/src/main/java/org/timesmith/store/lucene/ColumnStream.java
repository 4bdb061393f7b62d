package org.timesmith.store.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import org.timesmith.core.store.StoreException;

/**
 * The embedded store's {@code streamColumns}: every match with a few named fields, read from doc
 * values instead of the stored source, which a stream has to decompress and parse per event (at ten
 * million events that took longer than everything else together). Keyword strings come from
 * {@code <path>.keyword} (SORTED_SET; each ordinal becomes a string once per segment), numbers from
 * {@code <path>#l} and {@code <path>#d}, the timestamp from its own column, the id from
 * {@code #idsort}.
 *
 * <p>A doc-value column cannot say everything the source says, so an event is read from its stored
 * source instead (the same projection a stream makes) when one of its requested fields has several
 * values, values of two kinds (a string and a number), or a value without doc values (a string
 * longer than {@link org.timesmith.core.store.EventStore#KEYWORD_MAX_CHARS}, a message, a parsed
 * datetime). What still differs from the source: a dotted field is read flat even where the source
 * nests it (as OpenSearch's {@code docvalue_fields} do), a list of one value reads as that value,
 * and booleans read as the strings {@code true}/{@code false}.
 *
 * <p>Segments are read by {@value #THREADS} threads into batches that the consumer takes from a
 * bounded queue; the order is the index's, not time. Closing the stream stops the readers and
 * releases the snapshot.
 */
final class ColumnStream implements EventStream {

    private static final int THREADS = 2;
    private static final int BATCH = 2_048;
    /** Columns with more distinct values than this in a segment turn ordinals into strings each time. */
    private static final int MAX_CACHED_ORDINALS = 1 << 20;
    private static final List<StoredEvent> DONE = new ArrayList<>();
    /** What {@link Column#read} returns when the event must be read from its source. */
    private static final Object FROM_SOURCE = new Object();

    private final Snapshot snapshot;
    private final SourceCodec codec;
    private final List<String> fields;
    private final String[] names;
    private final Set<String> sourceKeys;
    private final BlockingQueue<List<StoredEvent>> queue = new ArrayBlockingQueue<>(16);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong fromSource = new AtomicLong();
    private final ExecutorService readers;
    private final int readerCount;
    private int finishedReaders;
    private List<StoredEvent> batch = List.of();
    private int position;
    private volatile boolean closed;

    ColumnStream(Snapshot snapshot, Query query, List<String> fields, SourceCodec codec) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a column stream reads named fields; give the fields to read");
        }
        this.snapshot = snapshot;
        this.codec = codec;
        this.fields = List.copyOf(fields);
        this.names = fields.stream().distinct().toArray(String[]::new);
        this.sourceKeys = SourceCodec.keysFor(this.fields);
        IndexSearcher searcher = snapshot.searcher();
        List<LeafReaderContext> leaves = new ArrayList<>(searcher.getIndexReader().leaves());
        rejectObjects(leaves);
        leaves.sort(Comparator.comparingInt((LeafReaderContext l) -> l.reader().maxDoc()).reversed());
        Weight weight;
        try {
            weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        } catch (IOException e) {
            throw new StoreException("column stream: " + e.getMessage(), e);
        }
        readerCount = Math.min(THREADS, leaves.size());
        readers = Executors.newFixedThreadPool(Math.max(1, readerCount), r -> {
            Thread thread = new Thread(r, "timesmith-columns");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger nextLeaf = new AtomicInteger();
        for (int i = 0; i < readerCount; i++) {
            readers.execute(() -> readLeaves(weight, leaves, nextLeaf));
        }
    }

    /** A field that holds objects (a path with fields below it) has no column of its own. */
    private void rejectObjects(List<LeafReaderContext> leaves) {
        for (LeafReaderContext leaf : leaves) {
            for (FieldInfo info : leaf.reader().getFieldInfos()) {
                for (String name : names) {
                    if (info.name.startsWith(name + ".") && !info.name.equals(name + IndexLayout.KEYWORD_SUFFIX)) {
                        throw new IllegalArgumentException("field '" + name + "' holds objects (" + info.name
                                + "); a column stream reads leaf fields only");
                    }
                }
            }
        }
    }

    /** Events read from their stored source so far (see the class comment); for tests and figures. */
    long readFromSource() {
        return fromSource.get();
    }

    private void readLeaves(Weight weight, List<LeafReaderContext> leaves, AtomicInteger nextLeaf) {
        try {
            for (int i = nextLeaf.getAndIncrement(); i < leaves.size() && !closed; i = nextLeaf.getAndIncrement()) {
                readLeaf(weight, leaves.get(i));
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            put(DONE);
        }
    }

    private void readLeaf(Weight weight, LeafReaderContext leaf) throws IOException {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
            return;
        }
        LeafReader reader = leaf.reader();
        Bits live = reader.getLiveDocs();
        Column[] columns = new Column[names.length];
        for (int f = 0; f < names.length; f++) {
            columns[f] = new Column(reader, names[f]);
        }
        SortedDocValues ids = DocValues.getSorted(reader, IndexLayout.ID_SORT);
        String index = snapshot.indexOf(leaf.docBase);
        StoredFields stored = null;
        List<StoredEvent> out = new ArrayList<>(BATCH);
        DocIdSetIterator docs = scorer.iterator();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            if (live != null && !live.get(doc)) {
                continue;
            }
            Object[] values = new Object[names.length];
            boolean fallback = false;
            for (int f = 0; f < names.length && !fallback; f++) {
                values[f] = columns[f].read(doc);
                fallback = values[f] == FROM_SOURCE;
            }
            if (!ids.advanceExact(doc)) {
                throw new StoreException("document " + doc + " of a segment has no id");
            }
            String id = ids.lookupOrd(ids.ordValue()).utf8ToString();
            Map<String, Object> row;
            if (fallback) {
                stored = stored == null ? reader.storedFields() : stored;
                row = source(stored, doc);
                fromSource.incrementAndGet();
            } else {
                row = new ColumnRow(names, values);
            }
            out.add(new StoredEvent(index, id, row));
            if (out.size() == BATCH) {
                if (!put(out)) {
                    return;
                }
                out = new ArrayList<>(BATCH);
            }
        }
        if (!out.isEmpty()) {
            put(out);
        }
    }

    private Map<String, Object> source(StoredFields stored, int doc) throws IOException {
        BytesRef bytes = stored.document(doc, Set.of(IndexLayout.SOURCE)).getBinaryValue(IndexLayout.SOURCE);
        return SourceCodec.project(codec.decode(bytes.bytes, bytes.offset, bytes.length, sourceKeys), fields);
    }

    /** Hands a batch to the consumer; false once the stream is closed. */
    private boolean put(List<StoredEvent> events) {
        try {
            while (!queue.offer(events, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean hasNext() {
        while (position >= batch.size()) {
            if (closed || finishedReaders == readerCount) {
                close();
                return false;
            }
            List<StoredEvent> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new StoreException("column stream interrupted", e);
            }
            if (next == DONE) {
                finishedReaders++;
                Throwable error = failure.get();
                if (error != null) {
                    close();
                    throw error instanceof RuntimeException r ? r
                            : new StoreException("column stream: " + error.getMessage(), error);
                }
            } else {
                batch = next;
                position = 0;
            }
        }
        return true;
    }

    @Override
    public StoredEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.get(position++);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        batch = List.of();
        readers.shutdownNow();
        try {
            if (!readers.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new StoreException("column stream: its readers did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.clear();
            snapshot.close();
        }
    }

    /** One requested field in one segment: its columns and the strings of its ordinals. */
    private static final class Column {
        private final SortedSetDocValues keywords;
        private final SortedNumericDocValues longs;
        private final SortedNumericDocValues doubles;
        private final NumericDocValues timestamps;
        /** Documents with a value of this field that has no doc values, or null. */
        private final PostingsEnum withoutColumn;
        private final String[] strings;

        Column(LeafReader reader, String name) throws IOException {
            boolean timestamp = name.equals(Event.TIMESTAMP);
            timestamps = timestamp ? reader.getNumericDocValues(Event.TIMESTAMP) : null;
            String keywordField = IndexLayout.KEYWORD_FIELDS.contains(name) ? name : name + IndexLayout.KEYWORD_SUFFIX;
            keywords = timestamp ? null : reader.getSortedSetDocValues(keywordField);
            longs = timestamp ? null : reader.getSortedNumericDocValues(name + IndexLayout.LONG_SUFFIX);
            doubles = timestamp ? null : reader.getSortedNumericDocValues(name + IndexLayout.DOUBLE_SUFFIX);
            withoutColumn = reader.postings(new Term(IndexLayout.FIELD_NAMES, name), PostingsEnum.NONE);
            strings = keywords != null && keywords.getValueCount() <= MAX_CACHED_ORDINALS
                    ? new String[(int) keywords.getValueCount()] : null;
        }

        /** The value of this field in the document, null if it has none, or {@link #FROM_SOURCE}. */
        Object read(int doc) throws IOException {
            if (withoutColumn != null) {
                if (withoutColumn.docID() < doc) {
                    withoutColumn.advance(doc);
                }
                if (withoutColumn.docID() == doc) {
                    return FROM_SOURCE;
                }
            }
            if (timestamps != null) {
                return timestamps.advanceExact(doc) ? timestamps.longValue() : null;
            }
            Object value = null;
            int kinds = 0;
            if (keywords != null && keywords.advanceExact(doc)) {
                if (keywords.docValueCount() != 1) {
                    return FROM_SOURCE;
                }
                value = string((int) keywords.nextOrd());
                kinds++;
            }
            if (longs != null && longs.advanceExact(doc)) {
                if (longs.docValueCount() != 1) {
                    return FROM_SOURCE;
                }
                value = longs.nextValue();
                kinds++;
            }
            if (doubles != null && doubles.advanceExact(doc)) {
                if (doubles.docValueCount() != 1) {
                    return FROM_SOURCE;
                }
                value = NumericUtils.sortableLongToDouble(doubles.nextValue());
                kinds++;
            }
            return kinds > 1 ? FROM_SOURCE : value;
        }

        private String string(int ordinal) throws IOException {
            if (strings == null) {
                return keywords.lookupOrd(ordinal).utf8ToString();
            }
            String value = strings[ordinal];
            if (value == null) {
                value = keywords.lookupOrd(ordinal).utf8ToString();
                strings[ordinal] = value;
            }
            return value;
        }
    }
}
