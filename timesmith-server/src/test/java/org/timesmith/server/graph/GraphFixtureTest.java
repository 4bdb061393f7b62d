package org.timesmith.server.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * The Windows services graph over real data: Timesketch's end-to-end System.evtx plaso file, imported
 * through the upload route as a user would. Its 7045 service installs give the graph Timesketch's
 * own {@code graph_test} expects: twelve edges.
 */
class GraphFixtureTest {

    @Test
    void serviceInstallsOfTheEndToEndEvtxGiveTwelveEdges() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.shared("plaso", "evtx_20250918.plaso"));
        TestServer server = TestServer.shared();
        TsClient alice = server.login("alice");
        long sketchId = Fixtures.sketch(alice, "Services graph");
        Map<String, String> form = Uploads.form(sketchId, "evtx_20250918");
        form.put("total_file_size", String.valueOf(bytes.length));
        TsClient.Response upload = alice.multipart("/api/v1/upload/", form, Map.of(),
                Map.of("file", Map.entry("evtx_20250918.plaso", bytes)));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        Uploads.waitForImport(alice, sketchId, upload.json().get("objects").get(0).get("id").asLong());

        TsClient.Response run = alice.post("/api/v1/sketches/" + sketchId + "/graph/",
                TsClient.map("plugin", "winservice", "config", null, "refresh", false));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        JsonNode model = run.json().get("objects").get(0);
        JsonNode graph = TsClient.JSON.readTree(model.get("graph_elements").asString());
        JsonNode edges = graph.get("elements").get("edges");
        assertThat(edges).hasSize(12);
        assertThat(model.get("num_edges").asInt()).isEqualTo(12);
        Set<String> types = new HashSet<>();
        graph.get("elements").get("nodes").forEach(n -> types.add(n.get("data").get("type").asString()));
        assertThat(types).containsExactlyInAnyOrder("user", "winservice", "computer");
        JsonNode services = graph.get("elements").get("nodes");
        long withImage = 0;
        for (JsonNode node : services) {
            if (node.get("data").get("type").asString().equals("winservice")) {
                assertThat(node.get("data").get("image_path").asString()).isNotBlank();
                withImage++;
            }
        }
        assertThat(withImage).isPositive();
        long events = 0;
        for (JsonNode edge : edges) {
            events += edge.get("data").get("count").asLong();
            assertThat(edge.get("data").get("first_seen").asString()).startsWith("20");
        }
        assertThat(events).isEqualTo(2 * run.json().get("meta").get("events_read").asLong());
        System.out.println("winservice over evtx_20250918.plaso: " + run.json().get("meta") + " nodes "
                + model.get("num_nodes") + " edges " + model.get("num_edges"));
    }
}
