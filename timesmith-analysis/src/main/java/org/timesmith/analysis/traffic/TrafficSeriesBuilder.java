package org.timesmith.analysis.traffic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    /**
     * Addresses read so far (see {@link Connection.Address}) with their ids in {@link #peers}; emptied
     * when it holds {@value #KEPT_ADDRESSES}. One lookup per address field and event is all the
     * hashing a connection's addresses cost.
     */
    private final Map<String, KnownAddress> addresses = new HashMap<>();
    private final java.util.function.Function<String, Connection.Address> addressLookup = this::address;
    private final Connection.Texts texts = new Connection.Texts();
    /**
     * The address texts seen last, by identity: a store hands out one string per distinct value and
     * segment (the column stream's ordinals), so most lookups end here, in a small table that stays
     * in the cache, instead of hashing and comparing the text in {@link #addresses}.
     */
    private static final int RECENT = 1 << 16;
    private final String[] recentTexts = new String[RECENT];
    private final KnownAddress[] recentAddresses = new KnownAddress[RECENT];
    /** The addresses looked up while reading the current event: source, then destination. */
    private final KnownAddress[] looked = new KnownAddress[2];
    private int lookups;
    private int lastSource;
    private int lastDestination;
    private int lastProtocol;
    private static final int KEPT_ADDRESSES = 200_000;
    /** Days as epoch days from {@link #MIN_DAY}: the local days 1970…2100 can fall on (offsets up to ±18 h). */
    private static final long MIN_DAY = -1;
    private static final long MAX_DAY = LocalDate.of(2100, 1, 1).toEpochDay() + 1;
    private final Day[] days = new Day[(int) (MAX_DAY - MIN_DAY + 1)];
    /** Days outside that range, which only counters from elsewhere ({@link #addCount}) can bring. */
    private final Map<Long, Day> otherDays = new HashMap<>();
    private long firstDay = Long.MAX_VALUE;
    private long lastDay = Long.MIN_VALUE;
    private final LocalSlots localSlots;
    /** Series by index (the cells of a day are indexed the same way), each interned once. */
    private final Map<SeriesKey, Integer> seriesIndexes = new HashMap<>();
    private final List<SeriesKey> seriesKeys = new ArrayList<>();
    /** Per protocol id of {@link #peers}, then {@code total} last: the series index per direction, -1 before its first use. */
    private int[][] connectionSeries = new int[0][];
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
        this.localSlots = new LocalSlots(config.zone(), config.slotMinutes());
    }

    /** Reads one event; returns the connection it was, if it was one. */
    public Optional<Connection> accept(Map<String, Object> event) {
        read++;
        lookups = 0;
        Connection.Result result = Connection.read(event, config, addressLookup, texts);
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
                add(a.connection(), true);
                return Optional.of(a.connection());
            }
        }
    }

    private Connection.Address address(String text) {
        int slot = System.identityHashCode(text) & (RECENT - 1);
        KnownAddress known = recentTexts[slot] == text ? recentAddresses[slot] : addresses.get(text);
        if (known != null) {
            recentTexts[slot] = text;
            recentAddresses[slot] = known;
        } else {
            if (addresses.size() >= KEPT_ADDRESSES) {
                addresses.clear();
            }
            Connection.Address address = Connection.Address.of(text, config);
            known = new KnownAddress(address, address.problem() != null ? 0 : peers.id(address.canonical(), address.internal()));
            addresses.put(text, known);
            recentTexts[slot] = text;
            recentAddresses[slot] = known;
        }
        if (lookups < looked.length) {
            looked[lookups] = known;
        }
        lookups++;
        return known.address();
    }

    /** An address text read: what it is, and its id in {@link #peers} (0 if it is not an address). */
    private record KnownAddress(Connection.Address address, int id) {
    }

    /** The id of a connection's address: the one looked up while reading it, else found again. */
    private int peerId(int lookup, String canonical, boolean internal) {
        KnownAddress known = lookups == looked.length ? looked[lookup] : null;
        return known != null && known.address().canonical() == canonical ? known.id() : peers.id(canonical, internal);
    }

    /** The address and protocol ids of the connection accepted last, for the beacon detector. */
    int lastSource() {
        return lastSource;
    }

    int lastDestination() {
        return lastDestination;
    }

    int lastProtocol() {
        return lastProtocol;
    }

    PairKeys peers() {
        return peers;
    }

    /**
     * Counts a connection: its local day and slot by arithmetic ({@link LocalSlots}), its four series
     * (its protocol and {@code total}, each under {@code ALL} and its direction) by index into the
     * day's counter arrays, its (source, destination, protocol) key into the slot's set. Nothing is
     * allocated per connection once the day, slot and series exist.
     */
    private void add(Connection c, boolean count) {
        firstMicros = Math.min(firstMicros, c.timestampMicros());
        lastMicros = Math.max(lastMicros, c.timestampMicros());
        long local = localSlots.localSeconds(Math.floorDiv(c.timestampMicros(), 1_000_000L));
        int slot = localSlots.slot(local);
        Day day = day(LocalSlots.day(local));
        day.see(slot);
        int protocol = peers.protocol(c.protocol());
        lastSource = peerId(0, c.source(), c.sourceInternal());
        lastDestination = peerId(1, c.destination(), c.destinationInternal());
        lastProtocol = protocol;
        day.pairKeys(slot).add(PairKeys.key(lastSource, lastDestination, protocol));
        int direction = c.direction().ordinal();
        int[] protocolSeries = connectionSeries(protocol);
        int[] totalSeries = connectionSeries(TOTAL_ROW);
        int protocolAll = series(protocolSeries, protocol, Direction.ALL.ordinal());
        int protocolDirection = series(protocolSeries, protocol, direction);
        int totalAll = series(totalSeries, TOTAL_ROW, Direction.ALL.ordinal());
        int totalDirection = series(totalSeries, TOTAL_ROW, direction);
        if (count) {
            day.add(protocolAll, slot, c.bytes());
            day.add(protocolDirection, slot, c.bytes());
            day.add(totalAll, slot, c.bytes());
            day.add(totalDirection, slot, c.bytes());
        }
    }

    /**
     * Adds a connection's (source, destination, protocol) key to its slot without counting it (no
     * connection, no bytes, not read): for a reader that gets the connections and bytes as counters
     * ({@link #addCount}) and reads the connections one by one anyway, so that the distinct pairs come
     * out exact instead of aggregated ones.
     */
    public void addPair(Connection connection) {
        lookups = 0; // the addresses were not looked up here
        add(connection, false);
    }

    /** The row of {@link #connectionSeries} for {@code total}: one past the protocols' rows. */
    private static final int TOTAL_ROW = -1;

    private int[] connectionSeries(int protocol) {
        int row = protocol == TOTAL_ROW ? 0 : protocol + 1;
        if (row >= connectionSeries.length) {
            connectionSeries = java.util.Arrays.copyOf(connectionSeries, Math.max(row + 1, connectionSeries.length * 2));
        }
        if (connectionSeries[row] == null) {
            connectionSeries[row] = new int[Direction.values().length];
            java.util.Arrays.fill(connectionSeries[row], -1);
        }
        return connectionSeries[row];
    }

    private int series(int[] row, int protocol, int direction) {
        int index = row[direction];
        if (index < 0) {
            String name = protocol == TOTAL_ROW ? SeriesKey.TOTAL : peers.protocolName(protocol);
            index = seriesIndex(new SeriesKey(name, Direction.values()[direction]));
            row[direction] = index;
        }
        return index;
    }

    private int seriesIndex(SeriesKey key) {
        return seriesIndexes.computeIfAbsent(key, k -> {
            seriesKeys.add(k);
            return seriesKeys.size() - 1;
        });
    }

    private Day day(long epochDay) {
        Day day = existingDay(epochDay);
        if (day == null) {
            day = new Day(config.slotsPerDay());
            if (epochDay < MIN_DAY || epochDay > MAX_DAY) {
                otherDays.put(epochDay, day);
            } else {
                days[(int) (epochDay - MIN_DAY)] = day;
            }
            firstDay = Math.min(firstDay, epochDay);
            lastDay = Math.max(lastDay, epochDay);
        }
        return day;
    }

    private Day existingDay(long epochDay) {
        return epochDay < MIN_DAY || epochDay > MAX_DAY ? otherDays.get(epochDay) : days[(int) (epochDay - MIN_DAY)];
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
        Day cells = day(day.toEpochDay());
        cells.see(slot);
        cells.add(seriesIndex(key), slot, metric, value);
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
        List<LocalDate> dayList = new ArrayList<>();
        for (long d = firstDay; d <= lastDay; d++) {
            dayList.add(LocalDate.ofEpochDay(d));
        }
        int slots = config.slotsPerDay();
        List<TrafficSeriesSet.IncompleteDay> incomplete = new ArrayList<>();
        Day[] byDay = new Day[dayList.size()];
        BitSet[] seen = new BitSet[dayList.size()];
        long[][][] distinct = new long[dayList.size()][][];
        for (int d = 0; d < byDay.length; d++) {
            byDay[d] = existingDay(firstDay + d);
            seen[d] = byDay[d] == null ? new BitSet() : BitSet.valueOf(byDay[d].seen);
            BitSet bits = seen[d];
            List<Integer> missing = new ArrayList<>();
            for (int s = bits.nextClearBit(0); s < slots; s = bits.nextClearBit(s + 1)) {
                missing.add(s);
            }
            if (!missing.isEmpty()) {
                incomplete.add(new TrafficSeriesSet.IncompleteDay(dayList.get(d), missing));
            }
            distinct[d] = byDay[d] == null ? null : distinctPairs(byDay[d]);
        }
        List<TrafficSeries> series = new ArrayList<>();
        for (SeriesKey key : seriesKeys.stream().sorted().toList()) {
            int index = seriesIndexes.get(key);
            for (TrafficMetric metric : TrafficMetric.values()) {
                double[][] values = new double[dayList.size()][slots];
                for (int d = 0; d < byDay.length; d++) {
                    BitSet bits = seen[d];
                    long[] dayCells = byDay[d] == null ? null : byDay[d].cells(index);
                    long[] dayDistinct = distinct[d] == null || index >= distinct[d].length ? null : distinct[d][index];
                    int offset = metric.ordinal() * slots;
                    for (int s = 0; s < slots; s++) {
                        values[d][s] = !bits.get(s) ? Double.NaN : dayCells == null ? 0 : (double) dayCells[offset + s]
                                + (metric == TrafficMetric.DISTINCT_PEERS && dayDistinct != null ? dayDistinct[s] : 0);
                    }
                }
                series.add(new TrafficSeries(key, metric, config.slotMinutes(), dayList, values));
            }
        }
        return new TrafficSeriesSet(config, series, incomplete,
                new TrafficSeriesSet.InputCounts(read, accepted, skipped, rejected), rejections,
                firstMicros > lastMicros ? Optional.empty() : Optional.of(firstMicros),
                firstMicros > lastMicros ? Optional.empty() : Optional.of(lastMicros));
    }

    /** Distinct (source, destination) pairs of one day per series index and slot, from each slot's distinct keys. */
    private long[][] distinctPairs(Day day) {
        long[][] counts = new long[seriesKeys.size()][];
        int slots = config.slotsPerDay();
        for (int slot = 0; slot < slots; slot++) {
            LongSet set = day.pairKeys == null ? null : day.pairKeys[slot];
            if (set == null) {
                continue;
            }
            long[][] slotCounts = peers.slotCounts(set);
            for (int p = 0; p < slotCounts.length; p++) {
                int[] row = connectionSeries(p == slotCounts.length - 1 ? TOTAL_ROW : p);
                for (int direction = 0; direction < row.length; direction++) {
                    if (slotCounts[p][direction] > 0) {
                        int index = row[direction];
                        if (counts[index] == null) {
                            counts[index] = new long[slots];
                        }
                        counts[index][slot] = slotCounts[p][direction];
                    }
                }
            }
        }
        return counts;
    }

    /**
     * The counters of one day: which slots saw a connection, per series index the connections,
     * bytes and distinct pairs counted elsewhere (one array, a metric's slots after another's) and
     * per slot the distinct pair keys of the connections.
     */
    private static final class Day {
        /** Which slots saw a connection, as the words of a bit set (one load less per connection than a {@code BitSet}). */
        final long[] seen;
        private final int slots;
        private long[][] cells = new long[8][];
        LongSet[] pairKeys;

        Day(int slots) {
            this.slots = slots;
            this.seen = new long[(slots + 63) / 64];
        }

        void see(int slot) {
            seen[slot >>> 6] |= 1L << slot;
        }

        /** The counters of a series on this day, null if it has none. */
        long[] cells(int series) {
            return series < cells.length ? cells[series] : null;
        }

        private long[] cellsFor(int series) {
            if (series >= cells.length) {
                cells = java.util.Arrays.copyOf(cells, Math.max(series + 1, cells.length * 2));
            }
            long[] row = cells[series];
            if (row == null) {
                row = new long[TrafficMetric.values().length * slots];
                cells[series] = row;
            }
            return row;
        }

        void add(int series, int slot, long byteCount) {
            long[] row = cellsFor(series);
            row[TrafficMetric.CONNECTIONS.ordinal() * slots + slot]++;
            row[TrafficMetric.BYTES.ordinal() * slots + slot] += byteCount;
        }

        void add(int series, int slot, TrafficMetric metric, long value) {
            cellsFor(series)[metric.ordinal() * slots + slot] += value;
        }

        LongSet pairKeys(int slot) {
            if (pairKeys == null) {
                pairKeys = new LongSet[slots];
            }
            if (pairKeys[slot] == null) {
                pairKeys[slot] = new LongSet();
            }
            return pairKeys[slot];
        }
    }
}
