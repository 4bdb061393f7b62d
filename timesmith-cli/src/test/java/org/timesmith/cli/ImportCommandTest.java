package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ImportCommandTest {

    static final Path DEMO = Path.of("").toAbsolutePath().getParent().resolve("demo").resolve("demo-timeline.csv");
    /** Records in demo/demo-timeline.csv. */
    static final int DEMO_EVENTS = 343;
    static final String HEADER = "message,datetime,timestamp_desc,hostname\n";

    @TempDir
    Path temp;

    private Path data() {
        return temp.resolve("data");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void importsTheDemoTimelineAndRegistersIt() {
        CliRun run = CliRun.of("import", DEMO.toString(), "--data", data().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("timeline \"demo-timeline\" (id 1): read " + DEMO_EVENTS + ", indexed " + DEMO_EVENTS + ", rejected 0");
        JsonNode registry = JsonMapper.builder().build().readTree(data().resolve("timelines.json").toFile());
        assertThat(registry.path("timelines")).hasSize(1);
        JsonNode timeline = registry.path("timelines").path(0);
        assertThat(timeline.path("name").asString()).isEqualTo("demo-timeline");
        assertThat(timeline.path("dataSources").path(0).path("indexed").asLong()).isEqualTo(DEMO_EVENTS);
        assertThat(timeline.path("dataSources").path(0).path("format").asString()).isEqualTo("csv");
        assertThat(data().resolve("index")).isDirectory();
    }

    @Test
    void reimportingTheSameFileOverwritesInsteadOfDuplicating() {
        String[] args = {"import", DEMO.toString(), "--data", data().toString()};
        assertThat(CliRun.of(args).exitCode()).isZero();
        CliRun second = CliRun.of(args);

        assertThat(second.exitCode()).as(second.toString()).isZero();
        CliRun search = CliRun.of("search", "--data", data().toString(), "--limit", "all", "--output", "jsonl");
        assertThat(search.outLines()).hasSize(DEMO_EVENTS);
        assertThat(search.err()).contains(DEMO_EVENTS + " matches");
    }

    @Test
    void theSameFileIntoAnotherTimelineIsASecondCopy() {
        assertThat(CliRun.of("import", DEMO.toString(), "--data", data().toString()).exitCode()).isZero();
        CliRun other = CliRun.of("import", DEMO.toString(), "--data", data().toString(), "--timeline", "copy");

        assertThat(other.out()).contains("timeline \"copy\" (id 2)");
        assertThat(CliRun.of("search", "--data", data().toString(), "--limit", "0").err()).contains(2 * DEMO_EVENTS + " matches");
    }

    @Test
    void rejectedRowsAreListedWithFileLineAndReasonAndExitWithThree() throws IOException {
        Path csv = write("broken.csv", HEADER
                + "good one,2024-03-12T08:00:00Z,Event Logged,WS-1\n"
                + "bad date,not a date,Event Logged,WS-1\n"
                + "good two,2024-03-12T08:00:01Z,Event Logged,WS-2\n");

        CliRun run = CliRun.of("import", csv.toString(), "--data", data().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.REJECTED);
        assertThat(run.out()).contains("read 3, indexed 2, rejected 1");
        assertThat(run.out()).contains("rejected: broken.csv line 3");
        assertThat(run.out()).contains("datetime");
    }

    @Test
    void raggedRowsAreRejectedPerLine() throws IOException {
        Path csv = write("ragged.csv", HEADER
                + "ok,2024-03-12T08:00:00Z,Event Logged,WS-1\n"
                + "too,many,cells,in,this,row\n");

        CliRun run = CliRun.of("import", csv.toString(), "--data", data().toString());

        assertThat(run.exitCode()).isEqualTo(Main.REJECTED);
        assertThat(run.out()).contains("read 2, indexed 1, rejected 1").contains("ragged.csv line 3");
    }

    @Test
    void aMissingFileIsOneLineWithoutStackTrace() {
        CliRun run = CliRun.of("import", temp.resolve("nope.csv").toString(), "--data", data().toString());

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("timesmith: ").contains("nope.csv: no such file").doesNotContain("\tat ");
        assertThat(data()).doesNotExist();
    }

    @Test
    void aDataDirectoryThatIsAFileIsOneLine() throws IOException {
        Path notADirectory = write("data", "just a file");

        CliRun run = CliRun.of("import", DEMO.toString(), "--data", notADirectory.toString());

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("cannot use " + notADirectory + " as the data directory");
    }

    @Test
    void aDamagedRegistryIsReportedNotOverwritten() throws IOException {
        Files.createDirectories(data());
        Files.writeString(data().resolve("timelines.json"), "{ not json");

        CliRun run = CliRun.of("import", DEMO.toString(), "--data", data().toString());

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("timelines.json is damaged");
        assertThat(Files.readString(data().resolve("timelines.json"))).isEqualTo("{ not json");
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun run = CliRun.of("import", "--verbose", temp.resolve("nope.csv").toString(), "--data", data().toString());

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("nope.csv: no such file").contains("\tat org.timesmith.cli.ImportCommand");
    }

    @Test
    void binaryGarbageFailsWithTheFileNamedAndOtherFilesStillImport() throws IOException {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Path binary = Files.write(temp.resolve("garbage.bin"), garbage);
        Path good = write("good.csv", HEADER + "fine,2024-03-12T08:00:00Z,Event Logged,WS-1\n");

        CliRun run = CliRun.of("import", binary.toString(), good.toString(), "--data", data().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("garbage.bin").doesNotContain("\tat ");
        assertThat(run.out()).contains("timeline \"good\" (id 1)").contains("read 1, indexed 1, rejected 0");
        assertThat(Files.readString(data().resolve("timelines.json"))).doesNotContain("garbage");
    }

    @Test
    void aGzippedJsonlFileWithOptionsImports() throws IOException {
        Path jsonl = temp.resolve("conn.jsonl.gz");
        try (GZIPOutputStream gzip = new GZIPOutputStream(Files.newOutputStream(jsonl))) {
            gzip.write(("{\"src_ip\":\"10.0.0.1\",\"dst_ip\":\"8.8.8.8\",\"datetime\":\"2024-03-12 09:00:00\"}\n"
                    + "{\"src_ip\":\"10.0.0.2\",\"dst_ip\":\"1.1.1.1\",\"datetime\":\"2024-03-12 09:00:01\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        CliRun run = CliRun.of("import", jsonl.toString(), "--data", data().toString(), "--format", "jsonl",
                "--timezone", "Europe/Amsterdam", "--message-format", "{src_ip:s} connected to {dst_ip:s}",
                "--timestamp-desc", "Connection Established");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("timeline \"conn\"").contains("indexed 2");
        CliRun search = CliRun.of("search", "--data", data().toString(), "--output", "jsonl",
                "--fields", "message,timestamp_desc,datetime", "connected");
        assertThat(search.out()).contains("10.0.0.1 connected to 8.8.8.8").contains("Connection Established")
                .contains("2024-03-12T08:00:00");
    }

    @Test
    void semicolonDelimiterOption() throws IOException {
        Path csv = write("semi.csv", "message;datetime;timestamp_desc\nsemi one;2024-03-12T08:00:00Z;Event Logged\n");

        CliRun run = CliRun.of("import", csv.toString(), "--data", data().toString(), "--delimiter", ";");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("indexed 1");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(CliRun.of("import", DEMO.toString(), "--format", "docx").exitCode()).isEqualTo(Main.USAGE);
        CliRun zone = CliRun.of("import", DEMO.toString(), "--timezone", "Mars/Olympus");
        assertThat(zone.exitCode()).isEqualTo(Main.USAGE);
        assertThat(zone.err()).contains("--timezone");
        assertThat(CliRun.of("import", DEMO.toString(), "--delimiter", "ab").err()).contains("one character");
        assertThat(CliRun.of("import").exitCode()).isEqualTo(Main.USAGE);
    }

    @Test
    void defaultTimelineNamesDropCompressionAndFormatExtensions() {
        assertThat(ImportCommand.defaultTimelineName(Path.of("/x/evtx.csv.gz"))).isEqualTo("evtx");
        assertThat(ImportCommand.defaultTimelineName(Path.of("case.plaso"))).isEqualTo("case");
        assertThat(ImportCommand.defaultTimelineName(Path.of("README"))).isEqualTo("README");
    }
}
