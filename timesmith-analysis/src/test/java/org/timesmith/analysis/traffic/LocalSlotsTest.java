package org.timesmith.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalSlotsTest {

    /** Zones with DST both ways, half-hour and 45-minute offsets, negative DST and several changes a year. */
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
            "Asia/Kathmandu", "Europe/Dublin", "Africa/Casablanca", "America/Sao_Paulo", "Pacific/Chatham");

    private static void assertSameAsJavaTime(LocalSlots slots, ZoneId zone, int slotMinutes, long epochSecond) {
        ZonedDateTime local = Instant.ofEpochSecond(epochSecond).atZone(zone);
        long localSeconds = slots.localSeconds(epochSecond);
        assertThat(LocalSlots.day(localSeconds)).as("day of %s in %s", epochSecond, zone)
                .isEqualTo(local.toLocalDate().toEpochDay());
        assertThat(slots.slot(localSeconds)).as("slot of %s in %s", epochSecond, zone)
                .isEqualTo((local.getHour() * 60 + local.getMinute()) / slotMinutes);
    }

    @Test
    void daysAndSlotsAreThoseOfJavaTimeAroundEveryTransitionInAnyOrder() {
        Random random = new Random(18);
        for (String id : ZONES) {
            ZoneId zone = ZoneId.of(id);
            for (int slotMinutes : new int[] {15, 60, 7}) {
                if (1440 % slotMinutes != 0) {
                    continue;
                }
                LocalSlots slots = new LocalSlots(zone, slotMinutes);
                List<Long> seconds = new ArrayList<>();
                for (long t = Instant.parse("2023-12-25T00:00:00Z").getEpochSecond();
                     t < Instant.parse("2025-01-05T00:00:00Z").getEpochSecond(); t += 433) {
                    seconds.add(t);
                }
                // each transition and the seconds next to it, 1970…2100
                Instant at = Instant.EPOCH;
                for (ZoneOffsetTransition tr = zone.getRules().nextTransition(at);
                     tr != null && tr.getInstant().isBefore(Instant.parse("2100-01-01T00:00:00Z"));
                     tr = zone.getRules().nextTransition(tr.getInstant())) {
                    for (long d = -1; d <= 1; d++) {
                        seconds.add(tr.toEpochSecond() + d);
                    }
                }
                seconds.add(0L);
                seconds.add(Instant.parse("2099-12-31T23:59:59Z").getEpochSecond());
                Collections.shuffle(seconds, random); // the cache of stretches must not depend on the order
                for (long t : seconds) {
                    assertSameAsJavaTime(slots, zone, slotMinutes, t);
                }
            }
        }
    }
}
