package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code timesmith traffic report --es-url … --index …} against a real OpenSearch node holding RITA's
 * "missing host" Zeek conn logs as an ELK pipeline leaves them (dynamic mapping: text with keyword
 * sub-fields, a date field), next to other documents the query must leave out. The aggregated report
 * must be the streamed one: the same series to the last slot, the same anomalies, the same beacons.
 */
class TrafficIndexTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path temp;

    static OpenSearchRunner node;
    static String url;
    static String data;

    @BeforeAll
    static void importLocallyAndIntoAnIndex() throws IOException {
        Path root = Path.of(System.getProperty("timesmith.fixtures", "../../shared/fixtures")).resolve("zeek/rita_missing_host");
        Assumptions.assumeTrue(Files.isDirectory(root), "fixture " + root + " is absent; skipping");
        List<String> args = new ArrayList<>(List.of("import"));
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName().toString().startsWith("conn.")).sorted().forEach(p -> args.add(p.toString()));
        }
        data = temp.resolve("data").toString();
        args.addAll(List.of("--data", data, "--timeline", "sensor", "--no-progress"));
        assertThat(CliRun.of(args.toArray(String[]::new)).exitCode()).isZero();

        int httpPort = freePort();
        int transportPort = freePort();
        node = new OpenSearchRunner();
        node.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("indices.breaker.total.use_real_memory", "false");
            settings.put("node.processors", "2");
        }).build(OpenSearchRunner.newConfigs().basePath(temp.resolve("opensearch").toString()).numOfNode(1)
                .clusterName("timesmith-cli-traffic-" + ProcessHandle.current().pid()).disableESLogger());
        node.ensureYellow();
        url = "http://127.0.0.1:" + httpPort;
        request("PUT", "/zeek-2024.04", "{\"settings\": {\"number_of_shards\": 2, \"number_of_replicas\": 0}}");
        try (DataDirectory directory = DataDirectory.openExisting(Path.of(data));
             EventStream events = directory.store().stream(SearchRequest.builder(DataDirectory.INDEX).query("*").build())) {
            StringBuilder bulk = new StringBuilder();
            int n = 0;
            while (events.hasNext()) {
                bulk.append("{\"index\": {}}\n").append(JSON.writeValueAsString(events.next().source())).append('\n');
                if (++n % 5_000 == 0) {
                    request("POST", "/zeek-2024.04/_bulk", bulk.toString());
                    bulk.setLength(0);
                }
            }
            // Documents that are no connections: another data type, and a conn event without its source.
            bulk.append("{\"index\": {}}\n{\"data_type\": \"zeek:dns\", \"datetime\": \"2024-04-19T10:00:00Z\", "
                    + "\"service\": \"dns\", \"id.orig_h\": \"10.0.0.1\", \"id.resp_h\": \"10.0.0.2\"}\n");
            bulk.append("{\"index\": {}}\n{\"data_type\": \"zeek:conn\", \"datetime\": \"2024-04-19T10:00:00Z\", "
                    + "\"service\": \"dns\", \"id.resp_h\": \"10.0.0.2\", \"orig_bytes\": 5}\n");
            request("POST", "/zeek-2024.04/_bulk?refresh=true", bulk.toString());
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theAggregatedReportIsTheStreamedOne() throws IOException {
        Path local = temp.resolve("local");
        CliRun streamed = CliRun.of("traffic", "report", "--data", data, "--internal", "64.225.56.201/32",
                "--out", local.toString());
        assertThat(streamed.exitCode()).as(streamed.toString()).isZero();
        Path index = temp.resolve("index");
        CliRun aggregated = CliRun.of("traffic", "report", "--es-url", url, "--index", "zeek-*",
                "--internal", "64.225.56.201/32", "--out", index.toString());
        assertThat(aggregated.exitCode()).as(aggregated.toString()).isZero();

        assertThat(aggregated.out()).contains("events: 105,919 read, 105,918 connections, 0 skipped, 1 rejected");
        assertThat(aggregated.err()).containsPattern("read zeek-\\*: aggregations [\\d,]+ ms \\([\\d,]+ requests, "
                + "[\\d,]+ buckets\\), beacons [\\d,]+ ms \\(105,918 connections\\)");
        for (String file : List.of("series.csv", "anomalous-days.csv", "anomalous-windows.csv", "beacons.csv")) {
            assertThat(Files.readAllLines(index.resolve(file))).as(file)
                    .containsExactlyElementsOf(Files.readAllLines(local.resolve(file)));
        }
        String reportOf = streamed.out().substring(streamed.out().indexOf("anomalous days"));
        assertThat(aggregated.out()).endsWith(reportOf);
    }

    @Test
    void incrementalRunsWorkOnAnIndexToo() throws IOException {
        Path state = temp.resolve("index-state");
        CliRun first = CliRun.of("traffic", "report", "--es-url", url, "--index", "zeek-*", "--no-beacons",
                "--state", state.toString(), "--until", "2024-04-20", "--backfill-days", "5");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        CliRun next = CliRun.of("traffic", "report", "--es-url", url, "--index", "zeek-*", "--no-beacons",
                "--state", state.toString(), "--until", "2024-04-30");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.err()).contains("stored series up to 2024-04-19; reading 2024-04-20 … 2024-04-29")
                .contains("beacons 0 ms (0 connections)");
        Path full = temp.resolve("index-full");
        assertThat(CliRun.of("traffic", "report", "--es-url", url, "--index", "zeek-*", "--no-beacons",
                "--out", full.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(state.resolve("series.csv")))
                .containsExactlyInAnyOrderElementsOf(Files.readAllLines(full.resolve("series.csv")));
    }

    @Test
    void wrongFieldsAndIndicesAreClearErrors() {
        CliRun noField = CliRun.of("traffic", "report", "--es-url", url, "--index", "zeek-*", "--source-field", "src_ip");
        assertThat(noField.exitCode()).as(noField.toString()).isEqualTo(Main.FAILED);
        assertThat(noField.err()).contains("index zeek-* has no field 'src_ip'");
        CliRun notADate = CliRun.of("traffic", "report", "--es-url", url, "--index", "zeek-*", "--time-field", "timestamp");
        assertThat(notADate.exitCode()).as(notADate.toString()).isEqualTo(Main.FAILED);
        assertThat(notADate.err()).contains("--time-field timestamp is [long] in zeek-*, not a date");
        CliRun textBytes = CliRun.of("traffic", "report", "--es-url", url, "--index", "zeek-*", "--bytes-field", "service");
        assertThat(textBytes.exitCode()).as(textBytes.toString()).isEqualTo(Main.FAILED);
        assertThat(textBytes.err()).contains("--bytes-field service is [keyword] in zeek-*, not a number");
        CliRun noIndex = CliRun.of("traffic", "report", "--es-url", url, "--index", "nothing-here");
        assertThat(noIndex.exitCode()).as(noIndex.toString()).isEqualTo(Main.FAILED);
        assertThat(noIndex.err()).contains("nothing-here");
        CliRun both = CliRun.of("traffic", "report", "--es-url", url, "--index", "zeek-*", "--data", data);
        assertThat(both.exitCode()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("--es-url reads an index");
    }

    private static void request(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            assertThat(response.body()).as(method + " " + path).doesNotContain("\"errors\":true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
