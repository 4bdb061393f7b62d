package org.timesmith.analysis.traffic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the days × slots series from a stream of events, one event at a time: memory grows with
 * series × days × slots (plus the distinct address pairs of each slot), not with the number of
 * events. Each connection counts in its protocol's series and in {@code total}, each time under
 * {@link Direction#ALL} and under its own direction. Counters computed elsewhere (an index's
 * aggregations, the stored series of an earlier run) come in through {@link #addCount} and
 * {@link #countAggregated}; both kinds of input may be mixed, as long as a slot of a series comes
 * from one of them (distinct peers do not add up). Not thread-safe; one builder per stream.
 */
public final class TrafficSeriesBuilder {

    /** How many rejections are kept with their reasons (all are counted). */
    public static final int KEPT_REJECTIONS = 20;

    private final TrafficConfig config;
    /** Addresses read so far (see {@link Connection.Address}); emptied when it holds {@value #KEPT_ADDRESSES}. */
    private final Map<String, Connection.Address> addresses = new HashMap<>();
    private final java.util.function.Function<String, Connection.Address> addressLookup = this::address;
    private static final int KEPT_ADDRESSES = 200_000;
    private final Map<SeriesKey, Map<LocalDate, Cells>> cells = new HashMap<>();
    private final TreeMap<LocalDate, BitSet> seen = new TreeMap<>();
    /** The distinct (source, destination, protocol) keys of each slot, for {@link TrafficMetric#DISTINCT_PEERS}. */
    private final Map<LocalDate, LongSet[]> pairKeys = new HashMap<>();
    private final PairKeys peers = new PairKeys();
    private final List<TrafficSeriesSet.EventRejection> rejections = new ArrayList<>();
    private long read;
    private long accepted;
    private long skipped;
    private long rejected;
    private long firstMicros = Long.MAX_VALUE;
    private long lastMicros = Long.MIN_VALUE;

    public TrafficSeriesBuilder(TrafficConfig config) {
        this.config = config;
    }

    /** Reads one event; returns the connection it was, if it was one. */
    public Optional<Connection> accept(Map<String, Object> event) {
        read++;
        Connection.Result result = Connection.read(event, config, addressLookup);
        switch (result) {
            case Connection.Skipped s -> {
                skipped++;
                return Optional.empty();
            }
            case Connection.Rejected r -> {
                rejected++;
                if (rejections.size() < KEPT_REJECTIONS) {
                    rejections.add(new TrafficSeriesSet.EventRejection(read, r.field(), r.reason()));
                }
                return Optional.empty();
            }
            case Connection.Accepted a -> {
                accepted++;
                add(a.connection());
                return Optional.of(a.connection());
            }
        }
    }

    private Connection.Address address(String text) {
        Connection.Address address = addresses.get(text);
        if (address == null) {
            if (addresses.size() >= KEPT_ADDRESSES) {
                addresses.clear();
            }
            address = Connection.Address.of(text, config);
            addresses.put(text, address);
        }
        return address;
    }

    private void add(Connection c) {
        firstMicros = Math.min(firstMicros, c.timestampMicros());
        lastMicros = Math.max(lastMicros, c.timestampMicros());
        ZonedDateTime local = Instant.ofEpochSecond(Math.floorDiv(c.timestampMicros(), 1_000_000L))
                .atZone(config.zone());
        LocalDate day = local.toLocalDate();
        int slot = (local.getHour() * 60 + local.getMinute()) / config.slotMinutes();
        seen.computeIfAbsent(day, d -> new BitSet(config.slotsPerDay())).set(slot);
        LongSet[] keys = pairKeys.computeIfAbsent(day, d -> new LongSet[config.slotsPerDay()]);
        if (keys[slot] == null) {
            keys[slot] = new LongSet();
        }
        keys[slot].add(PairKeys.key(peers.id(c.source(), c.sourceInternal()),
                peers.id(c.destination(), c.destinationInternal()), peers.protocol(c.protocol())));
        for (String protocol : new String[] {SeriesKey.TOTAL, c.protocol()}) {
            for (Direction direction : new Direction[] {Direction.ALL, c.direction()}) {
                cells.computeIfAbsent(new SeriesKey(protocol, direction), k -> new HashMap<>())
                        .computeIfAbsent(day, d -> new Cells(config.slotsPerDay()))
                        .add(slot, c.bytes());
            }
        }
    }

    /**
     * Adds a counter of one series computed elsewhere for a slot that was observed (a slot never
     * given is missing, {@code NaN}, as when no event fell into it).
     */
    public void addCount(SeriesKey key, LocalDate day, int slot, TrafficMetric metric, long value) {
        if (slot < 0 || slot >= config.slotsPerDay()) {
            throw new IllegalArgumentException("slot " + slot + " is outside 0.." + (config.slotsPerDay() - 1));
        }
        if (value < 0) {
            throw new IllegalArgumentException("a negative " + metric + " count: " + value);
        }
        seen.computeIfAbsent(day, d -> new BitSet(config.slotsPerDay())).set(slot);
        cells.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(day, d -> new Cells(config.slotsPerDay()))
                .add(slot, metric, value);
    }

    /**
     * Accounts for events counted elsewhere: {@code read} of them, {@code rejected} (missing fields)
     * among them, the others accepted, between {@code firstEventMicros} and {@code lastEventMicros}
     * (ignored when none was accepted).
     */
    public void countAggregated(long readCount, long rejectedCount, String rejectionReason, long firstEventMicros,
                                long lastEventMicros) {
        read += readCount;
        rejected += rejectedCount;
        accepted += readCount - rejectedCount;
        if (rejectedCount > 0 && rejections.size() < KEPT_REJECTIONS) {
            rejections.add(new TrafficSeriesSet.EventRejection(read, "*", rejectedCount + " events: " + rejectionReason));
        }
        if (readCount > rejectedCount) {
            firstMicros = Math.min(firstMicros, firstEventMicros);
            lastMicros = Math.max(lastMicros, lastEventMicros);
        }
    }

    public TrafficSeriesSet build() {
        List<LocalDate> days = new ArrayList<>();
        if (!seen.isEmpty()) {
            LocalDate first = seen.firstKey();
            LocalDate last = seen.lastKey();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                days.add(d);
            }
        }
        int slots = config.slotsPerDay();
        List<TrafficSeriesSet.IncompleteDay> incomplete = new ArrayList<>();
        for (LocalDate day : days) {
            BitSet bits = seen.getOrDefault(day, new BitSet());
            List<Integer> missing = new ArrayList<>();
            for (int s = bits.nextClearBit(0); s < slots; s = bits.nextClearBit(s + 1)) {
                missing.add(s);
            }
            if (!missing.isEmpty()) {
                incomplete.add(new TrafficSeriesSet.IncompleteDay(day, missing));
            }
        }
        Map<SeriesKey, Map<LocalDate, long[]>> distinct = peers.distinctPairs(pairKeys, slots);
        List<TrafficSeries> series = new ArrayList<>();
        for (SeriesKey key : cells.keySet().stream().sorted().toList()) {
            Map<LocalDate, Cells> byDay = cells.get(key);
            Map<LocalDate, long[]> distinctByDay = distinct.getOrDefault(key, Map.of());
            for (TrafficMetric metric : TrafficMetric.values()) {
                double[][] values = new double[days.size()][slots];
                for (int d = 0; d < days.size(); d++) {
                    BitSet bits = seen.getOrDefault(days.get(d), new BitSet());
                    Cells dayCells = byDay.get(days.get(d));
                    long[] dayDistinct = distinctByDay.get(days.get(d));
                    for (int s = 0; s < slots; s++) {
                        values[d][s] = !bits.get(s) ? Double.NaN : dayCells == null ? 0 : dayCells.value(metric, s)
                                + (metric == TrafficMetric.DISTINCT_PEERS && dayDistinct != null ? dayDistinct[s] : 0);
                    }
                }
                series.add(new TrafficSeries(key, metric, config.slotMinutes(), days, values));
            }
        }
        return new TrafficSeriesSet(config, series, incomplete,
                new TrafficSeriesSet.InputCounts(read, accepted, skipped, rejected), rejections,
                firstMicros > lastMicros ? Optional.empty() : Optional.of(firstMicros),
                firstMicros > lastMicros ? Optional.empty() : Optional.of(lastMicros));
    }

    /** The counters of one series on one day. */
    private static final class Cells {
        final long[] connections;
        final long[] bytes;
        /** Distinct pairs counted elsewhere (see {@link #addCount}). */
        final long[] peers;

        Cells(int slots) {
            connections = new long[slots];
            bytes = new long[slots];
            peers = new long[slots];
        }

        void add(int slot, long byteCount) {
            connections[slot]++;
            bytes[slot] += byteCount;
        }

        void add(int slot, TrafficMetric metric, long value) {
            switch (metric) {
                case CONNECTIONS -> connections[slot] += value;
                case BYTES -> bytes[slot] += value;
                case DISTINCT_PEERS -> peers[slot] += value;
            }
        }

        double value(TrafficMetric metric, int slot) {
            return switch (metric) {
                case CONNECTIONS -> connections[slot];
                case BYTES -> bytes[slot];
                case DISTINCT_PEERS -> peers[slot];
            };
        }
    }
}
