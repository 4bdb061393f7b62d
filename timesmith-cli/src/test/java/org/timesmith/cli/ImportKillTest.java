package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.ingest.CrashPoint;
import org.timesmith.core.ingest.NumberedLines;
import org.timesmith.store.lucene.LuceneEventStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crash safety of the local import: {@code timesmith import} runs in a JVM of its own, stops at a
 * named {@link CrashPoint}, is killed there with SIGKILL, and the same command is run again on the
 * same data directory. The rerun must succeed with the exact count, leave one data source in the
 * registry, and the index must hold every line once under a unique id.
 */
class ImportKillTest {

    private static final int LINES = 20_000;

    @TempDir
    Path temp;

    /** Killed while indexing (half the lines), before the final commit, and after it before the registry is saved. */
    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({"indexing, 10000", "commit, 1", "ready, 1"})
    void theRerunAfterAKillImportsEveryLineOnce(String point, long after) throws Exception {
        Path csv = Files.write(temp.resolve("numbered.csv"), NumberedLines.csv(LINES));
        Path data = temp.resolve("data");
        killAt(point, after, "import", csv.toString(), "--data", data.toString(), "--no-progress");

        CliRun rerun = CliRun.of("import", csv.toString(), "--data", data.toString(), "--no-progress");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("read " + String.format("%,d", LINES) + ", indexed "
                + String.format("%,d", LINES) + ", rejected 0");
        JsonNode registry = JsonMapper.builder().build().readTree(data.resolve("timelines.json").toFile());
        assertThat(registry.path("timelines")).hasSize(1);
        assertThat(registry.path("timelines").path(0).path("dataSources")).hasSize(1);
        try (LuceneEventStore store = new LuceneEventStore(data.resolve(DataDirectory.INDEX_DIRECTORY))) {
            NumberedLines.assertEveryLineOnce(store, DataDirectory.INDEX, LINES);
        }
    }

    /** Runs {@code timesmith args…} in a child JVM until it reaches the point, then kills it. */
    private static void killAt(String point, long after, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-D" + CrashPoint.PROPERTY + "=" + point, "-D" + CrashPoint.AFTER_PROPERTY + "=" + after,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.equals(CrashPoint.MARKER + point)) {
                    process.destroyForcibly();
                    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
                    return;
                }
            }
        } finally {
            process.destroyForcibly();
        }
        throw new AssertionError("timesmith ended (exit " + process.waitFor() + ") without reaching " + point
                + ":\n" + String.join("\n", output));
    }
}
