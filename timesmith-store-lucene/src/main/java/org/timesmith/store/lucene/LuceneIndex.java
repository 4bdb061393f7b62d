package org.timesmith.store.lucene;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.timesmith.core.store.StoreException;

/**
 * One open index: its directory, the single writer and the near-real-time searcher manager.
 *
 * <p>Reopening a searcher flushes the writer's buffered documents into a new segment, which costs
 * ingest speed, so — like OpenSearch's search-idle shards — the periodic refresh only runs for an
 * index searched in the last {@link #SEARCH_IDLE_NANOS}; the first search after a quiet spell
 * refreshes before it reads, so it never sees stale data.
 */
final class LuceneIndex implements AutoCloseable {

    static final long SEARCH_IDLE_NANOS = 30_000_000_000L;

    private final String name;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile long lastSearchNanos = System.nanoTime() - 2 * SEARCH_IDLE_NANOS;

    private LuceneIndex(String name, Directory directory, IndexWriter writer, SearcherManager searchers) {
        this.name = name;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
    }

    static LuceneIndex open(String name, Path path, LuceneStoreOptions options, FieldAnalyzer analyzer) {
        Directory directory = null;
        IndexWriter writer = null;
        try {
            directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(options.ramBufferMb())
                    // no index sort: sorting every flushed segment (stored fields are written twice)
                    // cost about a third of the store's ingest CPU; time-sorted searches skip
                    // uncompetitive documents through the timestamp points instead
                    .setCommitOnClose(true)
                    // compound files would copy every flushed and merged segment once more
                    .setUseCompoundFile(false);
            config.getMergePolicy().setNoCFSRatio(0.0);
            writer = new IndexWriter(directory, config);
            if (!org.apache.lucene.index.DirectoryReader.indexExists(directory)) {
                writer.commit();
            }
            return new LuceneIndex(name, directory, writer, new SearcherManager(writer, null));
        } catch (IOException | RuntimeException e) {
            closeQuietly(writer);
            closeQuietly(directory);
            throw new StoreException("cannot open index " + name + " at " + path + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    IndexWriter writer() {
        return writer;
    }

    IndexSearcher acquire() {
        try {
            long now = System.nanoTime();
            boolean wasIdle = now - lastSearchNanos > SEARCH_IDLE_NANOS;
            lastSearchNanos = now;
            if (wasIdle) {
                searchers.maybeRefreshBlocking();
            }
            return searchers.acquire();
        } catch (IOException e) {
            throw new StoreException("index " + name + ": cannot open a searcher: " + e.getMessage(), e);
        }
    }

    void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new StoreException("index " + name + ": cannot release a searcher: " + e.getMessage(), e);
        }
    }

    /** Periodic reopen of a searched index; never blocks a caller that is already reopening. */
    void maybeRefresh() throws IOException {
        if (System.nanoTime() - lastSearchNanos <= SEARCH_IDLE_NANOS) {
            searchers.maybeRefresh();
        }
    }

    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new StoreException("index " + name + ": refresh failed: " + e.getMessage(), e);
        }
    }

    void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new StoreException("index " + name + ": commit failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new StoreException("index " + name + ": close failed: " + e.getMessage(), e);
        }
    }

    /** Drops the index without committing pending writes (it is about to be deleted). */
    void rollbackAndClose() {
        try {
            searchers.close();
            writer.rollback();
            directory.close();
        } catch (IOException e) {
            throw new StoreException("index " + name + ": close failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already failing with the cause that matters
            }
        }
    }
}
