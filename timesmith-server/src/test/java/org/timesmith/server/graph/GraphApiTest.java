package org.timesmith.server.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/**
 * The graph routes over HTTP: the plugin list, runs of the Windows logins graph over logon records in
 * both stored shapes (EventData names, plaso's strings), caps, saved graphs in both wire shapes, and
 * what another user, a reader and broken input get.
 */
class GraphApiTest {

    private static final long T0 = 1_700_000_000_000_000L;

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static TsClient reader;
    private static long sketchId;
    private static Fixtures.TimelineRef logons;
    private static Fixtures.TimelineRef other;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        server.admin().addUser("graph-reader", TestServer.PASSWORD, false);
        reader = server.login("graph-reader");
        sketchId = Fixtures.sketch(alice, "Graphs");
        logons = Fixtures.timeline(server, alice, sketchId, "security", logonEvents());
        other = Fixtures.timeline(server, alice, sketchId, "other", List.of(
                logon(4624, 50, Map.of("Computer", "DC01", "TargetUserName", "eve", "LogonType", "2"))));
        assertThat(alice.post(base() + "collaborators/", TsClient.map("users", List.of("graph-reader"),
                "permissions", "[\"read\"]")).status()).isEqualTo(200);
    }

    /** One logon record: Security event {@code id} at T0 + {@code minute} minutes with the given fields. */
    static Map<String, Object> logon(int id, int minute, Map<String, Object> fields) {
        long ts = T0 + minute * 60_000_000L;
        Map<String, Object> event = new LinkedHashMap<>(fields);
        event.put("message", "Security event " + id);
        event.put("timestamp", ts);
        event.put("datetime", Instant.ofEpochSecond(ts / 1_000_000).toString());
        event.put("timestamp_desc", "Content Modification Time");
        event.put("data_type", "windows:evtx:record");
        event.put("event_identifier", id);
        return event;
    }

    private static List<Object> strings(int size, Map<Integer, String> values) {
        List<Object> list = new ArrayList<>(Collections.nCopies(size, "-"));
        values.forEach(list::set);
        return list;
    }

    private static List<Map<String, Object>> logonEvents() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(logon(4624, i, Map.of("Computer", "WS01", "TargetUserName", "alice", "LogonType", "3",
                    "IpAddress", "10.0.0.5")));
        }
        events.add(logon(4624, 10, Map.of("computer_name", "WS02", "strings",
                strings(21, Map.of(5, "alice", 8, "10", 18, "10.0.0.5")))));
        events.add(logon(4625, 20, Map.of("computer_name", "WS02", "strings",
                strings(21, Map.of(5, "mallory", 10, "3", 19, "203.0.113.9")))));
        events.add(logon(4648, 30, Map.of("Computer", "WS01", "TargetUserName", "svc_backup", "TargetServerName", "FS01",
                "IpAddress", "-")));
        events.add(logon(4624, 40, Map.of("Computer", "WS03", "LogonType", "3")));
        Map<String, Object> noise = logon(4688, 45, Map.of("Computer", "WS01", "TargetUserName", "alice"));
        events.add(noise);
        return events;
    }

    private static String base() {
        return "/api/v1/sketches/" + sketchId + "/";
    }

    private static TsClient.Response run(TsClient client, Object body) {
        return client.post(base() + "graph/", body);
    }

    /** The run's graph (networkx cytoscape_data, decoded from its JSON string). */
    private static JsonNode elements(TsClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return TsClient.JSON.readTree(response.json().get("objects").get(0).get("graph_elements").asString());
    }

    private static Map<String, JsonNode> nodesByLabel(JsonNode graph) {
        Map<String, JsonNode> byLabel = new HashMap<>();
        graph.get("elements").get("nodes").forEach(n -> byLabel.put(n.get("data").get("label").asString(), n.get("data")));
        return byLabel;
    }

    private static JsonNode edge(JsonNode graph, String from, String to, String kind) {
        Map<String, JsonNode> nodes = nodesByLabel(graph);
        for (JsonNode e : graph.get("elements").get("edges")) {
            JsonNode d = e.get("data");
            if (d.get("source").asString().equals(nodes.get(from).get("id").asString())
                    && d.get("target").asString().equals(nodes.get(to).get("id").asString())
                    && d.get("kind").asString().equals(kind)) {
                return d;
            }
        }
        throw new AssertionError("no edge " + from + " -> " + to + " (" + kind + ") in " + graph);
    }

    @Test
    void pluginListIsABareListWithTimesketchsLowerCaseNames() {
        TsClient.Response response = alice.get("/api/v1/graphs/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
        assertThat(response.json().findValuesAsString("name")).containsExactly("winlogins", "winservice", "chromedownloads");
        assertThat(response.json().get(0).get("display_name").asString()).isEqualTo("Windows logins");
        assertThat(response.json().get(0).get("description").asString()).contains("4624");
    }

    @Test
    void winLoginsLinksUsersAndSourceAddressesToComputersWithCountsAndTimes() {
        TsClient.Response response = run(alice, TsClient.map("plugin", "WinLogins", "timeline_ids",
                List.of(logons.timelineId())));
        JsonNode graph = elements(response);
        assertThat(graph.get("directed").asBoolean()).isTrue();
        assertThat(graph.get("multigraph").asBoolean()).isTrue();
        Map<String, JsonNode> nodes = nodesByLabel(graph);
        assertThat(nodes.keySet()).containsExactlyInAnyOrder("alice", "WS01", "10.0.0.5", "WS02", "mallory",
                "203.0.113.9", "svc_backup", "FS01");
        assertThat(nodes.get("alice").get("type").asString()).isEqualTo("user");
        assertThat(nodes.get("10.0.0.5").get("type").asString()).isEqualTo("ip");
        assertThat(nodes.get("WS01").get("type").asString()).isEqualTo("computer");
        JsonNode network = edge(graph, "alice", "WS01", "Network");
        assertThat(network.get("count").asLong()).isEqualTo(3);
        assertThat(network.get("label").asString()).isEqualTo("Network (3)");
        assertThat(network.get("first_seen").asString()).isEqualTo("2023-11-14T22:13:20.000000");
        assertThat(network.get("last_seen").asString()).isEqualTo("2023-11-14T22:15:20.000000");
        assertThat(network.get("events").get(logons.indexName())).hasSize(3);
        assertThat(edge(graph, "10.0.0.5", "WS01", "Network").get("count").asLong()).isEqualTo(3);
        assertThat(edge(graph, "alice", "WS02", "RemoteInteractive").get("count").asLong()).isEqualTo(1);
        assertThat(edge(graph, "mallory", "WS02", "Failed Network").get("count").asLong()).isEqualTo(1);
        assertThat(edge(graph, "203.0.113.9", "WS02", "Failed Network").get("count").asLong()).isEqualTo(1);
        assertThat(edge(graph, "svc_backup", "FS01", "Explicit credentials").get("count").asLong()).isEqualTo(1);
        assertThat(edge(graph, "WS01", "FS01", "Explicit credentials").get("count").asLong()).isEqualTo(1);
        JsonNode model = response.json().get("objects").get(0);
        assertThat(model.get("num_nodes").asInt()).isEqualTo(8);
        assertThat(model.get("num_edges").asInt()).isEqualTo(graph.get("elements").get("edges").size());
        assertThat(model.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        JsonNode meta = response.json().get("meta");
        assertThat(meta.get("events_read").asLong()).isEqualTo(7);
        assertThat(meta.get("capped").asBoolean()).isFalse();
        assertThat(meta.get("message").asString()).isEmpty();
    }

    @Test
    void serviceInstallsByEventDataNameAndChromeDownloadsMakeTheirGraphs() {
        long sketch = Fixtures.sketch(alice, "Services and downloads");
        Map<String, Object> psexec = logon(7045, 0, Map.of("Computer", "WS07", "ServiceName", "PSEXESVC",
                "ImagePath", "%SystemRoot%\\PSEXESVC.exe", "ServiceType", "user mode service", "StartType", "demand start",
                "AccountName", "LocalSystem", "UserID", "S-1-5-21-1-500"));
        Map<String, Object> partial = logon(7045, 1, Map.of("Computer", "WS07", "ServiceName", "half"));
        Map<String, Object> download = logon(0, 2, Map.of("data_type", "chrome:history:file_downloaded", "hostname",
                "WS07", "full_path", "C:\\Users\\bob\\Downloads\\tool.exe", "received_bytes", 4096,
                "url", "https://example.org/tool.exe", "domain", "example.org"));
        download.put("data_type", "chrome:history:file_downloaded");
        download.remove("event_identifier");
        Fixtures.timeline(server, alice, sketch, "mixed", List.of(psexec, partial, download));
        String graph = "/api/v1/sketches/" + sketch + "/graph/";

        TsClient.Response services = alice.post(graph, TsClient.map("plugin", "WinService"));
        JsonNode servicesGraph = elements(services);
        Map<String, JsonNode> nodes = nodesByLabel(servicesGraph);
        assertThat(nodes.keySet()).containsExactlyInAnyOrder("S-1-5-21-1-500", "PSEXESVC", "WS07");
        assertThat(nodes.get("PSEXESVC").get("image_path").asString()).isEqualTo("%SystemRoot%\\PSEXESVC.exe");
        assertThat(nodes.get("PSEXESVC").get("account").asString()).isEqualTo("LocalSystem");
        assertThat(edge(servicesGraph, "S-1-5-21-1-500", "PSEXESVC", "demand start").get("count").asLong()).isEqualTo(1);
        assertThat(edge(servicesGraph, "PSEXESVC", "WS07", "user mode service").get("count").asLong()).isEqualTo(1);
        assertThat(services.json().get("meta").get("events_read").asLong()).as("the partial record is read, then skipped")
                .isEqualTo(2);

        JsonNode downloads = elements(alice.post(graph, TsClient.map("plugin", "chromedownloads")));
        Map<String, JsonNode> files = nodesByLabel(downloads);
        assertThat(files.keySet()).containsExactlyInAnyOrder("WS07", "tool.exe");
        assertThat(files.get("tool.exe").get("full_path").asString()).isEqualTo("C:\\Users\\bob\\Downloads\\tool.exe");
        assertThat(edge(downloads, "WS07", "tool.exe", "Downloaded 4096 bytes").get("count").asLong()).isEqualTo(1);
    }

    @Test
    void withoutTimelineIdsEveryTimelineOfTheSketchIsRead() {
        Map<String, JsonNode> nodes = nodesByLabel(elements(run(alice, TsClient.map("plugin", "winlogins"))));
        assertThat(nodes).containsKeys("eve", "DC01", "alice");
        Map<String, JsonNode> onlyOther = nodesByLabel(elements(run(reader, TsClient.map("plugin", "winlogins",
                "timeline_ids", List.of(other.timelineId())))));
        assertThat(onlyOther.keySet()).containsExactlyInAnyOrder("eve", "DC01");
    }

    @Test
    void aCappedGraphSaysSoAndStaysWithinTheCaps() {
        TsClient.Response response = run(alice, TsClient.map("plugin", "winlogins", "max_nodes", 3, "max_edges", 2,
                "timeline_ids", List.of(logons.timelineId())));
        JsonNode graph = elements(response);
        assertThat(graph.get("elements").get("nodes").size()).isLessThanOrEqualTo(3);
        assertThat(graph.get("elements").get("edges").size()).isLessThanOrEqualTo(2);
        JsonNode meta = response.json().get("meta");
        assertThat(meta.get("capped").asBoolean()).isTrue();
        assertThat(meta.get("left_out").asLong()).isPositive();
        assertThat(meta.get("message").asString()).contains("capped at", "left out", "max_nodes");
    }

    @Test
    void savedGraphsRoundTripInBothWireShapes() {
        JsonNode run = elements(run(alice, TsClient.map("plugin", "winlogins", "timeline_ids", List.of(logons.timelineId()))));
        List<Map<String, Object>> list = new ArrayList<>();
        for (String group : List.of("nodes", "edges")) {
            run.get("elements").get(group).forEach(e -> list.add(TsClient.map("group", group,
                    "data", TsClient.JSON.convertValue(e.get("data"), Map.class))));
        }
        TsClient.Response created = alice.post(base() + "graphs/", TsClient.map("name", "Logons", "description",
                "who went where", "elements", list, "graph_config", TsClient.map("layout", TsClient.map("name", "cose"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("objects").get(0).get("id").asLong();

        JsonNode saved = alice.get(base() + "graphs/" + id + "/").json().get("objects").get(0);
        assertThat(saved.get("name").asString()).isEqualTo("Logons");
        assertThat(saved.get("user").get("username").asString()).isEqualTo("alice");
        assertThat(TsClient.JSON.readTree(saved.get("graph_config").asString()).get("layout").get("name").asString())
                .isEqualTo("cose");
        JsonNode networkx = TsClient.JSON.readTree(saved.get("graph_elements").asString());
        assertThat(networkx.get("multigraph").asBoolean()).isTrue();
        assertThat(networkx.get("elements").get("nodes")).hasSize(run.get("elements").get("nodes").size());
        assertThat(networkx.get("elements").get("edges")).hasSize(run.get("elements").get("edges").size());
        assertThat(saved.get("num_nodes").asInt()).isEqualTo(8);

        JsonNode cytoscape = alice.get(base() + "graphs/" + id + "/?format=cytoscape").json().get("objects").get(0);
        assertThat(TsClient.JSON.readTree(cytoscape.get("graph_elements").asString())).hasSize(list.size());

        JsonNode listed = alice.get(base() + "graphs/").json().get("objects").get(0);
        assertThat(listed.findValuesAsString("name")).contains("Logons");
        assertThat(alice.post(base() + "graphs/" + id + "/", TsClient.map("name", "Renamed")).status()).isEqualTo(201);
        JsonNode renamed = alice.get(base() + "graphs/" + id + "/").json().get("objects").get(0);
        assertThat(renamed.get("name").asString()).isEqualTo("Renamed");
        assertThat(renamed.get("num_edges").asInt()).isEqualTo(saved.get("num_edges").asInt());

        assertThat(alice.delete(base() + "graphs/" + id + "/").status()).isEqualTo(200);
        assertThat(alice.get(base() + "graphs/" + id + "/").status()).isEqualTo(404);
    }

    private static long save(String name) {
        TsClient.Response created = alice.post(base() + "graphs/", TsClient.map("name", name, "elements",
                List.of(TsClient.map("group", "nodes", "data", TsClient.map("id", "a", "label", "secret-host")))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("objects").get(0).get("id").asLong();
    }

    @Test
    void anotherUserGetsNothingAndAReaderCannotChangeGraphs() {
        long id = save("Private");
        String path = base() + "graphs/" + id + "/";
        for (TsClient.Response r : List.of(bob.get(base() + "graphs/"), bob.get(path), bob.delete(path),
                bob.post(path, TsClient.map("name", "hijack")), bob.post(base() + "graphs/", TsClient.map("name", "x",
                        "elements", List.of())), run(bob, TsClient.map("plugin", "winlogins")))) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("secret-host", "alice", "10.0.0.5");
        }
        long bobs = Fixtures.sketch(bob, "Bob's graphs");
        String viaOwn = "/api/v1/sketches/" + bobs + "/graphs/" + id + "/";
        assertThat(bob.get(viaOwn).status()).isEqualTo(404);
        assertThat(bob.delete(viaOwn).status()).isEqualTo(404);
        assertThat(bob.post(viaOwn, TsClient.map("name", "hijack")).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/sketches/999999/graphs/").status()).isEqualTo(404);

        assertThat(reader.get(path).status()).isEqualTo(200);
        assertThat(reader.delete(path).status()).isEqualTo(403);
        assertThat(reader.post(path, TsClient.map("name", "hijack")).status()).isEqualTo(403);
        assertThat(reader.post(base() + "graphs/", TsClient.map("name", "x", "elements", List.of())).status()).isEqualTo(403);
        assertThat(alice.get(path).json().get("objects").get(0).get("name").asString()).isEqualTo("Private");

        TsClient anonymous = new TsClient(server.url());
        assertThat(anonymous.get("/api/v1/graphs/").status()).isIn(401, 403);
        assertThat(anonymous.get(base() + "graphs/").status()).isIn(401, 403);
    }

    @Test
    void brokenRunRequestsAreRefusedWithAClearMessage() {
        TsClient.Response unknown = run(alice, TsClient.map("plugin", "nosuchgraph"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asString()).contains("nosuchgraph", "winlogins");
        assertThat(run(alice, TsClient.map()).status()).isEqualTo(400);
        assertThat(alice.raw(base() + "graph/", "application/json", "{\"plugin\": ".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(400);
        assertThat(alice.raw(base() + "graph/", "application/json", "[1]".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(400);
        for (Object limit : List.of(0, -1, 1_000_000_000L, "many", 2.5)) {
            TsClient.Response r = run(alice, TsClient.map("plugin", "winlogins", "max_nodes", limit));
            assertThat(r.status()).as(String.valueOf(limit)).isEqualTo(400);
            assertThat(r.json().get("message").asString()).contains("max_nodes");
        }
        assertThat(run(alice, TsClient.map("plugin", "winlogins", "max_edges", 999_999_999)).status()).isEqualTo(400);
        assertThat(run(alice, TsClient.map("plugin", "winlogins", "timeline_ids", "1")).status()).isEqualTo(400);
        assertThat(run(alice, TsClient.map("plugin", "winlogins", "timeline_ids", List.of("x"))).status()).isEqualTo(400);
        TsClient.Response foreign = run(alice, TsClient.map("plugin", "winlogins", "timeline_ids", List.of(987654)));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("message").asString()).contains("987654");
    }

    @Test
    void brokenSavedGraphsAreRefused() {
        String graphs = base() + "graphs/";
        List<Map<String, Object>> ok = List.of(TsClient.map("group", "nodes", "data", TsClient.map("id", "a")));
        assertThat(alice.post(graphs, TsClient.map("elements", ok)).status()).isEqualTo(400);
        assertThat(alice.post(graphs, TsClient.map("name", "x")).status()).isEqualTo(400);
        assertThat(alice.post(graphs, TsClient.map("name", "x", "elements", "nodes")).status()).isEqualTo(400);
        assertThat(alice.post(graphs, TsClient.map("name", "x", "elements", List.of(TsClient.map("group", "blobs",
                "data", TsClient.map()))))).extracting(TsClient.Response::status).isEqualTo(400);
        assertThat(alice.post(graphs, TsClient.map("name", "x", "elements", List.of(TsClient.map("group", "nodes")))))
                .extracting(TsClient.Response::status).isEqualTo(400);
        assertThat(alice.post(graphs, TsClient.map("name", "x", "elements", ok, "graph_config", "{not json")).status())
                .isEqualTo(400);
        assertThat(alice.post(graphs, TsClient.map("name", "x", "elements", ok, "graph_config", 7)).status())
                .isEqualTo(400);
        assertThat(alice.post(graphs, TsClient.map("name", "n".repeat(300), "elements", ok)).status()).isEqualTo(400);
        assertThat(alice.raw(graphs, "application/json", "{".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(alice.get(graphs + "abc/").status()).isIn(400, 404);
        assertThat(alice.get(graphs + "424242/").status()).isEqualTo(404);
        assertThat(alice.delete(graphs + "424242/").status()).isEqualTo(404);
    }
}
