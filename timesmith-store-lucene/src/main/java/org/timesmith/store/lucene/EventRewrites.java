package org.timesmith.store.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.store.StoreException;

/**
 * Rewrites many events of one index with their updates, which is how analyzers write their results
 * (a session number, a tag or a label on each of hundreds of thousands of events). Looking each id
 * up with a query, then reading its stored fields at random, cost more than re-indexing the event;
 * here the ids are sorted and looked up per segment in one walk of the id terms, the sources are
 * read per segment in document order (stored fields are compressed in blocks, so each block is
 * inflated once), and the documents are rebuilt and handed to the (thread-safe) writer by the
 * store's indexing threads, a slice of one segment each.
 */
final class EventRewrites {

    /** Documents one indexing thread rewrites at once: large enough to read whole stored-field blocks. */
    static final int SLICE = 2_048;
    /** Hits of one update-by-query page one indexing thread rewrites (a page is {@value LuceneEventStore#PAGE}). */
    static final int HIT_SLICE = 250;

    private final SourceCodec codec;
    private final EventDocuments documents;
    private final ExecutorService indexThreads;

    EventRewrites(SourceCodec codec, EventDocuments documents, ExecutorService indexThreads) {
        this.codec = codec;
        this.documents = documents;
        this.indexThreads = indexThreads;
    }

    /** A document found for an id, with the update it is to get. */
    private record Found(int doc, String id, EventUpdate update) {
    }

    /**
     * Applies each update to the live event with its id in the reader's view of the index; ids
     * without a live event are skipped. The caller commits.
     *
     * @return how many events were rewritten
     */
    long byId(IndexReader reader, IndexWriter writer, Map<String, EventUpdate> updates) throws IOException {
        // terms are in byte order; walking them in that order keeps the terms enum moving forward
        List<Map.Entry<BytesRef, String>> sorted = new ArrayList<>(updates.size());
        updates.keySet().forEach(id -> sorted.add(Map.entry(new BytesRef(id), id)));
        sorted.sort(Map.Entry.comparingByKey());
        BytesRef[] ids = sorted.stream().map(Map.Entry::getKey).toArray(BytesRef[]::new);
        // the caller's keys, as an id that is not valid UTF-16 does not come back from its bytes
        String[] keys = sorted.stream().map(Map.Entry::getValue).toArray(String[]::new);
        boolean[] done = new boolean[ids.length];
        List<Future<?>> slices = new ArrayList<>();
        long found = 0;
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                List<Found> inLeaf = lookUp(leaf.reader(), ids, keys, done, updates);
                found += inLeaf.size();
                inLeaf.sort((a, b) -> Integer.compare(a.doc(), b.doc()));
                for (int from = 0; from < inLeaf.size(); from += SLICE) {
                    List<Found> slice = inLeaf.subList(from, Math.min(inLeaf.size(), from + SLICE));
                    slices.add(indexThreads.submit(() -> rewrite(leaf.reader(), writer, slice)));
                }
            }
            awaitAll(slices);
        } finally {
            stop(slices);
        }
        return found;
    }

    /** The live documents of one segment among the ids not found in an earlier segment. */
    private static List<Found> lookUp(LeafReader leaf, BytesRef[] ids, String[] keys, boolean[] done,
                                      Map<String, EventUpdate> updates) throws IOException {
        List<Found> found = new ArrayList<>();
        Terms terms = leaf.terms(IndexLayout.ID);
        if (terms == null) {
            return found;
        }
        TermsEnum enumerator = terms.iterator();
        Bits live = leaf.getLiveDocs();
        PostingsEnum postings = null;
        for (int i = 0; i < ids.length; i++) {
            if (done[i] || !enumerator.seekExact(ids[i])) {
                continue;
            }
            postings = enumerator.postings(postings, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    found.add(new Found(doc, keys[i], updates.get(keys[i])));
                    done[i] = true;
                    break;
                }
            }
        }
        return found;
    }

    /** Reads the sources of one segment's documents in document order and replaces them updated. */
    private Void rewrite(LeafReader leaf, IndexWriter writer, List<Found> slice) throws IOException {
        StoredFields stored = sequentialStoredFields(leaf);
        for (Found hit : slice) {
            Document document = stored.document(hit.doc(), OrderedHits.LOADED_FIELDS);
            BytesRef bytes = document.getBinaryValue(IndexLayout.SOURCE);
            Map<String, Object> source = codec.decode(bytes.bytes, bytes.offset, bytes.length);
            rewrite(writer, hit.id(), source, hit.update());
        }
        return null;
    }

    /**
     * Stored fields for reading documents in increasing order. The ordinary reader inflates a
     * document's compressed block again for every document; the merge instance (made for exactly
     * this sequential walk) inflates each block once and serves its documents from it (re-inflating
     * was the largest single cost of the indexing threads in a profile of a 200,000-event rewrite).
     */
    private static StoredFields sequentialStoredFields(LeafReader leaf) throws IOException {
        if (leaf instanceof CodecReader codecReader && codecReader.getFieldsReader() != null) {
            return codecReader.getFieldsReader().getMergeInstance();
        }
        return leaf.storedFields();
    }

    /** Replaces one event, given its decoded source, by the updated event. */
    void rewrite(IndexWriter writer, String id, Map<String, Object> source, EventUpdate update) throws IOException {
        SourceUpdates.apply(source, update);
        writer.updateDocument(new Term(IndexLayout.ID, id), documents.toDocument(new Event(id, source)));
    }

    /**
     * Rewrites already loaded hits (a page of an update by query) with one update, a slice per
     * indexing thread.
     */
    void hits(IndexWriter writer, List<OrderedHits.Hit> hits, EventUpdate update) {
        List<Future<?>> slices = new ArrayList<>();
        try {
            for (int from = 0; from < hits.size(); from += HIT_SLICE) {
                List<OrderedHits.Hit> slice = hits.subList(from, Math.min(hits.size(), from + HIT_SLICE));
                slices.add(indexThreads.submit(() -> {
                    for (OrderedHits.Hit hit : slice) {
                        rewrite(writer, hit.id(), hit.source(), update);
                    }
                    return null;
                }));
            }
            awaitAll(slices);
        } finally {
            stop(slices);
        }
    }

    /**
     * After a failure: cancels the slices not started and waits for the running ones, so none reads
     * a segment after the caller closed its snapshot.
     */
    private static void stop(List<Future<?>> slices) {
        slices.forEach(slice -> slice.cancel(false));
        for (Future<?> slice : slices) {
            try {
                slice.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | CancellationException alreadyReported) {
                // the first failure is what the caller sees
            }
        }
    }

    /** Waits for every slice; the first failure is rethrown as it was thrown (a bad event stays an IllegalArgumentException). */
    private static void awaitAll(List<Future<?>> slices) {
        for (Future<?> slice : slices) {
            try {
                slice.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while updating events", e);
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case RuntimeException runtime -> throw runtime;
                    case Error error -> throw error;
                    case Throwable other -> throw new StoreException("update failed: " + other.getMessage(), other);
                }
            }
        }
    }
}
