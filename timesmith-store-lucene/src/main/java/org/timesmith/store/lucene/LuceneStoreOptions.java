package org.timesmith.store.lucene;

/**
 * Tuning of the embedded store.
 *
 * @param ramBufferMb       IndexWriter RAM buffer per index before a segment is flushed to disk
 * @param refreshMillis     how stale searches may be while writes run (near-real-time reopen period)
 * @param indexThreads      threads turning events into documents for all bulk writers
 * @param batchSize         events a bulk writer hands to one indexing thread at once
 */
public record LuceneStoreOptions(int ramBufferMb, long refreshMillis, int indexThreads, int batchSize) {

    public LuceneStoreOptions {
        if (ramBufferMb < 1 || refreshMillis < 1 || indexThreads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("store options must be positive: " + ramBufferMb + ", "
                    + refreshMillis + ", " + indexThreads + ", " + batchSize);
        }
    }

    /** 128 MB buffer, refresh every second, one indexing thread per core, batches of 512. */
    public static LuceneStoreOptions defaults() {
        return new LuceneStoreOptions(128, 1000, Runtime.getRuntime().availableProcessors(), 512);
    }
}
