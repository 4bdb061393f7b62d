package org.timesmith.server.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * The rule store of issue 16 over HTTP on its own server (live rules change every import, so they
 * must not touch the shared server's): live rules tag events while they are imported and count
 * their hits, only administrators switch them, the list searches by title, tag, log source, status,
 * level and live state, and a zip of a SigmaHQ-layout folder installs what it can and says why not
 * the rest.
 */
class SigmaLiveApiTest {

    private static TestServer server;
    private static TsClient admin;
    private static TsClient alice;
    private static TsClient bob;

    @BeforeAll
    static void start() {
        server = new TestServer(TestServer.createHome(), true);
        admin = server.login("admin");
        alice = server.login("alice");
        bob = server.login("bob");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String rule(String uuid, String title, String needle) {
        return """
                title: %s
                id: %s
                status: test
                level: high
                tags:
                    - attack.execution
                    - attack.t1059.001
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    selection:
                        CommandLine|contains: '%s'
                    condition: selection
                """.formatted(title, uuid, needle);
    }

    private static String install(TsClient client, String title, String needle) {
        String uuid = UUID.randomUUID().toString();
        TsClient.Response created = client.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", rule(uuid, title, needle)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return uuid;
    }

    private static long upload(TsClient client, long sketchId, String name, String jsonl) throws InterruptedException {
        byte[] bytes = jsonl.getBytes(StandardCharsets.UTF_8);
        Map<String, String> fields = Uploads.form(sketchId, name);
        fields.put("total_file_size", String.valueOf(bytes.length));
        TsClient.Response response = client.multipart("/api/v1/upload/", fields, Map.of(),
                Map.of("file", Map.entry(name + ".jsonl", bytes)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        long timelineId = response.json().get("objects").get(0).get("id").asLong();
        assertThat(Uploads.waitForImport(client, sketchId, timelineId).get("status").get(0).get("status").asString())
                .isEqualTo("ready");
        return timelineId;
    }

    private static long count(TsClient client, long sketchId, String query) {
        TsClient.Response response = client.post("/api/v1/sketches/" + sketchId + "/explore/",
                TsClient.map("query", query, "filter", TsClient.map("indices", "_all"), "count", true));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("meta").get("total_count").asLong();
    }

    private static String events(String marker) {
        // Timesketch's sigma config: windows process_creation is a windows:evtx:record with
        // event_identifier 1 or 4688 from Sysmon or the Security log; CommandLine is read from xml_string.
        return "{\"message\": \"m1\", \"datetime\": \"2024-01-01T00:00:01Z\", \"timestamp_desc\": \"t\", \"data_type\": \"windows:evtx:record\", \"event_identifier\": 1,"
                + " \"source_name\": \"Microsoft-Windows-Sysmon\", \"xml_string\": \"powershell -" + marker + " AAAA\"}\n"
                + "{\"message\": \"m2\", \"datetime\": \"2024-01-01T00:00:02Z\", \"timestamp_desc\": \"t\", \"data_type\": \"windows:evtx:record\", \"event_identifier\": 1,"
                + " \"source_name\": \"Microsoft-Windows-Sysmon\", \"xml_string\": \"cmd /c dir\"}\n"
                + "{\"message\": \"m3\", \"datetime\": \"2024-01-01T00:00:03Z\", \"timestamp_desc\": \"t\", \"data_type\": \"windows:evtx:record\", \"event_identifier\": 1,"
                + " \"source_name\": \"Other\", \"xml_string\": \"powershell -" + marker + " BBBB\"}\n";
    }

    private static JsonNode live(TsClient client, String uuid) {
        return client.get("/api/v1/sigmarules/").json().get("objects").valueStream()
                .filter(r -> r.get("rule_uuid").asString().equals(uuid)).findFirst().orElseThrow().get("live");
    }

    @Test
    void anEnabledRuleTagsEventsWhileTheyAreImportedAndCountsItsHits() throws Exception {
        String uuid = install(alice, "Live encoded PowerShell", "-encliveone ");
        assertThat(live(alice, uuid).get("enabled").asBoolean()).isFalse();

        assertThat(bob.post("/api/v1/sigmarules/" + uuid + "/live/", TsClient.map("enabled", true)).status()).isEqualTo(403);
        // Even the owner may not: a live rule tags every user's imports.
        assertThat(alice.post("/api/v1/sigmarules/" + uuid + "/live/", TsClient.map("enabled", true)).status()).isEqualTo(403);
        assertThat(admin.post("/api/v1/sigmarules/" + uuid + "/live/", TsClient.map("enabled", "yes")).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/sigmarules/" + UUID.randomUUID() + "/live/", TsClient.map("enabled", true)).status())
                .isEqualTo(404);
        TsClient.Response enabled = admin.post("/api/v1/sigmarules/" + uuid + "/live/", TsClient.map("enabled", true));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().get("objects").get(0).get("live").get("enabled").asBoolean()).isTrue();

        long sketchId = Fixtures.sketch(alice, "Live Sigma");
        upload(alice, sketchId, "live-on", events("encliveone"));
        assertThat(count(alice, sketchId, "tag:\"sigma_Live encoded PowerShell\"")).isEqualTo(1);
        assertThat(count(alice, sketchId, "ts_ttp:\"attack.t1059.001\" AND sigma_level:high AND ts_sigma_rule:\"" + uuid + "\""))
                .isEqualTo(1);
        JsonNode counters = live(alice, uuid);
        assertThat(counters.get("hits").asLong()).isEqualTo(1);
        // The third event never reaches the rule: the rule set indexes it by its log source's source_name.
        assertThat(counters.get("events_evaluated").asLong()).isEqualTo(2);
        assertThat(counters.get("cost_ms").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(alice.get("/api/v1/sigmarules/" + uuid + "/").json().get("objects").get(0).get("live").get("hits")
                .asLong()).isEqualTo(1);

        assertThat(admin.post("/api/v1/sigmarules/" + uuid + "/live/", TsClient.map("enabled", false)).status()).isEqualTo(200);
        long other = Fixtures.sketch(alice, "Live Sigma off");
        upload(alice, other, "live-off", events("encliveone"));
        assertThat(count(alice, other, "tag:\"sigma_Live encoded PowerShell\"")).isZero();
        assertThat(live(alice, uuid).get("hits").asLong()).isEqualTo(1);
    }

    @Test
    void anUpdatedLiveRuleRunsInItsNewForm() throws Exception {
        String uuid = install(alice, "Live updated", "-needleold ");
        assertThat(admin.post("/api/v1/sigmarules/" + uuid + "/live/", TsClient.map("enabled", true)).status()).isEqualTo(200);
        TsClient.Response updated = alice.put("/api/v1/sigmarules/" + uuid + "/",
                TsClient.map("rule_yaml", rule(uuid, "Live updated", "-needlenew ")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        long sketchId = Fixtures.sketch(alice, "Live updated");
        upload(alice, sketchId, "updated", events("needlenew"));
        assertThat(count(alice, sketchId, "tag:\"sigma_Live updated\"")).isEqualTo(1);
        assertThat(admin.post("/api/v1/sigmarules/" + uuid + "/live/", TsClient.map("enabled", false)).status()).isEqualTo(200);
    }

    @Test
    void theListSearchesByTitleTagLogSourceStatusLevelAndLiveState() {
        String uuid = install(bob, "Searchable Zebra rule", "zebra");
        assertThat(uuids("?title=zebra")).contains(uuid);
        assertThat(uuids("?title=ZEBRA%20RULE")).contains(uuid);
        assertThat(uuids("?title=no-such-title")).doesNotContain(uuid);
        assertThat(uuids("?tag=T1059.001")).contains(uuid);
        assertThat(uuids("?tag=attack.t1003")).doesNotContain(uuid);
        assertThat(uuids("?logsource=category:process_creation")).contains(uuid);
        assertThat(uuids("?logsource=product:linux")).doesNotContain(uuid);
        assertThat(uuids("?status=test&level=high&live=false")).contains(uuid);
        assertThat(uuids("?live=true")).doesNotContain(uuid);
        assertThat(uuids("?title=%25")).doesNotContain(uuid);
        assertThat(alice.get("/api/v1/sigmarules/?live=maybe").status()).isEqualTo(400);
        JsonNode entry = alice.get("/api/v1/sigmarules/?title=zebra").json().get("objects").get(0);
        assertThat(entry.get("level").asString()).isEqualTo("high");
        assertThat(entry.get("tags").get(1).asString()).isEqualTo("attack.t1059.001");
        assertThat(entry.get("logsource").get("product").asString()).isEqualTo("windows");
    }

    private static java.util.List<String> uuids(String query) {
        TsClient.Response response = alice.get("/api/v1/sigmarules/" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("objects").valueStream().map(r -> r.get("rule_uuid").asString()).toList();
    }

    @Test
    void aZipOfASigmaHqFolderInstallsEveryGoodRuleAndNamesEverySkippedFile() throws IOException {
        String one = UUID.randomUUID().toString();
        String two = UUID.randomUUID().toString();
        String existing = install(alice, "Zip existing", "zipexisting");
        byte[] zip = zip(Map.of(
                "rules/windows/process_creation/one.yml", rule(one, "Zip one", "zipone"),
                "rules-threat-hunting/windows/two.yaml", rule(two, "Zip two", "ziptwo"),
                "rules/windows/broken.yml", "title: [unclosed",
                "rules/windows/noid.yml", rule("", "Zip no id", "x").replace("id: \n", ""),
                "rules/windows/existing.yml", rule(existing, "Zip existing", "zipexisting"),
                "rules/windows/README.md", "not a rule"));
        TsClient.Response response = bob.raw("/api/v1/sigmarules/import/", "application/zip", zip);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode outcome = response.json().get("objects").get(0);
        assertThat(outcome.get("files").asInt()).isEqualTo(5);
        assertThat(outcome.get("installed").asInt()).isEqualTo(2);
        assertThat(outcome.get("skipped").asInt()).isEqualTo(3);
        assertThat(outcome.get("skipped_files").toString()).contains("broken.yml", "noid.yml", "existing.yml",
                "already exists", "has no id");
        assertThat(uuids("?title=zip%20one")).containsExactly(one);
        // bob installed them: alice may not change them.
        assertThat(alice.delete("/api/v1/sigmarules/" + one + "/").status()).isEqualTo(403);

        assertThat(bob.raw("/api/v1/sigmarules/import/", "application/zip", "not a zip".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(400);
        assertThat(bob.raw("/api/v1/sigmarules/import/", "application/zip", new byte[0]).status()).isEqualTo(400);
        byte[] truncated = java.util.Arrays.copyOf(zip, zip.length / 2);
        assertThat(bob.raw("/api/v1/sigmarules/import/", "application/zip", truncated).status()).isIn(200, 400);
    }

    @Test
    void theNewRoutesNeedALogin() {
        TsClient anonymous = new TsClient(server.url());
        assertThat(anonymous.get("/api/v1/sigmarules/?title=x").status()).isIn(401, 403);
        assertThat(anonymous.raw("/api/v1/sigmarules/import/", "application/zip", new byte[] {1}).status()).isIn(401, 403);
        assertThat(anonymous.post("/api/v1/sigmarules/" + UUID.randomUUID() + "/live/", TsClient.map("enabled", true))
                .status()).isIn(401, 403);
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
