package org.timesmith.analysis.traffic;

import java.util.Arrays;

/**
 * A set of non-zero longs in one array (open addressing, linear probing): the distinct pair keys
 * of a slot, where a {@code HashSet<String>} per slot and series held tens of millions of entries
 * at ten million connections and took more time in the collector than the counting itself.
 */
final class LongSet {

    private long[] table = new long[16];
    private int size;

    /** Adds a key (never 0, the empty mark). */
    void add(long key) {
        if (key == 0) {
            throw new IllegalArgumentException("0 marks an empty entry");
        }
        if (2 * (size + 1) > table.length) {
            grow();
        }
        insert(table, key);
    }

    private boolean insert(long[] into, long key) {
        int mask = into.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (into[i] == 0) {
                into[i] = key;
                if (into == table) {
                    size++;
                }
                return true;
            }
            if (into[i] == key) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long key : table) {
            if (key != 0) {
                insert(bigger, key);
            }
        }
        table = bigger;
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.stream(table).filter(k -> k != 0).toArray();
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) ^ (int) h;
    }
}
