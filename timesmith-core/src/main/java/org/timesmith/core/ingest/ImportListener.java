package org.timesmith.core.ingest;

/** Receives progress while an import runs (called from the importing thread, at most every few ms). */
public interface ImportListener {

    ImportListener NONE = (read, indexed, rejected, bytes) -> {
    };

    void progress(long read, long indexed, long rejected, long bytes);
}
