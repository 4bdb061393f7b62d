package org.timesmith.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BeaconDetectorTest {

    private static final long T0 = 1_714_521_600L; // 2024-05-01T00:00:00Z

    private static Connection connection(long seconds, String source, String destination, long bytes, String protocol) {
        return new Connection(seconds * 1_000_000L, protocol, source, destination, bytes, true, false);
    }

    @Test
    void aRegularSmallBeaconOutranksIrregularTraffic() {
        BeaconDetector detector = new BeaconDetector(BeaconOptions.defaults());
        Random random = new Random(3);
        for (long t = T0; t < T0 + 86_400; t += 300 + random.nextInt(5)) {
            detector.add(connection(t, "10.0.0.7", "198.51.100.1", 420, "http"));
        }
        long t = T0;
        while (t < T0 + 86_400) {
            detector.add(connection(t, "10.0.0.8", "203.0.113.5", 200 + random.nextInt(90_000), "ssl"));
            t += 1 + (long) (-Math.log(random.nextDouble()) * 900); // Poisson: a person browsing
        }
        for (long n = 0; n < 40; n++) { // NTP is excluded by default
            detector.add(connection(T0 + n * 2048, "10.0.0.7", "192.0.2.123", 96, "ntp"));
        }
        detector.add(connection(T0, "10.0.0.9", "192.0.2.1", 1, "dns")); // too few to score
        List<Beacon> beacons = detector.score(T0 * 1_000_000L, (T0 + 86_399) * 1_000_000L);
        assertThat(beacons).extracting(Beacon::destination).containsExactly("198.51.100.1", "203.0.113.5");
        Beacon beacon = beacons.getFirst();
        assertThat(beacon.score()).isGreaterThan(0.9);
        assertThat(beacon.timestampScore()).isGreaterThan(0.95);
        assertThat(beacon.dataSizeScore()).isEqualTo(1.0);
        assertThat(beacon.durationScore()).isEqualTo(1.0);
        assertThat(beacon.modeBytes()).isEqualTo(420);
        assertThat(beacons.get(1).score()).isLessThan(beacon.score() - 0.1);
    }

    /** Three days of connections for many pairs: beacons with jitter, bursts, sparse pairs under the minimum. */
    private static List<Connection> manyPairs(long start) {
        Random random = new Random(11);
        List<Connection> connections = new java.util.ArrayList<>();
        for (int p = 0; p < 3_000; p++) {
            String source = "10.0." + p / 200 + "." + p % 200;
            String destination = "198.51." + p % 7 + "." + p % 97;
            int kind = p % 3;
            int count = kind == 0 ? 2 + random.nextInt(3) : kind == 1 ? 50 + random.nextInt(200) : 300;
            for (int i = 0; i < count; i++) {
                long t = kind == 2 ? start + i * 800L + random.nextInt(20) : start + random.nextInt(3 * 86_400);
                connections.add(connection(t, source, destination, kind == 2 ? 300 : random.nextInt(5_000),
                        i % 5 == 0 ? "dns" : "http"));
            }
        }
        return connections;
    }

    @Test
    void manyPairsAreScoredAlikeWhateverTheOrderOfArrival() {
        List<Connection> connections = manyPairs(T0);
        BeaconDetector inOrder = new BeaconDetector(BeaconOptions.defaults());
        connections.forEach(inOrder::add);
        List<Connection> shuffled = new java.util.ArrayList<>(connections);
        java.util.Collections.shuffle(shuffled, new Random(2));
        BeaconDetector inShuffledOrder = new BeaconDetector(BeaconOptions.defaults());
        inShuffledOrder.reserve(-1);
        inShuffledOrder.reserve(100); // a hint: more connections than reserved still fit
        shuffled.forEach(inShuffledOrder::add);
        inShuffledOrder.reserve(1_000); // keeps what was added
        long first = T0 * 1_000_000L;
        long last = (T0 + 3 * 86_400) * 1_000_000L;
        List<Beacon> beacons = inOrder.score(first, last);
        assertThat(inShuffledOrder.score(first, last)).isEqualTo(beacons);
        assertThat(beacons).hasSizeGreaterThan(1_000); // pairs with 2–4 connections fall under the minimum
        assertThat(beacons.getFirst().windowScores()).hasSize(3);
        assertThat(beacons.getFirst().protocols()).containsExactly("dns", "http");
        assertThat(beacons.getFirst().score()).isGreaterThan(beacons.getLast().score() + 0.3);
    }

    @Test
    void timesAfter2038AreKeptAsExactlyAsEarlierOnes() {
        long later = 4_000_000_000L; // 2096: past 2^31 seconds
        List<Beacon> now = detectorOf(manyPairs(T0)).score(T0 * 1_000_000L, (T0 + 3 * 86_400) * 1_000_000L);
        List<Beacon> then = detectorOf(manyPairs(later)).score(later * 1_000_000L, (later + 3 * 86_400) * 1_000_000L);
        assertThat(then).hasSameSizeAs(now);
        for (int i = 0; i < now.size(); i++) {
            assertThat(then.get(i).windowScores()).isEqualTo(now.get(i).windowScores());
            assertThat(then.get(i).first().getEpochSecond() - later).isEqualTo(now.get(i).first().getEpochSecond() - T0);
        }
        BeaconDetector detector = new BeaconDetector(BeaconOptions.defaults());
        assertThatThrownBy(() -> detector.add(connection(-5, "10.0.0.1", "10.0.0.2", 1, "http")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 1970");
    }

    private static BeaconDetector detectorOf(List<Connection> connections) {
        BeaconDetector detector = new BeaconDetector(BeaconOptions.defaults());
        connections.forEach(detector::add);
        return detector;
    }

    @Test
    void quartileStatisticsFollowTheDocumentedRules() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 200, 300};
        assertThat(BeaconDetector.quartiles(sorted)).containsExactly(3.5, 7, 55); // halves without the median
        assertThat(BeaconDetector.bowleySkew(sorted)).isCloseTo((3.5 + 55 - 14) / 51.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(BeaconDetector.bowleySkew(new double[] {300, 301, 302, 303, 305})).isZero(); // spread < 10
        assertThat(BeaconDetector.mad(new double[] {1, 1, 2, 2, 4, 6, 9})).isEqualTo(1);
    }

    @Test
    void optionsMustBeConsistent() {
        assertThatThrownBy(() -> new BeaconOptions(4, 86_400, 0.5, 0.5, 0.5, 0, 3600, 0.05, 1, 11, 6, 12, Set.of()))
                .hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> new BeaconOptions(3, 86_400, 0.25, 0.25, 0.25, 0.25, 3600, 0.05, 1, 11, 6, 12, Set.of()))
                .hasMessageContaining("minConnections must be ≥ 4");
    }
}
