package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.TimesmithServer;
import org.timesmith.server.auth.User;
import org.timesmith.server.sketch.SketchService;

/** {@code timesmith admin import}: server-side imports into a data directory, without the web server. */
class AdminImportCommandTest {

    private static final String HEADER = "message,datetime,timestamp_desc\n";

    @TempDir
    Path temp;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void importsFilesIntoASketchAsItsOwnerOrAGivenUser() throws IOException {
        Path home = temp.resolve("home");
        long sketchId;
        try (TimesmithServer.AdminContext context = TimesmithServer.admin(home)) {
            User owner = context.admin().addUser("owner", "long-enough-pw", false);
            context.admin().addUser("outsider", "long-enough-pw", false);
            sketchId = context.context().getBean(SketchService.class).create(owner, "case", "").id();
        }
        Path good = write("logins.csv", HEADER + "one,2024-01-01T00:00:00Z,Logged\n"
                + "two,2024-01-01T00:00:01Z,Logged\n" + "three,2024-01-01T00:00:02Z,Logged\n");
        Path broken = write("broken.csv", HEADER + "four,2024-01-01T00:00:03Z,Logged\n"
                + "five,not a time,Logged\n");
        String sketch = String.valueOf(sketchId);

        CliRun first = CliRun.of("admin", "--home", home.toString(), "import", good.toString(), "--sketch", sketch);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("timeline 1 \"logins\": ready, 3 read, 3 indexed, 0 rejected");

        CliRun again = CliRun.of("admin", "--home", home.toString(), "import", good.toString(), broken.toString(),
                "--sketch", sketch, "--timeline", "both", "--user", "owner");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(Main.REJECTED);
        assertThat(again.outLines().get(0)).contains("timeline 2 \"both\": ready, 3 read, 3 indexed, 0 rejected");
        assertThat(again.outLines().get(1)).contains("timeline 2 \"both\": ready, 2 read, 1 indexed, 1 rejected");
        assertThat(again.out()).contains("1 of 2 records rejected").contains("broken.csv line 3");

        CliRun repeated = CliRun.of("admin", "--home", home.toString(), "import", good.toString(), "--sketch", sketch,
                "--timeline", "both");
        assertThat(repeated.exitCode()).as(repeated.toString()).isZero();
        assertThat(repeated.out()).contains("timeline 3 \"both_");

        try (TimesmithServer.AdminContext context = TimesmithServer.admin(home)) {
            EventStore store = context.context().getBean(EventStore.class);
            assertThat(store.count(SearchRequest.builder().indices(List.of(indexOf(context, 2))).build())).isEqualTo(4);
        }

        CliRun outsider = CliRun.of("admin", "--home", home.toString(), "import", good.toString(), "--sketch", sketch,
                "--user", "outsider");
        assertThat(outsider.exitCode()).isEqualTo(Main.FAILED);
        assertThat(outsider.err()).contains("write access");
        CliRun missing = CliRun.of("admin", "--home", home.toString(), "import", temp.resolve("nope.csv").toString(),
                "--sketch", sketch);
        assertThat(missing.exitCode()).isEqualTo(Main.FAILED);
        assertThat(missing.err()).contains("No such file").contains("nope.csv");
        CliRun noSketch = CliRun.of("admin", "--home", home.toString(), "import", good.toString(), "--sketch", "99");
        assertThat(noSketch.exitCode()).isEqualTo(Main.FAILED);
        assertThat(noSketch.err()).contains("No sketch 99");
    }

    private static String indexOf(TimesmithServer.AdminContext context, long timelineId) {
        var timelines = context.context().getBean(org.timesmith.server.timeline.TimelineRepository.class);
        return context.admin().indexName(timelines.timeline(timelineId).orElseThrow());
    }
}
