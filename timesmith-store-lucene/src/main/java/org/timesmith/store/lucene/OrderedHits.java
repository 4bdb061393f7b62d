package org.timesmith.store.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.BytesRef;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SortOrder;

/**
 * The first matches in (timestamp, id) order. Lucene sorts by the timestamp alone, which is cheap
 * (points skip uncompetitive documents); a sort that also compares ids reads the id of every
 * competitive document from compressed doc values and costs several times more. Ties are rare and
 * fixed afterwards: the documents sharing the last collected timestamp are fetched completely (by id
 * order), and the page is ordered by (timestamp, id) once the ids are loaded with the sources.
 */
final class OrderedHits {

    /** One hit with its full source. */
    record Hit(int doc, long timestamp, String id, Map<String, Object> source) {
        SearchAfter cursor() {
            return new SearchAfter(timestamp, id);
        }
    }

    static final Set<String> LOADED_FIELDS = Set.of(IndexLayout.ID, IndexLayout.SOURCE);

    private OrderedHits() {
    }

    static Hit one(IndexSearcher searcher, SourceCodec codec, String id) throws IOException {
        TopDocs top = searcher.search(new TermQuery(new Term(IndexLayout.ID, id)), 1);
        return top.scoreDocs.length == 0 ? null : load(searcher.storedFields(), codec, top.scoreDocs[0].doc, null);
    }

    /**
     * Events whose id sorts after this one, checked in the id doc values of the documents the other
     * clauses lead to (the events of one timestamp). A range over the id terms instead would
     * enumerate every later id of the index for each page.
     */
    static Query idAfter(String id) {
        return SortedDocValuesField.newSlowRangeQuery(IndexLayout.ID_SORT, new BytesRef(id), null, false, false);
    }

