package org.timesmith.store.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.Term;
import org.timesmith.core.event.Event;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.StoreException;

/**
 * Hands batches of events to the store's indexing threads, which turn them into documents and
 * replace any document with the same id. At most a few batches are in flight per writer, so
 * {@link #add} blocks when indexing falls behind and memory stays bounded. One writer serves one
 * producing thread; several writers may run at once.
 */
final class LuceneBulkWriter implements BulkWriter {

    private final LuceneIndex index;
    private final EventDocuments documents;
    private final ExecutorService indexThreads;
    private final int batchSize;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Runnable onClose;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final long maxBatchAgeNanos;
    private List<Event> batch;
    private long batchStartedNanos;
    private long written;
    private boolean closed;

    LuceneBulkWriter(LuceneIndex index, EventDocuments documents, ExecutorService indexThreads,
                     LuceneStoreOptions options, Runnable onClose) {
        this.index = index;
        this.documents = documents;
        this.indexThreads = indexThreads;
        this.batchSize = options.batchSize();
        this.maxInFlight = 2 * options.indexThreads();
        this.inFlight = new Semaphore(maxInFlight);
        this.onClose = onClose;
        this.batch = new ArrayList<>(batchSize);
        this.maxBatchAgeNanos = options.refreshMillis() * 500_000L;
    }

    @Override
    public void add(Event event) {
        ensureOpen();
        throwIfFailed();
        EventDocuments.validate(event);
        if (batch.isEmpty()) {
            batchStartedNanos = System.nanoTime();
        }
        batch.add(event);
        written++;
        // a slow producer must not keep events unsearchable for longer than about a refresh period
        if (batch.size() >= batchSize || System.nanoTime() - batchStartedNanos > maxBatchAgeNanos) {
            submit();
        }
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        List<Event> work = batch;
        batch = new ArrayList<>(batchSize);
        acquire(1);
        try {
            indexThreads.execute(() -> {
                try {
                    for (Event event : work) {
                        index.writer().updateDocument(new Term(IndexLayout.ID, event.id()), documents.toDocument(event));
                    }
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

    @Override
    public void flush() {
        ensureOpen();
        submit();
        acquire(maxInFlight);
        inFlight.release(maxInFlight);
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
