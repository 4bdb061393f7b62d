package org.timesmith.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/**
 * Two Timesmith nodes in one JVM, each on its own random port and data directory, configured only
 * through properties the way a deployment is: one embedded PostgreSQL for metadata, sessions and
 * JobRunr's queue, one OpenSearch node for events, one shared uploads folder. Nothing else is
 * shared between the two Spring contexts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

    @RegisterExtension
    static final SharedPostgres POSTGRES = new SharedPostgres();

    private static final int CRASH_IMPORT_EVENTS = 3_000;

    private static OpenSearchTestNode openSearch;
    private static Path uploads;
    private static ImportCrash crash;
    private static final Map<String, ConfigurableApplicationContext> NODES = new LinkedHashMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        openSearch = new OpenSearchTestNode();
        uploads = TestServer.createHome();
        crash = new ImportCrash(CRASH_IMPORT_EVENTS / 2);
        Map<String, Object> shared = new HashMap<>();
        shared.put("spring.datasource.url", POSTGRES.newDatabase());
        shared.put("timesmith.store", "opensearch");
        shared.put("timesmith.opensearch.hosts", openSearch.host());
        shared.put("timesmith.opensearch.replicas", 0);
        shared.put("timesmith.opensearch.index-prefix", "two-node-");
        shared.put("timesmith.uploads", uploads.toString());
        // JobRunr's shortest timings: a silent node is declared dead and its jobs orphaned after
        // 5 s × 4; its retry then waits 2 s before any node's worker takes it.
        shared.put("jobrunr.background-job-server.poll-interval-in-seconds", 5);
        shared.put("jobrunr.background-job-server.server-timeout-poll-interval-multiplicand", 4);
        shared.put("jobrunr.background-job-server.interrupt-jobs-await-duration-on-stop", "1s");
        shared.put("jobrunr.jobs.retry-back-off-time-seed", 2);
        shared.put("logging.level.org.jobrunr", "warn");
        for (String node : List.of("node1", "node2")) {
            NODES.put(node, start(node, shared));
        }
        AdminService admin = NODES.get("node1").getBean(AdminService.class);
        admin.addUser("alice", TestServer.PASSWORD, false);
    }

    private static ConfigurableApplicationContext start(String node, Map<String, Object> shared) {
        ApplicationContextInitializer<ConfigurableApplicationContext> crashable = context ->
                context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        return bean instanceof EventStore store ? new CrashableEventStore(node, store, crash) : bean;
                    }
                });
        return TimesmithServer.start(TestServer.createHome(), 0, false, shared, List.of(crashable));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            for (ConfigurableApplicationContext context : NODES.values()) {
                if (context.isActive()) {
                    context.close();
                }
                TestServer.deleteRecursively(Path.of(context.getEnvironment().getProperty("timesmith.home")));
            }
        } finally {
            crash.release();
            TestServer.deleteRecursively(uploads);
            openSearch.close();
        }
    }

    private static String url(String node) {
        return "http://127.0.0.1:" + NODES.get(node).getEnvironment().getProperty("local.server.port");
    }

    @Test
    @Order(1)
    void aLoginOnOneNodeIsValidOnTheOther() {
        TsClient onNode1 = TsClient.loggedIn(url("node1"), "alice", TestServer.PASSWORD);
        TsClient onNode2 = onNode1.sameSessionOn(url("node2"));

        TsClient.Response me = onNode2.get("/api/v1/users/me/");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("objects").get(0).get("username").asString()).isEqualTo("alice");
        // The CSRF token issued by node 1 is valid on node 2: it lives in the shared session.
        long sketch = Fixtures.sketch(onNode2, "made on node 2");
        assertThat(onNode1.get("/api/v1/sketches/" + sketch + "/").status()).isEqualTo(200);
        assertThat(new TsClient(url("node2")).get("/api/v1/users/me/").status()).isEqualTo(401);

        // Logging out on node 2 ends the session on node 1 too.
        assertThat(onNode2.get("/logout").status()).isEqualTo(302);
        assertThat(onNode1.get("/api/v1/users/me/").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void anUploadThroughOneNodeIsImportedByAWorkerAndSearchableFromTheOther() throws Exception {
        TsClient onNode1 = TsClient.loggedIn(url("node1"), "alice", TestServer.PASSWORD);
        TsClient onNode2 = onNode1.sameSessionOn(url("node2"));
        long sketch = Fixtures.sketch(onNode1, "upload on node 1");

        long timeline = upload(onNode1, sketch, "shared", 500);

        JsonNode done = waitForImport(onNode2, sketch, timeline);
        assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("ready");
        assertThat(done.get("datasources").get(0).get("indexed_events").asLong()).isEqualTo(500);
        assertThat(count(onNode2, sketch, timeline, "*")).isEqualTo(500);
        assertThat(count(onNode2, sketch, timeline, "\"upload 499\"")).isEqualTo(1);
        assertThat(crash.completed()).anySatisfy(c -> assertThat(c.events()).isEqualTo(500));
    }

    @Test
    @Order(3)
    void anImportWhoseNodeDiesIsFinishedByTheOtherNodeWithTheExactCount() throws Exception {
        TsClient onNode1 = TsClient.loggedIn(url("node1"), "alice", TestServer.PASSWORD);
        long sketch = Fixtures.sketch(onNode1, "crash");
        crash.arm();

        long timeline = upload(onNode1, sketch, "crash", CRASH_IMPORT_EVENTS);

        Optional<String> dead = crash.awaitCrash(Duration.ofMinutes(2));
        assertThat(dead).as("a worker started the import").isPresent();
        String survivor = dead.get().equals("node1") ? "node2" : "node1";
        TsClient onSurvivor = onNode1.sameSessionOn(url(survivor));
        // The dead node's context goes down around its frozen worker: its web server, heartbeat and
        // connections stop, but the attempt it was running never reports back.
        ConfigurableApplicationContext deadNode = NODES.get(dead.get());
        CompletableFuture.runAsync(deadNode::close).get(2, TimeUnit.MINUTES);

        JsonNode done = waitForImport(onSurvivor, sketch, timeline);
        assertThat(done.get("status").get(0).get("status").asString()).isEqualTo("ready");
        JsonNode source = done.get("datasources").get(0);
        assertThat(source.get("total_file_events").asLong()).isEqualTo(CRASH_IMPORT_EVENTS);
        assertThat(source.get("indexed_events").asLong()).isEqualTo(CRASH_IMPORT_EVENTS);
        assertThat(source.get("rejected_events").asLong()).isZero();
        // Deterministic ids: the rerun overwrote the events the dead attempt had written.
        assertThat(count(onSurvivor, sketch, timeline, "*")).isEqualTo(CRASH_IMPORT_EVENTS);
        for (int i : new int[] {0, CRASH_IMPORT_EVENTS / 2 - 1, CRASH_IMPORT_EVENTS / 2, CRASH_IMPORT_EVENTS - 1}) {
            assertThat(count(onSurvivor, sketch, timeline, "\"upload " + i + "\"")).as("event %d", i).isEqualTo(1);
        }
        assertThat(crash.completed()).contains(new ImportCrash.Completed(survivor, CRASH_IMPORT_EVENTS));
    }

    private static long upload(TsClient client, long sketch, String name, int events) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("sketch_id", String.valueOf(sketch));
        form.put("data_label", "");
        form.put("provider", "Importer library");
        String jsonl = IntStream.range(0, events).mapToObj(i -> "{\"message\": \"upload " + i
                + "\", \"datetime\": \"2023-01-01T10:" + String.format("%02d:%02d", i / 60 % 60, i % 60)
                + ".000000+0000\", \"timestamp_desc\": \"Time Logged\"}").collect(Collectors.joining("\n"));
        TsClient.Response response = client.multipart("/api/v1/upload/", form, Map.of("events", jsonl), Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("objects").get(0).get("id").asLong();
    }

    private static JsonNode waitForImport(TsClient client, long sketch, long timeline) throws InterruptedException {
        for (int i = 0; i < 1_200; i++) {
            JsonNode object = client.get("/api/v1/sketches/" + sketch + "/timelines/" + timeline + "/").json()
                    .get("objects").get(0);
            String status = object.get("status").get(0).get("status").asString();
            if (!status.equals("processing") && !status.equals("new") && !status.equals("queueing")) {
                return object;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the import of timeline " + timeline + " did not finish");
    }

    private static long count(TsClient client, long sketch, long timeline, String query) {
        Map<String, Object> body = TsClient.map("query", query,
                "filter", TsClient.map("indices", List.of(timeline)), "count", true);
        TsClient.Response response = client.post("/api/v1/sketches/" + sketch + "/explore/", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("meta").get("total_count").asLong();
    }
}
