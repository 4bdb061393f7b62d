package org.timesmith.server.cluster;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timesmith.server.support.ImportKills;
import org.timesmith.server.support.TestServer;
import org.timesmith.store.opensearch.OpenSearchEventStore;
import org.timesmith.store.opensearch.OpenSearchStoreConfig;

/**
 * Crash safety of a chunked CSV upload into the OpenSearch store: a real OpenSearch node (in this
 * JVM) stays up while the Timesmith server, in a JVM of its own, is killed with SIGKILL in the middle
 * of the import and started again; the import resumes and the OpenSearch index holds every line once
 * (ids unique, counts exact). The staging point is the store's business only after staging, so it is
 * covered by the embedded store's {@code ImportKillTest}.
 */
class OpenSearchImportKillTest {

    private static final int LINES = 20_000;
    private static final String PREFIX = "kill-";

    private static OpenSearchTestNode openSearch;

    @BeforeAll
    static void startOpenSearch() {
        openSearch = new OpenSearchTestNode();
    }

    @AfterAll
    static void stopOpenSearch() throws Exception {
        openSearch.close();
    }

    /** Killed while indexing (half the lines), before the final flush, and after the refresh. */
    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({"indexing, 10000", "commit, 1", "ready, 1"})
    void aKilledImportIntoOpenSearchResumesWithEveryLineOnce(String point, long after) throws Exception {
        Path home = TestServer.createHome();
        Map<String, String> spring = Map.of("timesmith.store", "opensearch", "timesmith.opensearch.hosts",
                openSearch.host(), "timesmith.opensearch.replicas", "0", "timesmith.opensearch.index-prefix", PREFIX);
        try {
            ImportKills.killAndRecover(home, point, after, LINES, spring, dir -> new OpenSearchEventStore(
                    OpenSearchStoreConfig.of(openSearch.host()).withIndexPrefix(PREFIX)));
        } finally {
            TestServer.deleteRecursively(home);
        }
    }
}