    /** Matches strictly after the cursor in this order. */
    static Query after(Query query, SortOrder order, SearchAfter after) {
        long t = after.timestamp();
        Query laterTime;
        if (order == SortOrder.ASC) {
            laterTime = t == Long.MAX_VALUE ? MatchNoDocsQuery.INSTANCE : IndexLayout.timeRange(t + 1, Long.MAX_VALUE);
        } else {
            laterTime = t == Long.MIN_VALUE ? MatchNoDocsQuery.INSTANCE : IndexLayout.timeRange(Long.MIN_VALUE, t - 1);
        }
        Query sameTimeLaterId = new BooleanQuery.Builder()
                .add(IndexLayout.timeRange(t, t), BooleanClause.Occur.FILTER)
                .add(idAfter(after.id()), BooleanClause.Occur.FILTER)
                .build();
        Query cursor = new BooleanQuery.Builder()
                .add(laterTime, BooleanClause.Occur.SHOULD)
                .add(sameTimeLaterId, BooleanClause.Occur.SHOULD)
                .build();
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.FILTER)
                .add(cursor, BooleanClause.Occur.FILTER)
                .build();
    }

    /**
     * The first {@code wanted} matches of the query (already restricted by any cursor) in order.
     * Rather than ranking every match by time, the query runs on windows reaching in from the end
     * the order starts at (the oldest event, or the newest for newest first), widening eightfold
     * until one holds enough matches: every event outside a window comes after everything in it.
     * A broad query over millions of events then reads the timestamps of a few thousand matches
     * instead of all of them. {@code lower} and {@code upper} bound the timestamps the query can
     * match (its time filters, a cursor; the long range when unknown): windows start there rather
     * than at the index's oldest or newest event, which a range or a later page would make them
     * widen across in vain.
     */
    static List<Hit> first(IndexSearcher searcher, SourceCodec codec, Query query, SortOrder order, int wanted,
                           long lower, long upper) throws IOException {
        boolean descending = order == SortOrder.DESC;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            PointValues points = leaf.reader().getPointValues(Event.TIMESTAMP);
            if (points != null && points.size() > 0) {
                min = Math.min(min, LongPoint.decodeDimension(points.getMinPackedValue(), 0));
                max = Math.max(max, LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
            }
        }
        int documents = Math.max(1, searcher.getIndexReader().maxDoc());
        // the span holding `wanted` matches if every event matched, four times over
        double expectedSpan = ((double) max - (double) min) / documents * wanted * 4;
        min = Math.max(min, lower);
        max = Math.min(max, upper);
        if (min < max) {
            long span = (long) Math.max(1, Math.min(expectedSpan, Long.MAX_VALUE / 16.0));
            // the window's inner edge, kept strictly inside (min, max) and free of overflow
            while (descending ? max - span > min && max - span < max : min + span < max && min + span > min) {
                Query range = descending ? IndexLayout.timeRange(max - span, Long.MAX_VALUE)
                        : IndexLayout.timeRange(Long.MIN_VALUE, min + span);
                Query window = new BooleanQuery.Builder()
                        .add(query, BooleanClause.Occur.FILTER)
                        .add(range, BooleanClause.Occur.FILTER)
                        .build();
                List<Hit> hits = collect(searcher, codec, window, order, wanted, null);
                if (hits.size() >= wanted) {
                    return hits;
                }
                if (span > Long.MAX_VALUE / 16) {
                    break;
                }
                span *= 8;
            }
        }
        return collect(searcher, codec, query, order, wanted, null);
    }

    /**
     * The first {@code wanted} matches in order, ranked over all matches at once: for a query that
     * a caller already confined to a narrow time window (where {@link #first}'s windows would
     * only search around the oldest or newest events in vain).
     */
    static List<Hit> ranked(IndexSearcher searcher, SourceCodec codec, Query query, SortOrder order, int wanted,
                            Set<String> keys) throws IOException {
        return collect(searcher, codec, query, order, wanted, keys);
    }

    /** @param keys the top-level source keys to decode (with the timestamp), or null for the whole source */
    private static List<Hit> collect(IndexSearcher searcher, SourceCodec codec, Query query, SortOrder order,
                                     int wanted, Set<String> keys) throws IOException {
        boolean descending = order == SortOrder.DESC;
        Sort byTime = new Sort(new SortField(Event.TIMESTAMP, SortField.Type.LONG, descending));
        ScoreDoc[] docs = searcher.search(query, new TopFieldCollectorManager(byTime, wanted, null, wanted)).scoreDocs;
        if (docs.length == 0) {
            return List.of();
        }
        List<Integer> docIds = new ArrayList<>(docs.length);
        if (docs.length < wanted) {
            for (ScoreDoc doc : docs) {
                docIds.add(doc.doc);
            }
        } else {
            // the group sharing the last timestamp may have been cut anywhere: take it whole, by id
            long boundary = (Long) ((FieldDoc) docs[docs.length - 1]).fields[0];
            for (ScoreDoc doc : docs) {
                if ((Long) ((FieldDoc) doc).fields[0] != boundary) {
                    docIds.add(doc.doc);
                }
            }
            Query tie = new BooleanQuery.Builder()
                    .add(query, BooleanClause.Occur.FILTER)
                    .add(IndexLayout.timeRange(boundary, boundary), BooleanClause.Occur.FILTER)
                    .build();
            Sort byId = new Sort(new SortField(IndexLayout.ID_SORT, SortField.Type.STRING));
            int room = wanted - docIds.size();
            for (ScoreDoc doc : searcher.search(tie, new TopFieldCollectorManager(byId, room, null, room)).scoreDocs) {
                docIds.add(doc.doc);
            }
        }
        int[] sortedDocs = docIds.stream().mapToInt(Integer::intValue).sorted().toArray();
        StoredFields storedFields = searcher.storedFields();
        Hit[] hits = new Hit[sortedDocs.length];
        for (int i = 0; i < sortedDocs.length; i++) {
            hits[i] = load(storedFields, codec, sortedDocs[i], keys);
        }
        Comparator<Hit> byTimestamp = Comparator.comparingLong(Hit::timestamp);
        Arrays.sort(hits, (descending ? byTimestamp.reversed() : byTimestamp).thenComparing(Hit::id));
        return Arrays.asList(hits);
    }

    private static Hit load(StoredFields storedFields, SourceCodec codec, int doc, Set<String> keys)
            throws IOException {
        // stored fields are compressed in blocks: callers read in document order so each is inflated once
        Document stored = storedFields.document(doc, LOADED_FIELDS);
        BytesRef bytes = stored.getBinaryValue(IndexLayout.SOURCE);
        Map<String, Object> source = keys == null ? codec.decode(bytes.bytes, bytes.offset, bytes.length)
                : codec.decode(bytes.bytes, bytes.offset, bytes.length, keys);
        long timestamp = source.get(Event.TIMESTAMP) instanceof Number n ? n.longValue() : 0L;
        return new Hit(doc, timestamp, stored.get(IndexLayout.ID), source);
    }
}
