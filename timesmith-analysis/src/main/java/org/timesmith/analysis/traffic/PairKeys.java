package org.timesmith.analysis.traffic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final Map<String, Integer> addresses = new HashMap<>();
    private final BitSet internal = new BitSet();
    private final Map<String, Integer> protocols = new HashMap<>();
    private final List<String> protocolNames = new ArrayList<>();

    /** The id of a canonical address (from 1, so that no key is 0). */
    int id(String address, boolean isInternal) {
        Integer id = addresses.get(address);
        if (id == null) {
            id = addresses.size() + 1;
            if (id > ADDRESS_MASK) {
                throw new IllegalStateException("more than " + ADDRESS_MASK + " distinct addresses");
            }
            addresses.put(address, id);
            internal.set(id, isInternal);
        }
        return id;
    }

    int protocol(String protocol) {
        Integer id = protocols.get(protocol);
        if (id == null) {
            id = protocolNames.size();
            if (id > PROTOCOL_MASK) {
                throw new IllegalStateException("more than " + (PROTOCOL_MASK + 1) + " distinct protocols");
            }
            protocols.put(protocol, id);
            protocolNames.add(protocol);
        }
        return id;
    }

    static long key(int source, int destination, int protocol) {
        return (long) source << (ADDRESS_BITS + PROTOCOL_BITS) | (long) destination << PROTOCOL_BITS | protocol;
    }

    /** Distinct (source, destination) pairs per series, day and slot, from each slot's distinct keys. */
    Map<SeriesKey, Map<LocalDate, long[]>> distinctPairs(Map<LocalDate, LongSet[]> keysByDay, int slots) {
        Map<SeriesKey, Map<LocalDate, long[]>> counts = new HashMap<>();
        Direction[] directions = Direction.values();
        for (Map.Entry<LocalDate, LongSet[]> day : keysByDay.entrySet()) {
            for (int slot = 0; slot < slots; slot++) {
                LongSet set = day.getValue()[slot];
                if (set == null) {
                    continue;
                }
                long[] keys = set.toArray();
                // rows: each protocol, then total; columns: the directions, ALL first
                long[][] slotCounts = new long[protocolNames.size() + 1][directions.length];
                long[] pairs = new long[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    int protocol = (int) (keys[i] & PROTOCOL_MASK);
                    pairs[i] = keys[i] >>> PROTOCOL_BITS;
                    slotCounts[protocol][0]++;
                    slotCounts[protocol][direction(pairs[i]).ordinal()]++;
                }
                Arrays.sort(pairs);
                long[] total = slotCounts[protocolNames.size()];
                for (int i = 0; i < pairs.length; i++) {
                    if (i == 0 || pairs[i] != pairs[i - 1]) {
                        total[0]++;
                        total[direction(pairs[i]).ordinal()]++;
                    }
                }
                for (int p = 0; p < slotCounts.length; p++) {
                    String name = p == protocolNames.size() ? SeriesKey.TOTAL : protocolNames.get(p);
                    for (Direction direction : directions) {
                        long count = slotCounts[p][direction.ordinal()];
                        if (count > 0) {
                            counts.computeIfAbsent(new SeriesKey(name, direction), k -> new HashMap<>())
                                    .computeIfAbsent(day.getKey(), d -> new long[slots])[slot] = count;
                        }
                    }
                }
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
