package org.timesmith.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;

/**
 * The importer page's last section, "Import Data Already Ingested into OpenSearch": a real
 * OpenSearch node, an index filled by a plain {@code _bulk} load the way another tool (an ELK
 * pipeline, a script) would, a real Timesmith server on that cluster, and the Java form of
 * {@code sketch.generate_timeline_from_es_index(...)} making it a searchable timeline.
 */
class ImporterPageOpenSearchTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path base;
    private static OpenSearchRunner node;
    private static String nodeUrl;
    private static ConfigurableApplicationContext server;
    private static TimesketchClient tsClient;

    @BeforeAll
    static void startOpenSearchAndServer() throws IOException {
        base = Files.createTempDirectory("timesmith-client-opensearch");
        int httpPort = freePort();
        int transportPort = freePort();
        node = new OpenSearchRunner();
        node.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            // A nearly full build disk must not make the indices read-only; small caches for a shared machine.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("indices.breaker.total.use_real_memory", "false");
            settings.put("node.processors", "2");
            settings.put("action.auto_create_index", "false");
        }).build(OpenSearchRunner.newConfigs().basePath(base.resolve("opensearch").toString()).numOfNode(1)
                .clusterName("timesmith-client-test-" + ProcessHandle.current().pid()).disableESLogger());
        node.ensureYellow();
        nodeUrl = "http://127.0.0.1:" + httpPort;
        server = TimesmithServer.start(base.resolve("server"), 0, false, Map.of(
                "logging.level.org.jobrunr", "warn", "logging.level.root", "warn",
                "timesmith.store", "opensearch", "timesmith.opensearch.hosts", "127.0.0.1:" + httpPort,
                "timesmith.opensearch.replicas", "0",
                "timesmith.analyzers.auto-run", ""), List.of());
        server.getBean(AdminService.class).addUser("analyst", LiveServer.PASSWORD, false);
        String url = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        tsClient = TimesketchClient.connect(ConnectionSettings.userpass(url, "analyst", LiveServer.PASSWORD)
                .withRetries(2, Duration.ofMillis(20)));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                if (node != null) {
                    node.close();
                }
            } finally {
                LiveServer.deleteRecursively(base);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request to the OpenSearch node, as any other tool would send it; fails on an error status. */
    private static String openSearch(String method, String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(nodeUrl + path)).header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            assertThat(response.body()).as(method + " " + path).doesNotContain("\"errors\":true");
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates {@code index} with {@code properties} and bulk-loads {@code count} web log lines, as an ELK pipeline would. */
    private static void bulkLoad(String index, String properties, int count, boolean withTimestampDesc) {
        openSearch("PUT", "/" + index, "application/json",
                "{\"settings\": {\"number_of_replicas\": 0}, \"mappings\": {\"properties\": " + properties + "}}");
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < count; i++) {
            long seconds = 1_600_000_000L + i * 60L;
            bulk.append("{\"index\": {\"_index\": \"").append(index).append("\", \"_id\": \"line-").append(i).append("\"}}\n");
            bulk.append("{\"message\": \"GET /page/").append(i).append(" from ").append(i % 2 == 0 ? "10.0.0.1" : "10.0.0.2")
                    .append("\", \"datetime\": \"").append(java.time.Instant.ofEpochSecond(seconds))
                    .append("\", \"timestamp\": ").append(seconds * 1_000_000L)
                    .append(withTimestampDesc ? ", \"timestamp_desc\": \"Request Time\"" : "")
                    .append(", \"client_ip\": \"").append(i % 2 == 0 ? "10.0.0.1" : "10.0.0.2").append("\"}\n");
        }
        openSearch("POST", "/_bulk?refresh=true", "application/x-ndjson", bulk.toString());
    }

    private static final String WEB_LOG_MAPPING = """
            {"message": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
             "datetime": {"type": "date"}, "timestamp": {"type": "long"},
             "timestamp_desc": {"type": "keyword"}, "client_ip": {"type": "keyword"}}""";

    @Test
    void anIndexFilledByAnotherToolBecomesASearchableTimeline() {
        bulkLoad("elk-web-logs", WEB_LOG_MAPPING, 12, true);
        Sketch sketch = tsClient.createSketch("already in OpenSearch", "");

        Timeline timeline = sketch.generateTimelineFromEsIndex("elk-web-logs", "Web logs from ELK",
                "My Custom Ingestion Script", "python my_custom_script.py --ingest");

        assertThat(timeline.name()).isEqualTo("Web logs from ELK");
        assertThat(timeline.status()).isEqualTo("ready");
        assertThat(sketch.listTimelines()).extracting(Timeline::id).containsExactly(timeline.id());
        assertThat(timeline.dataSources()).singleElement().satisfies(source -> assertThat(source)
                .containsEntry("provider", "My Custom Ingestion Script")
                .containsEntry("context", "python my_custom_script.py --ingest")
                .containsEntry("data_label", "OpenSearch"));
        List<Map<String, Object>> events = sketch.search().queryString("*").returnFields("*").toList();
        assertThat(events).hasSize(12);
        assertThat(events.get(0)).containsEntry("message", "GET /page/0 from 10.0.0.1")
                .containsEntry("timestamp_desc", "Request Time");
        assertThat(events).allSatisfy(e -> assertThat(((Number) e.get("__ts_timeline_id")).longValue())
                .isEqualTo(timeline.id()));
        assertThat(sketch.search().queryString("client_ip:\"10.0.0.2\"").expectedSize()).isEqualTo(6);
        assertThat(sketch.search().queryString("*").addChip(DateRangeChip.of("2020-09-13T12:26:40", "2020-09-13T12:28:40"))
                .toList()).hasSize(3);
        assertThat(tsClient.listSearchIndices()).filteredOn(i -> i.indexName().equals("elk-web-logs"))
                .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo("ready"));

        // The same index a second time is refused with the way to add it instead.
        assertThatThrownBy(() -> tsClient.createSketch("again", "").generateTimelineFromEsIndex("elk-web-logs", "again",
                "p", "c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The index elk-web-logs is already search index ");
    }

    @Test
    void anIndexWithoutTheNecessaryFieldsIsAClearErrorNamingThem() {
        bulkLoad("elk-no-desc", """
                {"message": {"type": "text"}, "datetime": {"type": "date"}, "timestamp": {"type": "long"},
                 "client_ip": {"type": "keyword"}}""", 3, false);
        Sketch sketch = tsClient.createSketch("missing fields", "");

        assertThatThrownBy(() -> sketch.generateTimelineFromEsIndex("elk-no-desc", "incomplete", "p", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The index elk-no-desc cannot be a timeline: its mapping lacks timestamp_desc (it has ")
                .hasMessageContaining("message").hasMessageEndingWith("is marked fail.");
        assertThat(sketch.listTimelines()).isEmpty();
        assertThat(tsClient.listSearchIndices()).filteredOn(i -> i.indexName().equals("elk-no-desc"))
                .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo("fail"));
    }
}
