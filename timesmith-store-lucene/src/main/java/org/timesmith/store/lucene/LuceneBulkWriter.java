package org.timesmith.store.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.timesmith.core.event.Event;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.StoreException;

/**
 * Hands batches of events to the store's indexing threads, which turn them into documents and
 * replace any document with the same id. At most a few batches are in flight per writer, so
 * {@link #add} blocks when indexing falls behind and memory stays bounded. One writer serves one
 * producing thread; several writers may run at once.
 *
 * <p>Replacing means looking every id up in every segment, a tenth of the indexing work. Ids of one
 * data source share a prefix ({@link EventIds}), so when no event with the prefix is in the index
 * (a first import, the usual case) the writer reserves it and simply adds its events, as long as
 * their ids keep ascending; an id that does not (a caller re-adding an event) switches the prefix
 * back to replacing, after the batches in flight, so the result is the same either way.
 */
final class LuceneBulkWriter implements BulkWriter {

    private final LuceneIndex index;
    private final EventDocuments documents;
    private final ExecutorService indexThreads;
    private final int batchSize;
    private final int indexThreadCount;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Runnable onClose;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final long maxBatchAgeNanos;
    /** Per id prefix seen: the last id added without lookup, or null once the prefix replaces. */
    private final Map<String, String> appendedUpTo = new HashMap<>();
    private final List<String> reserved = new ArrayList<>();
    private String lastPrefix;
    private List<Pending> batch;
    private long batchStartedNanos;
    private long written;
    private boolean closed;

    LuceneBulkWriter(LuceneIndex index, EventDocuments documents, ExecutorService indexThreads,
                     LuceneStoreOptions options, Runnable onClose) {
        this.index = index;
        this.documents = documents;
        this.indexThreads = indexThreads;
        this.batchSize = options.batchSize();
        this.indexThreadCount = options.indexThreads();
        this.maxInFlight = 2 * options.indexThreads();
        this.inFlight = new Semaphore(maxInFlight);
        this.onClose = onClose;
        this.batch = new ArrayList<>(batchSize);
        this.maxBatchAgeNanos = options.refreshMillis() * 500_000L;
    }

    /** An event of a batch and whether it must replace a document with its id. */
    private record Pending(Event event, boolean replace) {
    }

    @Override
    public void add(Event event) {
        ensureOpen();
        throwIfFailed();
        EventDocuments.validate(event);
        boolean replace = mustReplace(event.id());
        if (batch.isEmpty()) {
            batchStartedNanos = System.nanoTime();
        }
        batch.add(new Pending(event, replace));
        written++;
        // a slow producer must not keep events unsearchable for longer than about a refresh period
        if (batch.size() >= batchSize || System.nanoTime() - batchStartedNanos > maxBatchAgeNanos) {
            submit();
        }
    }

    private boolean mustReplace(String id) {
        int length = Math.min(id.length(), EventIds.DATA_SOURCE_PREFIX);
        String prefix = lastPrefix != null && lastPrefix.length() == length && id.startsWith(lastPrefix)
                ? lastPrefix : id.substring(0, length);
        lastPrefix = prefix;
        String upTo = appendedUpTo.get(prefix);
        if (upTo == null && !appendedUpTo.containsKey(prefix)) {
            if (!claim(prefix)) {
                appendedUpTo.put(prefix, null);
                return true;
            }
            reserved.add(prefix);
            appendedUpTo.put(prefix, id);
            return false;
        }
        if (upTo == null) {
            return true;
        }
        if (id.compareTo(upTo) > 0) {
            appendedUpTo.put(prefix, id);
            return false;
        }
        // the id may already have been added: replace from now on, once earlier batches are in
        awaitInFlight();
        appendedUpTo.put(prefix, null);
        return true;
    }

    private boolean claim(String prefix) {
        try {
            return index.claimForAppending(prefix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("index " + index.name() + ": interrupted while writing", e);
        }
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        List<Pending> work = batch;
        batch = new ArrayList<>(batchSize);
        runOnIndexThread(() -> {
            IndexWriter writer = index.writer();
            for (Pending pending : work) {
                Event event = pending.event();
                if (pending.replace()) {
                    writer.updateDocument(new Term(IndexLayout.ID, event.id()), documents.toDocument(event));
                } else {
                    writer.addDocument(documents.toDocument(event));
                }
            }
        });
    }

    private interface IndexWork {
        void run() throws IOException;
    }

    private void runOnIndexThread(IndexWork work) {
        acquire(1);
        try {
            indexThreads.execute(() -> {
                try {
                    work.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release();
            throw new StoreException("index " + index.name() + ": the store is closed", e);
        }
    }

    private void acquire(int permits) {
        try {
            inFlight.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("index " + index.name() + ": interrupted while writing", e);
        }
    }

    private void awaitInFlight() {
        acquire(maxInFlight);
        inFlight.release(maxInFlight);
    }

    @Override
    public void flush() {
        ensureOpen();
        submit();
        awaitInFlight();
        throwIfFailed();
        // a commit writes the RAM buffers of all indexing threads one after the other on this
        // thread; writing them first on the indexing threads, side by side, shortens that tail
        for (int i = 0; i < indexThreadCount; i++) {
            runOnIndexThread(() -> {
                while (index.writer().flushNextBuffer()) {
                    // until no buffer is left
                }
            });
        }
        awaitInFlight();
        throwIfFailed();
        index.commit();
        index.refresh();
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            // after flush, which refreshed: the next writer of these data sources sees their events
            index.releaseAppending(reserved);
            onClose.run();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("bulk writer for index " + index.name() + " is closed");
        }
    }

    private void throwIfFailed() {
        Throwable t = failure.get();
        if (t != null) {
            throw new StoreException("index " + index.name() + ": indexing failed: " + t.getMessage(), t);
        }
    }
}
