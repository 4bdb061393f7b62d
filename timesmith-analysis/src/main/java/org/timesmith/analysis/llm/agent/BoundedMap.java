package org.timesmith.analysis.llm.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry beyond a size, so that per-key state (per
 * address, per connection) stays bounded however many keys a log holds.
 */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {

    private final int limit;

    BoundedMap(int limit) {
        super(16, 0.75f, true);
        this.limit = limit;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > limit;
    }
}
