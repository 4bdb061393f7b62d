package org.timesmith.core.store;

import java.util.Iterator;
import org.timesmith.core.search.StoredEvent;

/** Every match of a search, in order, fetched page by page; close it when done. */
public interface EventStream extends Iterator<StoredEvent>, AutoCloseable {

    @Override
    void close();
}
