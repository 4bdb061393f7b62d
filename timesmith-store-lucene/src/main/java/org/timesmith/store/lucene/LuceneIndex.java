package org.timesmith.store.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.timesmith.core.store.StoreException;
import org.timesmith.core.store.ThreadPriority;

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
    /** Id prefixes (data sources) that a bulk writer is appending without id lookups; guarded by this. */
    private final Set<String> appendingPrefixes = new HashSet<>();

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
            directory = new UninterruptibleDirectory(FSDirectory.open(path));
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
            config.setMergeScheduler(new ConcurrentMergeScheduler() {
                @Override
                protected void doMerge(MergeSource source, MergePolicy.OneMerge merge) throws IOException {
                    if (Thread.currentThread() instanceof MergeThread) {
                        ThreadPriority.background(); // searches go first
                    }
                    super.doMerge(source, merge);
                }
            });
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

    /**
     * Whether a bulk writer may add events whose ids start with {@code prefix} without replacing
     * existing ones: true when no event with such an id is in the index, and then the prefix is
     * reserved for the caller until {@link #releaseAppending}. Waits while another writer holds it,
     * so two imports of the same data source run one after the other and the second replaces.
     */
    synchronized boolean claimForAppending(String prefix) throws InterruptedException {
        while (appendingPrefixes.contains(prefix)) {
            wait();
        }
        // no refresh needed: every writer refreshes when it closes, and so do deletes
        if (containsIdWithPrefix(prefix)) {
            return false;
        }
        appendingPrefixes.add(prefix);
        return true;
    }

    synchronized void releaseAppending(Collection<String> prefixes) {
        appendingPrefixes.removeAll(prefixes);
        notifyAll();
    }

    private boolean containsIdWithPrefix(String prefix) {
        BytesRef wanted = new BytesRef(prefix);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    Terms ids = leaf.reader().terms(IndexLayout.ID);
                    if (ids == null) {
                        continue;
                    }
                    TermsEnum terms = ids.iterator();
                    if (terms.seekCeil(wanted) != TermsEnum.SeekStatus.END
                            && StringHelper.startsWith(terms.term(), wanted)) {
                        return true;
                    }
                }
                return false;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new StoreException("index " + name + ": cannot look up ids: " + e.getMessage(), e);
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
