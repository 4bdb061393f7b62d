package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.client.LiveServerAccess;
import org.timesmith.client.config.ConfigAssistant;

/**
 * {@code timesmith import} and {@code timesmith search} choosing a sketch on a server by their
 * options, against the real server in-process, configured through an rc file in a temp directory.
 */
class ServerModeTest {

    @TempDir
    Path temp;

    private Path rc;

    @BeforeEach
    void configure() throws IOException {
        rc = temp.resolve(".timesketchrc");
        Files.writeString(rc, "[timesketch]\ntoken_file_path = " + temp.resolve(".timesketch.token") + "\n");
        new ConfigAssistant(rc, temp.resolve("unused.token"), Optional.empty())
                .save("timesketch", LiveServerAccess.url(), "alice", LiveServerAccess.PASSWORD, true, Optional.empty());
    }

    private CliRun run(String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--rc-file";
        full[args.length + 1] = rc.toString();
        return CliRun.of(full);
    }

    private static long sketchId(CliRun run) {
        Matcher matcher = Pattern.compile("Sketch (\\d+): ").matcher(run.out());
        assertThat(matcher.find()).as(run.toString()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void importsIntoANewSketchWaitsUntilReadyAndSearchesIt() {
        CliRun imported = run("import", ImportCommandTest.DEMO.toString(), "--new-sketch", "cli server mode");

        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("\"demo-timeline\" ready, " + ImportCommandTest.DEMO_EVENTS + " events sent, 0 rejected here");
        long sketch = sketchId(imported);

        CliRun search = run("search", "--sketch", Long.toString(sketch), "--limit", "all", "--output", "jsonl");
        assertThat(search.exitCode()).as(search.toString()).isZero();
        assertThat(search.outLines()).hasSize(ImportCommandTest.DEMO_EVENTS);
        assertThat(search.err()).contains(ImportCommandTest.DEMO_EVENTS + " results");

        CliRun limited = run("search", "--sketch", Long.toString(sketch), "--limit", "5", "--output", "csv",
                "--fields", "datetime,message", "--order", "desc");
        assertThat(limited.outLines()).hasSize(6).first().isEqualTo("datetime,message");
    }

    @Test
    void importIntoAnExistingSketchReportsRejectedRowsWithExitCode3() throws IOException {
        long sketch = sketchId(run("import", ImportCommandTest.DEMO.toString(), "--new-sketch", "rejections", "--quick"));
        Path broken = Files.writeString(temp.resolve("broken.csv"), ImportCommandTest.HEADER
                + "fine,2024-01-01T00:00:00Z,Written,h1\nbad,not a date,Written,h2\n", StandardCharsets.UTF_8);

        CliRun run = run("import", broken.toString(), "--sketch", Long.toString(sketch), "--timeline", "broken one");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.REJECTED);
        assertThat(run.out()).contains("Sketch " + sketch + ": rejections").contains("\"broken one\"")
                .containsPattern("rejected: .*not a date");
    }

    @Test
    void theTargetMustBeExactlyOneOfDataDirectoryAndSketch() {
        String file = ImportCommandTest.DEMO.toString();
        CliRun both = run("import", file, "--data", temp.resolve("d").toString(), "--sketch", "1");
        assertThat(both.exitCode()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("--data (a local data directory) and --sketch or --new-sketch");

        CliRun twoSketches = run("import", file, "--sketch", "1", "--new-sketch", "x");
        assertThat(twoSketches.exitCode()).isEqualTo(Main.USAGE);
        assertThat(twoSketches.err()).contains("--sketch and --new-sketch exclude each other");

        CliRun localOption = run("import", file, "--sketch", "1", "--timezone", "Europe/Amsterdam");
        assertThat(localOption.exitCode()).isEqualTo(Main.USAGE);
        assertThat(localOption.err()).contains("--timezone applies only to a local data directory");

        CliRun serverOption = CliRun.of("search", "--data", temp.resolve("d").toString(), "--starred");
        assertThat(serverOption.exitCode()).isEqualTo(Main.USAGE);
        assertThat(serverOption.err()).contains("--starred applies only to a sketch on a server (--sketch)");

        if (System.getenv("TIMESMITH_HOME") == null) {
            CliRun neither = CliRun.of("import", file);
            assertThat(neither.exitCode()).isEqualTo(Main.USAGE);
            assertThat(neither.err()).contains("say where to work: --data DIR").contains("--sketch or --new-sketch");
            assertThat(CliRun.of("search", "x").err()).contains("say where to work");
        }
    }

    @Test
    void aMissingSketchIsAOneLineError() {
        CliRun run = run("search", "--sketch", "999999", "anything");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).startsWith("timesmith: ").doesNotContain("Exception").contains("999999");
    }

    @Test
    void trafficReportOnASketchRunsTheServersTrafficAnalyzer() throws IOException {
        // one day of Zeek conn records: a host calling out every 300 s with the same size, and background noise
        StringBuilder lines = new StringBuilder();
        long start = java.time.Instant.parse("2024-04-19T00:00:00Z").getEpochSecond();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 288; i++) {
            lines.append(conn(start + i * 300L, "10.0.0.5", "203.0.113.9", "http", 407));
            lines.append(conn(start + random.nextInt(86_400), "10.0.0." + (10 + random.nextInt(20)), "198.51.100."
                    + random.nextInt(50), "ssl", 1_000 + random.nextInt(50_000)));
        }
        Path file = temp.resolve("conn.jsonl");
        Files.writeString(file, lines.toString(), StandardCharsets.UTF_8);
        long sketch = sketchId(run("import", file.toString(), "--new-sketch", "traffic on a server"));

        CliRun report = run("traffic", "report", "--sketch", Long.toString(sketch), "--internal", "10.0.0.0/8");

        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(report.out()).contains("DONE").contains("576 connections").contains("Network traffic analysis");
        CliRun tagged = run("search", "--sketch", Long.toString(sketch), "tag:beacon", "--limit", "all", "--output", "jsonl");
        assertThat(tagged.outLines()).hasSize(288).allSatisfy(l -> assertThat(l).contains("203.0.113.9"));

        CliRun localOnly = run("traffic", "report", "--sketch", Long.toString(sketch), "--out", temp.toString());
        assertThat(localOnly.exitCode()).isEqualTo(Main.USAGE);
        assertThat(localOnly.err()).contains("--out applies only to a local data directory");
    }

    private static String conn(long epochSecond, String source, String destination, String service, long bytes) {
        String time = java.time.Instant.ofEpochSecond(epochSecond).toString();
        return "{\"datetime\":\"" + time + "\",\"timestamp_desc\":\"Connection start\",\"message\":\"" + source
                + " -> " + destination + "\",\"data_type\":\"zeek:conn\",\"id.orig_h\":\"" + source
                + "\",\"id.resp_h\":\"" + destination + "\",\"proto\":\"tcp\",\"service\":\"" + service
                + "\",\"orig_bytes\":" + bytes + ",\"resp_bytes\":0}\n";
    }
}
