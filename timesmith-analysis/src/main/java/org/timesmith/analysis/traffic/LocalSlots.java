package org.timesmith.analysis.traffic;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The local day and wall-clock slot of an instant in a zone by arithmetic on epoch seconds, the
 * same answer as {@code Instant.atZone(zone)} (its hour and minute, its date) without a
 * {@code ZonedDateTime} per connection. The zone's offset is looked up once per stretch between two
 * of its transitions (the two stretches used last are kept: a month of data around a DST change
 * alternates between them), so the slots around DST changes and historical offsets are exactly
 * those of {@code java.time}. Not thread-safe.
 */
final class LocalSlots {

    private static final long SECONDS_PER_DAY = 86_400;

    private final ZoneRules rules;
    private final int slotSeconds;
    private final boolean fixed;
    private final int fixedOffset;
    /** Two cached stretches {@code [from, to)} of constant offset. */
    private final long[] from = {1, 1};
    private final long[] to = {0, 0};
    private final int[] offset = new int[2];

    LocalSlots(ZoneId zone, int slotMinutes) {
        this.rules = zone.getRules();
        this.slotSeconds = slotMinutes * 60;
        this.fixed = rules.isFixedOffset();
        this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    }

    /** Seconds since 1970-01-01T00:00 local time (the epoch second shifted by the zone's offset then). */
    long localSeconds(long epochSecond) {
        return epochSecond + offsetAt(epochSecond);
    }

    /** The local day of an epoch second, as an epoch day ({@code LocalDate.ofEpochDay}). */
    static long day(long localSeconds) {
        return Math.floorDiv(localSeconds, SECONDS_PER_DAY);
    }

    /** The wall-clock slot of the day, 0-based. */
    int slot(long localSeconds) {
        return (int) (Math.floorMod(localSeconds, SECONDS_PER_DAY) / slotSeconds);
    }

    private int offsetAt(long epochSecond) {
        if (fixed) {
            return fixedOffset;
        }
        if (epochSecond >= from[0] && epochSecond < to[0]) {
            return offset[0];
        }
        if (epochSecond >= from[1] && epochSecond < to[1]) {
            swap();
            return offset[0];
        }
        Instant instant = Instant.ofEpochSecond(epochSecond);
        // a transition at exactly this second has already happened: look for the previous one just after it
        ZoneOffsetTransition previous = rules.previousTransition(instant.plusNanos(1));
        ZoneOffsetTransition next = rules.nextTransition(instant);
        from[1] = from[0];
        to[1] = to[0];
        offset[1] = offset[0];
        from[0] = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
        to[0] = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        offset[0] = rules.getOffset(instant).getTotalSeconds();
        return offset[0];
    }

    private void swap() {
        long f = from[0];
        long t = to[0];
        int o = offset[0];
        from[0] = from[1];
        to[0] = to[1];
        offset[0] = offset[1];
        from[1] = f;
        to[1] = t;
        offset[1] = o;
    }
}
