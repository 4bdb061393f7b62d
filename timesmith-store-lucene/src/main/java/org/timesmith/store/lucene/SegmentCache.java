package org.timesmith.store.lucene;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.Bits;

/**
 * Per-segment results of work that repeats (the aggregations every explore page runs), like
 * OpenSearch's request cache but per segment: a refresh that adds a segment only computes the new
 * one. A result is stored under the segment's core key and a request key (the query and what was
 * computed) and is only valid for the live documents it was computed on: it remembers the reader's
 * live-docs instance and live count, and a segment whose deletes changed since (an update or a
 * delete rewrites an event by deleting its old document) misses and is computed again. Lucene hands
 * out a new live-docs instance whenever a segment gets new deletes (copy on write), so comparing the
 * instance is exact. Segments with doc-values updates (this store makes none) are never cached, since
 * their core key does not change with the values. Entries of a segment go when its core closes (a
 * merge or a deleted index); the whole cache is bounded by an estimate of its bytes, least recently
 * used first. Thread-safe; computing happens outside the lock.
 */
final class SegmentCache {

    /** What a cached value weighs, roughly, so that the cache can stay within its budget. */
    interface Sized {
        long bytes();
    }

    private record Key(IndexReader.CacheKey core, Object request) {
    }

    private record Slot(Bits liveDocs, int numDocs, Sized value) {
    }

    /** Fixed cost of an entry (key, slot, map node) on top of the value's own estimate. */
    private static final long ENTRY_OVERHEAD = 200;

    private final long budgetBytes;
    private final LinkedHashMap<Key, Slot> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Set<IndexReader.CacheKey> watchedCores = new HashSet<>();
    private long bytes;
    private long hits;
    private long misses;

    SegmentCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** The cached value for this segment and request, or null when absent or computed on other live docs. */
    Object get(LeafReaderContext leaf, Object request) {
        LeafReader reader = leaf.reader();
        IndexReader.CacheHelper core = cacheableCore(reader);
        if (core == null) {
            return null;
        }
        synchronized (this) {
            Slot slot = entries.get(new Key(core.getKey(), request));
            if (slot == null || slot.liveDocs() != reader.getLiveDocs() || slot.numDocs() != reader.numDocs()) {
                misses++;
                return null;
            }
            hits++;
            return slot.value();
        }
    }

    /** Remembers a value computed on this segment as it is now (its current live docs). */
    void put(LeafReaderContext leaf, Object request, Sized value) {
        LeafReader reader = leaf.reader();
        IndexReader.CacheHelper core = cacheableCore(reader);
        long weight = value.bytes() + ENTRY_OVERHEAD;
        if (core == null || weight > budgetBytes / 4) {
            return;
        }
        boolean watch;
        synchronized (this) {
            Slot previous = entries.put(new Key(core.getKey(), request),
                    new Slot(reader.getLiveDocs(), reader.numDocs(), value));
            if (previous != null) {
                bytes -= previous.value().bytes() + ENTRY_OVERHEAD;
            }
            bytes += weight;
            Iterator<Map.Entry<Key, Slot>> eldest = entries.entrySet().iterator();
            while (bytes > budgetBytes && eldest.hasNext()) {
                bytes -= eldest.next().getValue().value().bytes() + ENTRY_OVERHEAD;
                eldest.remove();
            }
            watch = watchedCores.add(core.getKey());
        }
        if (watch) {
            // the caller holds a reader of this segment open, so its core cannot have closed yet
            core.addClosedListener(this::evictCore);
        }
    }

    private synchronized void evictCore(IndexReader.CacheKey core) {
        watchedCores.remove(core);
        Iterator<Map.Entry<Key, Slot>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Slot> entry = it.next();
            if (entry.getKey().core() == core) {
                bytes -= entry.getValue().value().bytes() + ENTRY_OVERHEAD;
                it.remove();
            }
        }
    }

    /** The core cache helper of a segment whose results may be cached, else null. */
    private static IndexReader.CacheHelper cacheableCore(LeafReader reader) {
        IndexReader.CacheHelper core = reader.getCoreCacheHelper();
        if (core == null) {
            return null;
        }
        for (FieldInfo info : reader.getFieldInfos()) {
            if (info.getDocValuesGen() != -1) {
                return null;
            }
        }
        return core;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }

    synchronized long bytes() {
        return bytes;
    }
}
