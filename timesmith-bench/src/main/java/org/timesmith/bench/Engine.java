package org.timesmith.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One store under test: it ingests the generated CSV until every event is searchable, reports its
 * index size on disk and runs the benchmark queries (each returns a result size, printed so that
 * both stores can be seen to answer the same).
 */
interface Engine extends AutoCloseable {

    /** A named benchmark query. */
    record Query(String name, LongSupplier run) {
    }

    String name();

    /** Imports the file; returns the number of events indexed once they are all searchable. */
    long ingest(Path csv) throws IOException;

    /**
     * Imports the file into a scratch index and deletes it again, so that the measured import runs
     * on compiled code, as imports into a running server do.
     */
    void warmUp(Path csv) throws IOException;

    long indexBytes() throws IOException;

    List<Query> queries();

    /** Starts measuring the heap of the JVM the store runs in: by default this one. */
    default HeapProbe heapProbe() {
        return new HeapMeter();
    }

    /** CPU time used so far by the store's own process if it runs outside this JVM, else 0. */
    default long ownProcessCpuNanos() {
        return 0;
    }

    @Override
    void close() throws IOException;
}
