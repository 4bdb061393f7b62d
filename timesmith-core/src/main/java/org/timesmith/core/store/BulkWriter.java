package org.timesmith.core.store;

import org.timesmith.core.event.Event;

/**
 * Writes events into one index in batches. {@link #add} blocks when the store is behind
 * (back-pressure) instead of buffering without bound. Events with an id that already exists
 * replace it, which makes re-running an import idempotent. Written events become searchable
 * within about a second; {@link #flush} makes everything added so far durable and searchable.
 */
public interface BulkWriter extends AutoCloseable {

    void add(Event event);

    void flush();

    /** Number of events added and accepted by the store so far. */
    long written();

    /** Flushes and releases the writer. */
    @Override
    void close();
}
