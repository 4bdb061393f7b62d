package org.timesmith.analysis.traffic;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Distinct peers without a string per connection: each address and protocol of a builder gets a
 * small id, and a (source, destination, protocol) triple is packed into one long
 * ({@value #ADDRESS_BITS} bits per address, {@value #PROTOCOL_BITS} for the protocol). A slot keeps
 * the distinct keys once ({@link LongSet}), not once per series; the counts per series (each
 * protocol and {@code total}, all directions and each one) are derived from them when the series
 * are built. The direction of a pair follows from its addresses, so it needs no bits of its own.
 */
final class PairKeys {

    static final int ADDRESS_BITS = 26;
    static final int PROTOCOL_BITS = 12;
    private static final long ADDRESS_MASK = (1L << ADDRESS_BITS) - 1;
    private static final long PROTOCOL_MASK = (1L << PROTOCOL_BITS) - 1;

    /** Address ids from 1 in keys (the interner's + 1), so that no key is 0. */
    private final Interner addresses = new Interner((int) ADDRESS_MASK, "distinct addresses");
    private final BitSet internal = new BitSet();
    private final Interner protocols = new Interner((int) PROTOCOL_MASK + 1, "distinct protocols");

    /** The id of a canonical address (from 1, so that no key is 0). */
    int id(String address, boolean isInternal) {
        int id = addresses.id(address) + 1;
        if (isInternal) {
            internal.set(id);
        }
        return id;
    }

    String address(int id) {
        return addresses.name(id - 1);
    }

    int protocol(String protocol) {
        return protocols.id(protocol);
    }

    String protocolName(int protocol) {
        return protocols.name(protocol);
    }

    int protocolCount() {
        return protocols.size();
    }

    static long key(int source, int destination, int protocol) {
        return (long) source << (ADDRESS_BITS + PROTOCOL_BITS) | (long) destination << PROTOCOL_BITS | protocol;
    }

    /**
     * The distinct (source, destination) pairs of one slot: row {@code p} for protocol id {@code p},
     * the last row for all protocols together; one column per {@link Direction}, {@code ALL} first.
     */
    long[][] slotCounts(LongSet set) {
        long[] keys = set.toArray();
        Direction[] directions = Direction.values();
        long[][] counts = new long[protocols.size() + 1][directions.length];
        long[] pairs = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            int protocol = (int) (keys[i] & PROTOCOL_MASK);
            pairs[i] = keys[i] >>> PROTOCOL_BITS;
            counts[protocol][0]++;
            counts[protocol][direction(pairs[i]).ordinal()]++;
        }
        Arrays.sort(pairs);
        long[] total = counts[protocols.size()];
        for (int i = 0; i < pairs.length; i++) {
            if (i == 0 || pairs[i] != pairs[i - 1]) {
                total[0]++;
                total[direction(pairs[i]).ordinal()]++;
            }
        }
        return counts;
    }

    private Direction direction(long pair) {
        int source = (int) (pair >>> ADDRESS_BITS);
        int destination = (int) (pair & ADDRESS_MASK);
        return Direction.of(internal.get(source), internal.get(destination));
    }
}
