package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.server.TimesmithServer;
import org.timesmith.server.auth.User;
import org.timesmith.server.sketch.SketchService;

/** {@code timesmith tsctl}: tsctl's subcommands, spellings and output lines on a data directory. */
class TsctlCommandTest {

    @TempDir
    Path temp;

    @Test
    void statusesOfSearchIndicesAndTimelinesCanBeReadAndForced() throws IOException {
        Path home = temp.resolve("home");
        long sketchId;
        try (TimesmithServer.AdminContext context = TimesmithServer.admin(home)) {
            User owner = context.admin().addUser("owner", "long-enough-pw", false);
            sketchId = context.context().getBean(SketchService.class).create(owner, "case", "").id();
        }
        Path file = Files.writeString(temp.resolve("logins.csv"), "message,datetime,timestamp_desc\n"
                + "one,2024-01-01T00:00:00Z,Logged\n", StandardCharsets.UTF_8);
        CliRun imported = tsctl(home, "import", "--file", file.toString(), "--sketch_id", String.valueOf(sketchId),
                "--timeline_name", "logins");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("(timeline 1): ready, 1 read, 1 indexed, 0 rejected");

        CliRun set = tsctl(home, "searchindex-status", "--action", "set", "--status", "fail", "--searchindex_id", "1");
        assertThat(set.out()).contains("Searchindex 1 status set to fail");
        tsctl(home, "searchindex-status", "--action", "set", "--status", "ready", "--searchindex_id", "1");
        CliRun get = tsctl(home, "searchindex-status", "--searchindex_id", "1");
        String history = get.out().split("Full Status Value")[1];
        assertThat(history.lines().filter(line -> line.contains("ready"))).hasSize(1);
        assertThat(history.lines().filter(line -> line.contains("fail"))).isEmpty();

        CliRun failed = tsctl(home, "timeline-status", "1", "--action", "set", "--status", "fail");
        assertThat(failed.exitCode()).as(failed.toString()).isZero();
        assertThat(tsctl(home, "timeline-status", "1").out()).contains("fail").contains("Data Sources:")
                .contains("ready");
        CliRun info = tsctl(home, "searchindex-info", "--searchindex_id", "1");
        assertThat(info.out()).contains("Searchindex: 1 Name: logins [Status: ready] found")
                .contains("ID: 1, Name: logins [Status: fail]").contains("Sketch ID: " + sketchId + ", Name: case");

        assertThat(tsctl(home, "searchindex-info", "--index_name", "nope").out())
                .isEqualTo("Searchindex not found in database." + System.lineSeparator());
        assertThat(tsctl(home, "timeline-status", "99").out()).contains("Timeline does not exist.");
        assertThat(tsctl(home, "searchindex-status", "--searchindex_id", "99").out())
                .contains("Searchindex does not exist.");
        CliRun badStatus = tsctl(home, "timeline-status", "1", "--action", "set", "--status", "archived");
        assertThat(badStatus.exitCode()).isNotZero();
        assertThat(badStatus.err()).contains("ready, processing, fail");
    }

    @Test
    void usersAreCreatedMadeAdminAndListedAsTsctlPrintsThem() {
        Path home = temp.resolve("users");
        assertThat(tsctl(home, "create-user", "alice", "--password", "long-enough-pw").out())
                .contains("User account for alice created/updated");
        assertThat(tsctl(home, "make-admin", "alice").out()).contains("User is now an admin.");
        assertThat(tsctl(home, "make-admin", "nobody").out()).contains("User does not exist.");
        assertThat(tsctl(home, "list-users").outLines()).containsExactly("alice (admin)");
        assertThat(tsctl(home, "list-users", "--status").outLines()).containsExactly("alice (admin) (active: True)");
        CliRun noData = tsctl(temp.resolve("empty"), "list-users");
        assertThat(noData.exitCode()).isNotZero();
        assertThat(noData.err()).contains("no Timesmith data in");
    }

    private static CliRun tsctl(Path home, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "tsctl";
        all[1] = "--home";
        all[2] = home.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }
}
