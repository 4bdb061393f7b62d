package org.timesmith.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;
import org.timesmith.server.ingest.Importer;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;

class AdminServiceTest {

    @Test
    void usersGroupsAndSketchesWithoutHttp() {
        Path home = TestServer.createHome();
        try (TestServer server = new TestServer(home, false)) {
            AdminService admin = server.admin();
            admin.addUser("root", "long-enough-pw", true);
            admin.addUser("ann", "long-enough-pw", false);
            assertThatThrownBy(() -> admin.addUser("ann", "long-enough-pw", false)).isInstanceOf(ApiException.class)
                    .hasMessageContaining("already exists");
            assertThatThrownBy(() -> admin.addUser("bad name", "long-enough-pw", false)).isInstanceOf(ApiException.class);
            assertThatThrownBy(() -> admin.addUser("short", "pw", false)).isInstanceOf(ApiException.class)
                    .hasMessageContaining("8 characters");
            assertThat(admin.listUsers()).extracting(User::username).containsExactly("root", "ann");
            admin.setPassword("ann", "another-password");
            assertThat(new TsClient(server.url()).login("ann", "another-password").status()).isEqualTo(302);
            admin.setActive("ann", false);
            assertThat(new TsClient(server.url()).login("ann", "another-password").status()).isEqualTo(200);
            admin.addGroup("ir", "incident response");
            assertThat(admin.groupMember("ir", "root", true)).isTrue();
            assertThat(admin.groupMember("ir", "root", true)).isFalse();
            assertThat(admin.groupMembers("ir")).isEqualTo(List.of("root"));
            assertThatThrownBy(() -> admin.groupMember("nope", "root", true)).isInstanceOf(ApiException.class);
            TsClient root = TsClient.loggedIn(server.url(), "root", "long-enough-pw");
            long sketch = Fixtures.sketch(root, "Admin managed");
            Fixtures.TimelineRef timeline = Fixtures.timeline(server, root, sketch, "t", Fixtures.events(2));
            assertThat(admin.listSketches()).extracting(s -> s.name()).contains("Admin managed");
            admin.deleteSketch(sketch);
            assertThat(admin.listSketches()).isEmpty();
            assertThat(server.store().indexExists(timeline.indexName())).isFalse();
        }
    }

    @Test
    void demoCreatesAnAdminOnceAndPrintsThePasswordOnce() throws InterruptedException {
        Path home = TestServer.createHome();
        try (TestServer server = new TestServer(home, false)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String password = server.bean(DemoSetup.class).create(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .orElseThrow();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(password);
            TsClient admin = TsClient.loggedIn(server.url(), DemoSetup.ADMIN, password);
            var sketch = admin.get("/api/v1/sketches/").json().get("objects").get(0);
            assertThat(sketch.get("name").asString()).isEqualTo(DemoSetup.SKETCH_NAME);
            long sketchId = sketch.get("id").asLong();
            long timelineId = admin.get("/api/v1/sketches/" + sketchId + "/").json().get("objects").get(0)
                    .get("timelines").get(0).get("id").asLong();
            var timeline = Uploads.waitForImport(admin, sketchId, timelineId);
            assertThat(timeline.get("status").get(0).get("status").asString()).as(timeline.toString()).isEqualTo("ready");
            assertThat(Uploads.count(admin, sketchId, "_all")).isGreaterThan(100);
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            assertThat(server.bean(DemoSetup.class).create(new PrintStream(second, true, StandardCharsets.UTF_8)))
                    .isEmpty();
            assertThat(second.toString(StandardCharsets.UTF_8)).doesNotContain(password);
        }
    }

    @Test
    void firstDemoStartDoesNotTakeItsOwnImportForOneLeftByAnEarlierRun() throws InterruptedException {
        Path home = TestServer.createHome();
        try (TestServer server = new TestServer(home, false, Map.of("timesmith.demo", true))) {
            assertThat(server.admin().listUsers()).extracting(User::username).containsExactly(DemoSetup.ADMIN);
            assertThat(server.bean(Importer.class).resumedAtStart()).isEmpty();
            server.admin().setPassword(DemoSetup.ADMIN, TestServer.PASSWORD);
            TsClient admin = server.login(DemoSetup.ADMIN);
            long sketchId = admin.get("/api/v1/sketches/").json().get("objects").get(0).get("id").asLong();
            long timelineId = admin.get("/api/v1/sketches/" + sketchId + "/").json().get("objects").get(0)
                    .get("timelines").get(0).get("id").asLong();
            var timeline = Uploads.waitForImport(admin, sketchId, timelineId);
            assertThat(timeline.get("status").get(0).get("status").asString()).as(timeline.toString()).isEqualTo("ready");
        }
    }

    @Test
    void adminContextWorksOnADataDirectoryWithoutTheWebServer() {
        Path home = TestServer.createHome();
        try {
            try (TimesmithServer.AdminContext context = TimesmithServer.admin(home)) {
                context.admin().addUser("offline", "long-enough-pw", true);
                assertThat(context.admin().listUsers()).extracting(User::username).containsExactly("offline");
            }
            try (TimesmithServer.AdminContext context = TimesmithServer.admin(home)) {
                assertThat(context.admin().listUsers()).extracting(User::username).containsExactly("offline");
            }
        } finally {
            TestServer.deleteRecursively(home);
        }
    }
}
