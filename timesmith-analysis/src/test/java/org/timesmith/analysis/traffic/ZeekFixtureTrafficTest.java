package org.timesmith.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.reader.SourceRecord;

/**
 * The real sensor data of RITA's "missing host" sample (three days of Zeek logs, an injected HTTP
 * beacon and a long SSH session from 73.54.23.243), read through timesmith-core's Zeek reader.
 */
class ZeekFixtureTrafficTest {

    private static final String BEACON_SOURCE = "73.54.23.243";
    private static final String SENSOR = "64.225.56.201";
    private static TrafficReport report;
    private static long readerRejections;
    private static List<Beacon> ritaBeacons;

    @BeforeAll
    static void analyseFixture() throws IOException {
        Path root = TestTimelines.fixture("zeek/rita_missing_host");
        TrafficConfig config = TrafficConfig.zeekConn().withInternalNetworks(List.of(Cidr.parse(SENSOR + "/32")));
        TrafficAnalysis analysis = new TrafficAnalysis(config, AnomalyOptions.defaults(), BeaconOptions.defaults());
        BeaconDetector rita = new BeaconDetector(BeaconOptions.rita());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".log.gz")).sorted().toList();
        }
        for (Path file : files) {
            try (EventReader reader = Readers.open(file, ReaderOptions.auto(root.relativize(file).toString()))) {
                while (reader.hasNext()) {
                    ReadItem item = reader.next();
                    if (item instanceof SourceRecord record) {
                        analysis.accept(record.fields());
                        if (Connection.read(record.fields(), config) instanceof Connection.Accepted a) {
                            rita.add(a.connection());
                        }
                    } else {
                        readerRejections++;
                    }
                }
            }
        }
        report = analysis.report();
        ritaBeacons = rita.score(report.series().firstMicros().orElseThrow(), report.series().lastMicros().orElseThrow());
    }

    @Test
    void theInjectedHttpBeaconRanksFirstAmongBeacons() {
        print("defaults", report.beacons());
        print("rita (ntp included)", ritaBeacons);
        List<Beacon> beacons = report.beacons();
        assertThat(beacons.getFirst().source()).isEqualTo(BEACON_SOURCE);
        assertThat(beacons.getFirst().destination()).isEqualTo(SENSOR);
        assertThat(beacons.getFirst().protocols()).contains("http");
        assertThat(beacons.getFirst().score()).isGreaterThan(beacons.get(1).score());
        assertThat(beacons.getFirst().connections()).isEqualTo(951); // 950 HTTP + 1 ICMP over the three 24-hour windows
        assertThat(beacons.getFirst().modeBytes()).isEqualTo(407);
        assertThat(beacons.getFirst().windowScores()).hasSize(3).allSatisfy(s -> assertThat(s).isGreaterThan(0.9));
        // Without the NTP exclusion (RITA's own defaults) the sensor's time sync is the perfect beacon.
        assertThat(ritaBeacons.getFirst().protocols()).containsExactly("ntp");
        assertThat(ritaBeacons.get(1).source()).isEqualTo(BEACON_SOURCE);
    }

    private static void print(String title, List<Beacon> beacons) {
        System.out.println(title);
        for (int i = 0; i < Math.min(10, beacons.size()); i++) {
            Beacon b = beacons.get(i);
            System.out.printf("beacon %2d %-16s -> %-16s %5d conns score %.3f %s ts %.3f ds %.3f hist %.3f dur %.3f mode gap %ds mode size %dB %s%n",
                    i + 1, b.source(), b.destination(), b.connections(), b.score(), b.windowScores().stream().map(v -> String.format("%.3f", v)).toList(), b.timestampScore(),
                    b.dataSizeScore(), b.histogramScore(), b.durationScore(), b.modeIntervalSeconds(), b.modeBytes(),
                    b.protocols());
        }
    }

    @Test
    void seriesCoverThreeDaysAndAccountForEveryEvent() {
        TrafficSeriesSet set = report.series();
        System.out.println("counts " + set.counts() + " reader rejections " + readerRejections);
        System.out.println("days " + set.find(new SeriesKey(SeriesKey.TOTAL, Direction.ALL), TrafficMetric.CONNECTIONS)
                .orElseThrow().days());
        set.incompleteDays().forEach(d -> System.out.println("incomplete " + d.day() + " missing " + d.missingSlots().size()));
        System.out.println("keys " + set.keys());
        assertThat(set.counts().read()).isEqualTo(set.counts().accepted() + set.counts().skipped() + set.counts().rejected());
        assertThat(set.counts().accepted()).isEqualTo(105_918); // the conn records; dns/http/ssl/ssh/ntp logs are skipped
        assertThat(set.counts().rejected()).isZero();
        assertThat(readerRejections).isZero();
        TrafficSeries total = set.find(new SeriesKey(SeriesKey.TOTAL, Direction.ALL), TrafficMetric.CONNECTIONS).orElseThrow();
        assertThat(total.days()).extracting(Object::toString)
                .containsExactly("2024-04-18", "2024-04-19", "2024-04-20", "2024-04-21");
        assertThat(total.values()[0]).hasSize(96);
        // a connection that started just before midnight was logged in the first file: 04-18 has one slot of 96
        assertThat(set.incompleteDays()).singleElement().satisfies(d -> {
            assertThat(d.day()).hasToString("2024-04-18");
            assertThat(d.missingSlots()).hasSize(95);
        });
        assertThat(Double.isNaN(total.values()[0][0])).isTrue();
        assertThat(total.isComplete(1)).isTrue();
        assertThat(set.keys()).contains(new SeriesKey("http", Direction.EXTERNAL_TO_INTERNAL),
                new SeriesKey("ntp", Direction.INTERNAL_TO_EXTERNAL));
        SeriesAnalysis analysed = report.analyses().stream()
                .filter(a -> a.key().equals(total.key()) && a.metric() == TrafficMetric.CONNECTIONS).findFirst().orElseThrow();
        assertThat(analysed.skippedIncompleteDays()).extracting(Object::toString).containsExactly("2024-04-18");
        assertThat(analysed.days()).hasSize(3);
        assertThat(analysed.level()).isEqualTo(3);
        assertThat(analysed.wavelet()).isEqualTo("db4");
        report.anomalousDays().stream().limit(10).forEach(d -> System.out.println("day " + d));
        report.anomalousWindows().stream().limit(10).forEach(w -> System.out.println("window " + w));
        report.analyses().stream().filter(a -> a.key().protocol().equals("total") && a.key().direction() == Direction.ALL)
                .forEach(a -> System.out.println("elbow " + a.metric() + " k=" + a.elbow().k() + " wcss " + a.elbow().wcss()));
    }
}
