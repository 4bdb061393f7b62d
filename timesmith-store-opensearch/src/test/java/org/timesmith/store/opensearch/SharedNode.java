package org.timesmith.store.opensearch;

import java.io.IOException;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One single-node OpenSearch cluster for all test classes of the run: started by the first test
 * that asks, kept in JUnit's root store and closed when the run ends, so the suite pays the node's
 * start-up once. Register it as an instance field with {@code @RegisterExtension}; the cluster is
 * ready before any {@code @BeforeEach} method runs.
 */
final class SharedNode implements BeforeEachCallback {

    private TestCluster cluster;

    private record Handle(TestCluster cluster) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            cluster.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster = context.getRoot().getStore(ExtensionContext.Namespace.create(SharedNode.class))
                .computeIfAbsent("node", key -> new Handle(TestCluster.start(1)), Handle.class).cluster();
    }

    TestCluster cluster() {
        return cluster;
    }
}
