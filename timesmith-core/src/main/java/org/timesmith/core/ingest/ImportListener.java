package org.timesmith.core.ingest;

/** Receives progress while an import runs (called from the importing thread, at most every few ms). */
public interface ImportListener {

    ImportListener NONE = (read, indexed, rejected, bytes) -> {
    };

    void progress(long read, long indexed, long rejected, long bytes);

    /**
     * Progress of an import with an event filter: {@code filtered} events were read and left out.
     * By default it reports to {@link #progress(long, long, long, long)}, where read then includes them.
     */
    default void progress(long read, long indexed, long rejected, long filtered, long bytes) {
        progress(read, indexed, rejected, bytes);
    }
}
