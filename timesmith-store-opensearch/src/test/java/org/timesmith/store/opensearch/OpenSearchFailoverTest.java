package org.timesmith.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStream;
import org.timesmith.core.store.contract.ContractEvents;

/**
 * A two-node cluster with one replica per shard loses a data node in the middle of an import while
 * searches run: the searches keep answering (the cluster turns yellow), the import goes on through
 * the remaining node (the client skips the dead one, the bulk writer resends what was refused), and
 * in the end every event is there exactly once.
 */
class OpenSearchFailoverTest {

    private static final String INDEX = "failover";

    @Test
    void searchesAndImportsSurviveLosingADataNode() throws Exception {
        try (TestCluster cluster = TestCluster.start(2);
             OpenSearchEventStore store = new OpenSearchEventStore(cluster.config().withLayout(1, 1)
                     .withBulk(200, 1024 * 1024, 2, 30, Duration.ofMillis(100)));
             ClusterClient raw = new ClusterClient(cluster.config())) {
            store.createIndex(INDEX);
            // the victim is the node that is not cluster manager (two nodes have no quorum without it),
            // and it gets the primary, so losing it forces the promotion of the replica
            int victim = cluster.runner().getNodeIndex(cluster.runner().nonClusterManagerNode());
            String survivor = cluster.runner().clusterManagerNode().settings().get("node.name");
            settings(raw, "{\"index\":{\"number_of_replicas\":0,\"routing.allocation.exclude._name\":\"" + survivor
                    + "\"}}");
            raw.call("health", "GET", "/_cluster/health/" + INDEX, Map.of("wait_for_status", "green",
                    "wait_for_no_relocating_shards", "true", "timeout", "120s"), null, Set.of());
            settings(raw, "{\"index\":{\"number_of_replicas\":1,\"routing.allocation.exclude._name\":null}}");
            raw.call("health", "GET", "/_cluster/health/" + INDEX,
                    Map.of("wait_for_status", "green", "timeout", "120s"), null, Set.of());
            String primaryNode = raw.call("shards", "GET", "/_cat/shards/" + INDEX, Map.of("format", "json"), null,
                    Set.of()).body().valueStream().filter(s -> s.path("prirep").asString().equals("p"))
                    .findFirst().orElseThrow().path("node").asString();
            assertThat(primaryNode).isNotEqualTo(survivor);
            List<Event> events = ContractEvents.generated("f", 6_000, 0, 1);

            AtomicBoolean searching = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            List<Throwable> searchFailures = Collections.synchronizedList(new ArrayList<>());
            Thread searcher = Thread.ofPlatform().start(() -> {
                while (searching.get()) {
                    try {
                        store.search(SearchRequest.builder(INDEX).query("generated").size(20).build());
                        store.count(SearchRequest.builder(INDEX).build());
                        answered.incrementAndGet();
                    } catch (Throwable t) {
                        searchFailures.add(t);
                    }
                }
            });

            try (BulkWriter writer = store.bulkWriter(INDEX)) {
                events.subList(0, 3_000).forEach(writer::add);
                int before = answered.get();
                while (answered.get() < before + 3) {
                    Thread.sleep(5); // polling a condition, not measuring time
                }
                cluster.stopNode(victim);
                events.subList(3_000, 6_000).forEach(writer::add);
                writer.flush();
                assertThat(writer.written()).isEqualTo(6_000);
                System.out.println("failover: the bulk writer resent " + ((OpenSearchBulkWriter) writer).retries()
                        + " bulks; " + answered.get() + " searches answered so far");
            }
            int afterImport = answered.get();
            while (answered.get() < afterImport + 5) {
                Thread.sleep(5); // polling a condition, not measuring time
            }
            searching.set(false);
            searcher.join();

            assertThat(searchFailures).isEmpty();
            assertThat(raw.call("health", "GET", "/_cluster/health/" + INDEX, Map.of("wait_for_status", "yellow",
                    "timeout", "60s"), null, Set.of()).body().path("status").asString()).isEqualTo("yellow");
            store.refresh(INDEX);
            assertThat(store.count(SearchRequest.builder(INDEX).build())).isEqualTo(6_000);
            List<String> ids = new ArrayList<>();
            try (EventStream stream = store.stream(SearchRequest.builder(INDEX).build())) {
                stream.forEachRemaining(e -> ids.add(e.id()));
            }
            assertThat(ids).doesNotHaveDuplicates().isEqualTo(events.stream().map(Event::id).toList());
        }
    }

    private static void settings(ClusterClient raw, String json) {
        raw.call("settings", "PUT", "/" + INDEX + "/_settings", ClusterClient.JSON.readTree(json));
    }
}
