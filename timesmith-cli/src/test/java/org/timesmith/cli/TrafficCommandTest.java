package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timesmith traffic report} over the Zeek conn logs of RITA's "missing host" sample, imported locally. */
class TrafficCommandTest {

    @TempDir
    static Path temp;

    static String data;

    @BeforeAll
    static void importTheConnLogs() throws IOException {
        Path root = Path.of(System.getProperty("timesmith.fixtures", "../../shared/fixtures")).resolve("zeek/rita_missing_host");
        Assumptions.assumeTrue(Files.isDirectory(root), "fixture " + root + " is absent; skipping");
        List<String> args = new ArrayList<>(List.of("import"));
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName().toString().startsWith("conn.")).sorted().forEach(p -> args.add(p.toString()));
        }
        data = temp.resolve("data").toString();
        args.addAll(List.of("--data", data, "--timeline", "sensor", "--no-progress"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void theReportRanksTheInjectedBeaconFirstAndWritesCsvFilesAndCharts() throws IOException {
        Path csv = temp.resolve("csv");
        CliRun run = CliRun.of("traffic", "report", "--data", data, "--internal", "64.225.56.201/32", "--out", csv.toString());
        System.out.println(run);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("105,918 connections").contains("incomplete day 2024-04-18: 95 of 96 slots");
        String firstBeacon = run.outLines().stream().filter(l -> l.startsWith("   1  ")).findFirst().orElseThrow();
        assertThat(firstBeacon).contains("73.54.23.243 -> 64.225.56.201").contains("951 connections").contains("http");
        List<String> beacons = Files.readAllLines(csv.resolve("beacons.csv"));
        assertThat(beacons.get(1)).startsWith("1,73.54.23.243,64.225.56.201,");
        List<String> series = Files.readAllLines(csv.resolve("series.csv"));
        assertThat(series.getFirst().split(",")).hasSize(4 + 96);
        assertThat(series).anySatisfy(l -> assertThat(l).startsWith("total,ALL,CONNECTIONS,2024-04-19,"));
        assertThat(csv.resolve("anomalous-days.csv")).exists();
        assertThat(csv.resolve("anomalous-windows.csv")).exists();
        assertThat(csv.resolve("beacons.svg")).content().startsWith("<svg ").contains("73.54.23.243 → 64.225.56.201");
        assertThat(Files.readAllBytes(csv.resolve("beacons.png"))).startsWith(0x89, 'P', 'N', 'G');
        try (Stream<Path> files = Files.list(csv)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("curves-"))
                    .anyMatch(n -> n.startsWith("clusters-")).anyMatch(n -> n.startsWith("elbow-"));
        }
    }

    /** The report from the store's doc values is the report from every event's stored source, line for line. */
    @Test
    void docValuesGiveTheReportOfTheStoredSourcesLineForLine() throws IOException {
        Path columns = temp.resolve("from-columns");
        Path sources = temp.resolve("from-sources");
        CliRun fromColumns = CliRun.of("traffic", "report", "--data", data, "--internal", "64.225.56.201/32", "--out",
                columns.toString());
        CliRun fromSources = CliRun.of("traffic", "report", "--data", data, "--internal", "64.225.56.201/32", "--out",
                sources.toString(), "--read-sources");
        assertThat(fromColumns.exitCode()).as(fromColumns.toString()).isZero();
        assertThat(fromSources.exitCode()).as(fromSources.toString()).isZero();
        assertThat(fromColumns.err()).contains("time: reading columns ").contains(" s, series ")
                .contains(" s, wavelets and k-means ").contains(" s, beacons ");
        assertThat(fromSources.err()).contains("time: reading sources ");
        assertThat(fromColumns.outLines()).isEqualTo(fromSources.outLines()).anyMatch(l -> l.startsWith("   1  "));
        for (String file : List.of("series.csv", "anomalous-days.csv", "anomalous-windows.csv", "beacons.csv")) {
            assertThat(Files.readAllLines(columns.resolve(file))).as(file)
                    .isEqualTo(Files.readAllLines(sources.resolve(file))).hasSizeGreaterThan(1);
        }
    }

    /**
     * Broken and odd events read the same from doc values as from sources: values a column cannot
     * hold (a list, a string beyond the keyword limit, a string and a number in one field) come from
     * the source, and every rejection has the same reason (the event numbers follow the reading order).
     */
    @Test
    void brokenAndOddEventsAreRejectedAndCountedAsFromTheSources() throws IOException {
        Path jsonl = temp.resolve("odd.jsonl");
        List<String> lines = new ArrayList<>();
        String[] odd = {
                "\"service\": \"http\", \"id.orig_h\": \"999.1.1.1\"",
                "\"service\": [\"http\", \"dns\"]",
                "\"service\": \"" + "x".repeat(300) + "\"",
                "\"service\": \"http\", \"orig_bytes\": -5",
                "\"service\": \"http\", \"orig_bytes\": \"many\"",
                "\"service\": \"http\", \"orig_bytes\": 2.5",
                "\"service\": 7",
                "\"proto\": \"tcp\", \"service\": \"\"",
                "\"service\": \"total\"",
                "\"service\": \"ssh\", \"id.resp_h\": null",
                "\"service\": \"ssh\", \"data_type\": \"zeek:dns\""};
        for (int i = 0; i < 400; i++) {
            String fields = i < odd.length ? odd[i] : "\"service\": \"" + (i % 3 == 0 ? "dns" : "http") + "\"";
            String base = "\"data_type\": \"zeek:conn\", \"id.orig_h\": \"10.0.0." + (i % 7) + "\", \"id.resp_h\": "
                    + "\"203.0.113.9\", \"orig_bytes\": " + i;
            lines.add("{\"message\": \"conn " + i + "\", \"datetime\": \"2026-01-0" + (1 + i / 100) + "T"
                    + String.format("%02d:%02d:00Z", i % 24, i % 60) + "\", \"timestamp_desc\": \"start\", "
                    + base + ", " + fields + "}");
        }
        Files.write(jsonl, lines);
        String oddData = temp.resolve("odd-data").toString();
        CliRun imported = CliRun.of("import", jsonl.toString(), "--data", oddData, "--timeline", "odd", "--no-progress");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        CliRun fromColumns = CliRun.of("traffic", "report", "--data", oddData, "--include-incomplete-days");
        CliRun fromSources = CliRun.of("traffic", "report", "--data", oddData, "--include-incomplete-days", "--read-sources");
        assertThat(fromColumns.exitCode()).as(fromColumns.toString()).isZero();
        assertThat(withoutEventNumbers(fromColumns.outLines())).isEqualTo(withoutEventNumbers(fromSources.outLines()));
        assertThat(fromColumns.out()).contains("rejected event ").contains("is not an IP address")
                .contains("is not a byte count").contains("'total' is reserved").contains("1 skipped");
    }

    private static List<String> withoutEventNumbers(List<String> lines) {
        return lines.stream().map(l -> l.replaceFirst("rejected event \\d+:", "rejected event N:")).sorted().toList();
    }

    /**
     * A daily run from cron: the first run backfills the days before --until, each later run reads
     * only the days after the stored ones, and the stored series end up as those of one full run.
     */
    @Test
    void incrementalRunsAddTheNewDaysToTheStoredSeriesAndEndAsOneFullRun() throws IOException {
        Path full = temp.resolve("full");
        assertThat(CliRun.of("traffic", "report", "--data", data, "--out", full.toString()).exitCode()).isZero();
        List<String> expected = Files.readAllLines(full.resolve("series.csv"));
        List<String> days = expected.stream().skip(1).map(l -> l.split(",")[3]).distinct().sorted().toList();
        assertThat(days).hasSizeGreaterThanOrEqualTo(3);
        String lastDay = days.getLast();
        String afterLast = java.time.LocalDate.parse(lastDay).plusDays(1).toString();
        Path state = temp.resolve("state");

        CliRun first = CliRun.of("traffic", "report", "--data", data, "--state", state.toString(), "--until", lastDay,
                "--backfill-days", "30");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        List<String> stored = Files.readAllLines(state.resolve("series.csv"));
        assertThat(stored).noneMatch(l -> l.contains("," + lastDay + ","))
                .anyMatch(l -> l.startsWith("total,ALL,CONNECTIONS," + days.get(days.size() - 2) + ","));

        CliRun daily = CliRun.of("traffic", "report", "--data", data, "--state", state.toString(), "--until", afterLast);
        assertThat(daily.exitCode()).as(daily.toString()).isZero();
        assertThat(daily.err()).contains("stored series up to " + days.get(days.size() - 2) + "; reading " + lastDay
                + " … " + lastDay);
        assertThat(daily.out()).doesNotContain("105,918 connections"); // only the last day was read
        assertThat(Files.readAllLines(state.resolve("series.csv"))).containsExactlyInAnyOrderElementsOf(expected);

        CliRun again = CliRun.of("traffic", "report", "--data", data, "--state", state.toString(), "--until", afterLast);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("events: 0 read");
        assertThat(Files.readAllLines(state.resolve("series.csv"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aBrokenStateFileIsAnErrorNamingTheLineAndNothingIsOverwritten() throws IOException {
        Path state = temp.resolve("broken-state");
        Files.createDirectories(state);
        String broken = "protocol,direction,metric,day,00:00\ntotal,ALL,CONNECTIONS,2024-04-19,7\nhttp,SIDEWAYS,BYTES,2024-04-19,1\n";
        Files.writeString(state.resolve("series.csv"), broken);
        CliRun run = CliRun.of("traffic", "report", "--data", data, "--state", state.toString(), "--until", "2024-04-22");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("series.csv line 3").contains("SIDEWAYS");
        assertThat(Files.readString(state.resolve("series.csv"))).isEqualTo(broken);
        CliRun notCsv = CliRun.of("traffic", "report", "--data", data, "--until", "2024-04-22");
        assertThat(notCsv.exitCode()).as(notCsv.toString()).isEqualTo(Main.USAGE);
        assertThat(notCsv.err()).contains("--until goes with --state or --backfill-days");
    }

    @Test
    void aSketchAndADataDirectoryExcludeEachOtherAndBadNetworksAreReported() {
        CliRun both = CliRun.of("traffic", "report", "--sketch", "1", "--data", data);
        assertThat(both.exitCode()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("exclude each other");
        CliRun badCidr = CliRun.of("traffic", "report", "--data", data, "--internal", "intranet");
        assertThat(badCidr.exitCode()).as(badCidr.toString()).isEqualTo(Main.FAILED);
        assertThat(badCidr.err()).contains("'intranet' is not a CIDR network");
    }
}
