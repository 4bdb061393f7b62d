package org.timesmith.analysis.traffic;

import java.util.Arrays;

/**
 * A set of longs as a sorted, duplicate-free prefix and an appended tail: the distinct pair keys of
 * a slot. Adding appends (the slots of a month take turns, and an append touches one cache line
 * where a hash table's probe missed the cache almost every time at ten million connections); when
 * the array is full the tail is sorted into the prefix and duplicates dropped, and the array grows
 * only if that leaves it more than half full. So memory stays within twice the distinct keys,
 * whatever the number of connections.
 */
final class LongSet {

    private long[] keys = new long[16];
    /** Keys {@code [0, distinct)} are sorted and distinct; {@code [distinct, size)} were appended since. */
    private int distinct;
    private int size;

    void add(long key) {
        if (size == keys.length) {
            compact();
            if (2 * size > keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
        }
        keys[size++] = key;
    }

    private void compact() {
        if (distinct == size) {
            return;
        }
        Arrays.sort(keys, 0, size);
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept == 0 || keys[i] != keys[kept - 1]) {
                keys[kept++] = keys[i];
            }
        }
        distinct = kept;
        size = kept;
    }

    int size() {
        compact();
        return size;
    }

    /** The distinct keys, sorted. */
    long[] toArray() {
        compact();
        return Arrays.copyOf(keys, size);
    }
}
