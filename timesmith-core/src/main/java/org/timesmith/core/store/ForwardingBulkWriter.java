package org.timesmith.core.store;

import org.timesmith.core.event.Event;

/**
 * A bulk writer that does something with each event (checks it, adds to it) and hands it on to
 * another writer, which does the writing: flushing, counting and closing go straight through, so
 * a decorator states only what it adds.
 */
public abstract class ForwardingBulkWriter implements BulkWriter {

    private final BulkWriter writer;

    protected ForwardingBulkWriter(BulkWriter writer) {
        this.writer = writer;
    }

    @Override
    public void add(Event event) {
        writer.add(event);
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public long written() {
        return writer.written();
    }

    @Override
    public void close() {
        writer.close();
    }
}
