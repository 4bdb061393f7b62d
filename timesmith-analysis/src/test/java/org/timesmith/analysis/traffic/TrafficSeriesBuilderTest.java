package org.timesmith.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficSeriesBuilderTest {

    private static final TrafficConfig CONFIG = TrafficConfig.zeekConn();

    static Map<String, Object> conn(String iso, String service, String source, String destination, long orig, long resp) {
        Map<String, Object> event = new HashMap<>();
        event.put("timestamp", micros(iso));
        event.put("data_type", "zeek:conn");
        event.put("proto", "tcp");
        if (service != null) {
            event.put("service", service);
        }
        event.put("id.orig_h", source);
        event.put("id.resp_h", destination);
        event.put("orig_bytes", orig);
        event.put("resp_bytes", resp);
        return event;
    }

    static long micros(String iso) {
        Instant instant = Instant.parse(iso);
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    /** One connection in every slot of a day, so the day is complete. */
    static void fillDay(TrafficSeriesBuilder builder, String date) {
        for (int slot = 0; slot < 96; slot++) {
            String time = String.format("%sT%02d:%02d:00Z", date, slot / 4, slot % 4 * 15);
            builder.accept(conn(time, "dns", "10.0.0.5", "10.0.0.53", 60, 120));
        }
    }

    @Test
    void countsBytesAndDistinctPeersPerSlotProtocolAndDirection() {
        TrafficSeriesBuilder builder = new TrafficSeriesBuilder(CONFIG);
        fillDay(builder, "2024-05-01");
        builder.accept(conn("2024-05-01T10:05:00Z", "http", "10.0.0.5", "93.184.216.34", 100, 900));
        builder.accept(conn("2024-05-01T10:07:00Z", "http", "10.0.0.5", "93.184.216.34", 100, 900));
        builder.accept(conn("2024-05-01T10:14:59Z", "http", "10.0.0.6", "93.184.216.34", 1, 2));
        builder.accept(conn("2024-05-01T10:15:00Z", null, "203.0.113.9", "10.0.0.5", 0, 0)); // no service: proto
        TrafficSeriesSet set = builder.build();
        int slot = 10 * 4;
        TrafficSeries http = set.find(new SeriesKey("http", Direction.ALL), TrafficMetric.CONNECTIONS).orElseThrow();
        assertThat(http.values()[0][slot]).isEqualTo(3);
        assertThat(http.values()[0][slot + 1]).isZero(); // seen slot, no http: a real 0
        assertThat(set.find(new SeriesKey("http", Direction.INTERNAL_TO_EXTERNAL), TrafficMetric.BYTES).orElseThrow()
                .values()[0][slot]).isEqualTo(2003);
        assertThat(set.find(new SeriesKey("http", Direction.ALL), TrafficMetric.DISTINCT_PEERS).orElseThrow()
                .values()[0][slot]).isEqualTo(2);
        assertThat(set.find(new SeriesKey("total", Direction.ALL), TrafficMetric.CONNECTIONS).orElseThrow()
                .values()[0][slot]).isEqualTo(4); // 3 http + 1 dns
        assertThat(set.find(new SeriesKey("total", Direction.INTERNAL_TO_INTERNAL), TrafficMetric.CONNECTIONS)
                .orElseThrow().values()[0][slot]).isEqualTo(1);
        assertThat(set.find(new SeriesKey("tcp", Direction.EXTERNAL_TO_INTERNAL), TrafficMetric.CONNECTIONS)
                .orElseThrow().values()[0][slot + 1]).isEqualTo(1);
        assertThat(set.incompleteDays()).isEmpty();
        assertThat(set.counts()).isEqualTo(new TrafficSeriesSet.InputCounts(100, 100, 0, 0));
    }

    @Test
    void slotsAndDaysFollowTheConfiguredZone() {
        TrafficSeriesBuilder builder = new TrafficSeriesBuilder(CONFIG.withZone(ZoneId.of("Europe/Berlin")));
        // 23:30 UTC on 1 May is 01:30 on 2 May in Berlin (CEST, UTC+2)
        builder.accept(conn("2024-05-01T23:30:00Z", "ssh", "10.0.0.5", "10.0.0.6", 1, 1));
        TrafficSeriesSet set = builder.build();
        TrafficSeries ssh = set.find(new SeriesKey("ssh", Direction.ALL), TrafficMetric.CONNECTIONS).orElseThrow();
        assertThat(ssh.days()).extracting(Object::toString).containsExactly("2024-05-02");
        assertThat(ssh.values()[0][6]).isEqualTo(1);
    }

    @Test
    void daylightSavingDaysLoseAndRepeatAnHourOfSlotsAsJavaTimeSaysInAnyOrder() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        TrafficSeriesBuilder builder = new TrafficSeriesBuilder(CONFIG.withZone(berlin));
        Map<String, Integer> expected = new HashMap<>(); // day/slot -> connections, counted with java.time
        List<Instant> times = new java.util.ArrayList<>();
        for (String[] range : new String[][] {{"2024-03-30T00:00:00Z", "2024-04-01T12:00:00Z"},
                {"2024-10-26T00:00:00Z", "2024-10-28T12:00:00Z"}}) {
            for (Instant t = Instant.parse(range[0]); t.isBefore(Instant.parse(range[1])); t = t.plusSeconds(301)) {
                times.add(t);
            }
        }
        java.util.Collections.shuffle(times, new java.util.Random(5)); // the index's order is not time order
        for (Instant t : times) {
            builder.accept(conn(t.toString(), "dns", "10.0.0.5", "10.0.0.53", 1, 1));
            java.time.ZonedDateTime local = t.atZone(berlin);
            expected.merge(local.toLocalDate() + "/" + (local.getHour() * 4 + local.getMinute() / 15), 1, Integer::sum);
        }
        TrafficSeriesSet set = builder.build();
        TrafficSeries dns = set.find(new SeriesKey("dns", Direction.ALL), TrafficMetric.CONNECTIONS).orElseThrow();
        for (int d = 0; d < dns.days().size(); d++) {
            for (int slot = 0; slot < 96; slot++) {
                Integer count = expected.get(dns.days().get(d) + "/" + slot);
                if (count == null) {
                    assertThat(dns.values()[d][slot]).as("%s slot %d", dns.days().get(d), slot).isNaN();
                } else {
                    assertThat(dns.values()[d][slot]).as("%s slot %d", dns.days().get(d), slot).isEqualTo(count.doubleValue());
                }
            }
        }
        int spring = dns.days().indexOf(java.time.LocalDate.parse("2024-03-31"));
        int autumn = dns.days().indexOf(java.time.LocalDate.parse("2024-10-27"));
        assertThat(set.incompleteDays()).filteredOn(d -> d.day().toString().equals("2024-03-31")).singleElement()
                .extracting(TrafficSeriesSet.IncompleteDay::missingSlots).isEqualTo(List.of(8, 9, 10, 11)); // 02:00-03:00
        assertThat(dns.values()[autumn][9]).isGreaterThan(dns.values()[autumn][13] + 1); // 02:15 happened twice
        assertThat(dns.values()[spring][12]).isPositive();
    }

    @Test
    void distinctPeersCountEveryPairOnceAmongThousandsPerSlotAndProtocol() {
        TrafficSeriesBuilder builder = new TrafficSeriesBuilder(CONFIG);
        java.util.Random random = new java.util.Random(7);
        Map<String, Set<String>> pairs = new HashMap<>(); // series -> distinct "source>destination", as before the ids
        for (int i = 0; i < 40_000; i++) {
            String source = "10." + random.nextInt(3) + ".0." + random.nextInt(250);
            String destination = "2001:db8::" + Integer.toHexString(random.nextInt(5_000));
            String service = "p" + random.nextInt(30);
            builder.accept(conn("2024-05-01T10:" + String.format("%02d", random.nextInt(15)) + ":00Z", service, source,
                    destination, 1, 1));
            pairs.computeIfAbsent(service, k -> new java.util.HashSet<>()).add(source + ">" + destination);
            pairs.computeIfAbsent("total", k -> new java.util.HashSet<>()).add(source + ">" + destination);
        }
        TrafficSeriesSet set = builder.build();
        for (Map.Entry<String, Set<String>> expected : pairs.entrySet()) {
            for (Direction direction : List.of(Direction.ALL, Direction.INTERNAL_TO_EXTERNAL)) {
                assertThat(set.find(new SeriesKey(expected.getKey(), direction), TrafficMetric.DISTINCT_PEERS)
                        .orElseThrow().values()[0][40]).as(expected.getKey()).isEqualTo(expected.getValue().size());
            }
        }
        assertThat(set.keys()).hasSize(2 * 31); // 30 protocols and total, each under all and internal_to_external
    }

    /**
     * The index path's shape: connections and bytes come as counters, each connection's pair comes one by
     * one (the beacon read); the series are those of the streamed builder, distinct peers included.
     */
    @Test
    void pairsAddedOneByOneBesideCountersGiveTheStreamedSeries() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String time = String.format("2024-05-01T%02d:%02d:%02dZ", i / 25, i % 4 * 15, i % 60);
            events.add(conn(time, i % 3 == 0 ? "dns" : "http", "10.0.0." + (i % 7), i % 5 == 0 ? "10.0.0.53"
                    : "93.184.216." + (i % 11), i, 2L * i));
        }
        TrafficSeriesBuilder streamed = new TrafficSeriesBuilder(CONFIG);
        List<Connection> connections = new ArrayList<>();
        events.forEach(e -> streamed.accept(e).ifPresent(connections::add));
        TrafficSeriesSet expected = streamed.build();

        TrafficSeriesBuilder counted = new TrafficSeriesBuilder(CONFIG);
        for (TrafficSeries series : expected.series()) {
            if (series.metric() == TrafficMetric.DISTINCT_PEERS) {
                continue; // what the cluster no longer counts
            }
            for (int d = 0; d < series.days().size(); d++) {
                for (int slot = 0; slot < 96; slot++) {
                    double value = series.values()[d][slot];
                    if (!Double.isNaN(value)) {
                        counted.addCount(series.key(), series.days().get(d), slot, series.metric(), (long) value);
                    }
                }
            }
        }
        connections.forEach(counted::addPair);
        TrafficSeriesSet actual = counted.build();

        assertThat(actual.series()).hasSameSizeAs(expected.series());
        for (int i = 0; i < expected.series().size(); i++) {
            TrafficSeries want = expected.series().get(i);
            TrafficSeries got = actual.series().get(i);
            assertThat(got.key()).isEqualTo(want.key());
            assertThat(got.metric()).isEqualTo(want.metric());
            assertThat(got.values()).as(want.key() + " " + want.metric()).isDeepEqualTo(want.values());
        }
        assertThat(actual.series().stream().filter(s -> s.metric() == TrafficMetric.DISTINCT_PEERS)
                .mapToDouble(s -> s.values()[0][0]).max().orElse(0)).isPositive();
    }

    @Test
    void countsFromElsewhereKeepTheirDaysEvenBefore1970() {
        TrafficSeriesBuilder builder = new TrafficSeriesBuilder(CONFIG);
        SeriesKey ssh = new SeriesKey("ssh", Direction.ALL);
        builder.addCount(ssh, java.time.LocalDate.parse("1969-12-20"), 3, TrafficMetric.CONNECTIONS, 7);
        builder.addCount(ssh, java.time.LocalDate.parse("1970-01-02"), 5, TrafficMetric.BYTES, 9);
        TrafficSeriesSet set = builder.build();
        TrafficSeries connections = set.find(ssh, TrafficMetric.CONNECTIONS).orElseThrow();
        assertThat(connections.days()).hasSize(14);
        assertThat(connections.values()[0][3]).isEqualTo(7);
        assertThat(set.find(ssh, TrafficMetric.BYTES).orElseThrow().values()[13][5]).isEqualTo(9);
        assertThat(connections.values()[13][5]).isZero();
        assertThatThrownBy(() -> builder.addCount(ssh, java.time.LocalDate.parse("1970-01-02"), 96,
                TrafficMetric.BYTES, 1)).hasMessageContaining("outside 0..95");
    }

    @Test
    void daysWithMissingSlotsAreReportedNotZeroFilled() {
        TrafficSeriesBuilder builder = new TrafficSeriesBuilder(CONFIG);
        fillDay(builder, "2024-05-01");
        builder.accept(conn("2024-05-03T00:10:00Z", "dns", "10.0.0.5", "10.0.0.53", 1, 1)); // 05-02 has nothing at all
        TrafficSeriesSet set = builder.build();
        TrafficSeries total = set.find(new SeriesKey("total", Direction.ALL), TrafficMetric.CONNECTIONS).orElseThrow();
        assertThat(total.days()).extracting(Object::toString).containsExactly("2024-05-01", "2024-05-02", "2024-05-03");
        assertThat(java.util.Arrays.stream(total.values()[1]).allMatch(Double::isNaN)).isTrue();
        assertThat(total.values()[2][0]).isEqualTo(1);
        assertThat(total.values()[2][1]).isNaN();
        assertThat(set.incompleteDays()).extracting(d -> d.day().toString()).containsExactly("2024-05-02", "2024-05-03");
        assertThat(set.incompleteDays().get(0).missingSlots()).hasSize(96);
        assertThat(set.incompleteDays().get(1).missingSlots()).hasSize(95).doesNotContain(0);
        assertThat(total.isComplete(0)).isTrue();
        assertThat(total.isComplete(1)).isFalse();
    }

    @Test
    void brokenEventsAreRejectedWithFieldAndReasonAndCounted() {
        TrafficSeriesBuilder builder = new TrafficSeriesBuilder(CONFIG);
        Map<String, Object> noTime = conn("2024-05-01T00:00:00Z", "dns", "10.0.0.5", "10.0.0.53", 1, 1);
        noTime.remove("timestamp");
        Map<String, Object> noSource = conn("2024-05-01T00:00:00Z", "dns", "10.0.0.5", "10.0.0.53", 1, 1);
        noSource.remove("id.orig_h");
        Map<String, Object> badAddress = conn("2024-05-01T00:00:00Z", "dns", "999.1.1.1", "10.0.0.53", 1, 1);
        Map<String, Object> negativeBytes = conn("2024-05-01T00:00:00Z", "dns", "10.0.0.5", "10.0.0.53", -5, 1);
        Map<String, Object> absurdBytes = conn("2024-05-01T00:00:00Z", "dns", "10.0.0.5", "10.0.0.53", Long.MAX_VALUE, 1);
        Map<String, Object> textBytes = conn("2024-05-01T00:00:00Z", "dns", "10.0.0.5", "10.0.0.53", 1, 1);
        textBytes.put("resp_bytes", "lots");
        Map<String, Object> farFuture = conn("2024-05-01T00:00:00Z", "dns", "10.0.0.5", "10.0.0.53", 1, 1);
        farFuture.put("timestamp", micros("2999-01-01T00:00:00Z"));
        Map<String, Object> garbageTime = conn("2024-05-01T00:00:00Z", "dns", "10.0.0.5", "10.0.0.53", 1, 1);
        garbageTime.put("timestamp", "yesterday");
        Map<String, Object> noProtocol = conn("2024-05-01T00:00:00Z", null, "10.0.0.5", "10.0.0.53", 1, 1);
        noProtocol.remove("proto");
        Map<String, Object> dnsLog = conn("2024-05-01T00:00:00Z", "dns", "10.0.0.5", "10.0.0.53", 1, 1);
        dnsLog.put("data_type", "zeek:dns");
        Map<String, Object> isoTime = conn("2024-05-01T00:00:00Z", "dns", "10.0.0.5", "10.0.0.53", 1, 1);
        isoTime.put("timestamp", "2024-05-01T00:20:00.5+00:00");
        for (Map<String, Object> event : List.of(noTime, noSource, badAddress, negativeBytes, absurdBytes, textBytes,
                farFuture, garbageTime, noProtocol, dnsLog, isoTime)) {
            builder.accept(event);
        }
        TrafficSeriesSet set = builder.build();
        assertThat(set.counts()).isEqualTo(new TrafficSeriesSet.InputCounts(11, 1, 1, 9));
        assertThat(set.firstRejections()).extracting(Object::toString).containsExactly(
                "event 1: field timestamp: missing",
                "event 2: field id.orig_h: missing",
                "event 3: field id.orig_h: '999.1.1.1' is not an IP address",
                "event 4: field orig_bytes: -5 is not a plausible byte count (0…10^15)",
                "event 5: field orig_bytes: 9223372036854775807 is not a plausible byte count (0…10^15)",
                "event 6: field resp_bytes: 'lots' is not a byte count",
                "event 7: field timestamp: 32472144000000000 µs is outside 1970…2100",
                "event 8: field timestamp: 'yesterday' is neither microseconds since the epoch nor ISO-8601",
                "event 9: field service|proto: missing");
        TrafficSeries dns = set.find(new SeriesKey("dns", Direction.ALL), TrafficMetric.CONNECTIONS).orElseThrow();
        assertThat(dns.values()[0][1]).isEqualTo(1);
    }

    @Test
    void configurationMistakesAreRefused() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length must be 0…32");
        assertThatThrownBy(() -> Cidr.parse("intranet")).hasMessageContaining("not a CIDR network");
        assertThatThrownBy(() -> new TrafficConfig("t", List.of("p"), "s", "d", List.of(), "dt", Set.of(),
                ZoneId.of("UTC"), 7, List.of())).hasMessageContaining("does not divide a day");
        assertThat(Cidr.parse("fc00::/7").contains(Cidr.address("fd12:3456::1").orElseThrow())).isTrue();
        assertThat(Cidr.parse("172.16.0.0/12").contains(Cidr.address("172.32.0.1").orElseThrow())).isFalse();
        assertThat(Cidr.parse("172.16.0.0/12").contains(Cidr.address("172.31.255.255").orElseThrow())).isTrue();
    }
}
