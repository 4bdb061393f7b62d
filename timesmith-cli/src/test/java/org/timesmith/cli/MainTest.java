package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void withoutACommandPrintsUsageAndFails() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("a command is required").contains("import").contains("search");
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("import").contains("search");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void versionIsPrinted() {
        assertThat(CliRun.of("--version").out()).startsWith("timesmith ");
    }
}
