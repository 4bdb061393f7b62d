package org.timesmith.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jobrunr.storage.StorageProvider;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;
import org.timesmith.server.auth.LoginThrottle;
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
    private static Map<String, Object> shared;
    private static final Map<String, ConfigurableApplicationContext> NODES = new LinkedHashMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        openSearch = new OpenSearchTestNode();
        uploads = TestServer.createHome();
        crash = new ImportCrash(CRASH_IMPORT_EVENTS / 2);
        shared = new HashMap<>();
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
    void failedLoginsCountOnAllNodesTogether() {
        NODES.get("node1").getBean(AdminService.class).addUser("victim", TestServer.PASSWORD, false);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            String node = i % 2 == 0 ? "node1" : "node2";
            assertThat(new TsClient(url(node)).login("victim", "guess-" + i).status()).as("guess %d", i).isEqualTo(200);
        }
        // Neither node saw five failures itself; together they did.
        for (String node : List.of("node1", "node2")) {
            TsClient.Response blocked = new TsClient(url(node)).login("victim", TestServer.PASSWORD);
            assertThat(blocked.status()).as(node).isEqualTo(429);
            assertThat(blocked.body()).contains("Too many failed logins");
        }
    }

    @Test
    @Order(3)
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
    @Order(4)
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

    @Test
    @Order(5)
    void aStartingNodeLeavesImportsOfLiveNodesAloneAndResumesTheOthers() throws Exception {
        String live = NODES.entrySet().stream().filter(e -> e.getValue().isActive()).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        TsClient client = TsClient.loggedIn(url(live), "alice", TestServer.PASSWORD);
        long sketch = Fixtures.sketch(client, "node start");
        // Both workers of the live node stop mid-import while the node itself keeps beating.
        crash.arm();
        long running = upload(client, sketch, "running", CRASH_IMPORT_EVENTS);
        assertThat(crash.awaitCrash(Duration.ofMinutes(2))).contains(live);
        crash.arm();
        long lost = upload(client, sketch, "lost", CRASH_IMPORT_EVENTS);
        assertThat(crash.awaitCrash(Duration.ofMinutes(2))).contains(live);
        JdbcClient jdbc = JdbcClient.create(NODES.get(live).getBean(DataSource.class));
        String runningAttempt = attempt(jdbc, running);
        // The second data source's attempt is one JobRunr no longer holds (say, deleted from its queue).
        jdbc.sql("UPDATE data_source SET job_id = ? WHERE timeline_id = ?").param(UUID.randomUUID().toString())
                .param(lost).update();
        String lostAttempt = attempt(jdbc, lost);

        NODES.put("node3", start("node3", shared));

        assertThat(attempt(jdbc, running)).as("the import running on a live node is not queued again")
                .isEqualTo(runningAttempt);
        assertThat(status(jdbc, running)).isEqualTo("processing");
        assertThat(attempt(jdbc, lost)).as("the import no node holds is queued again").isNotEqualTo(lostAttempt);
        TsClient onNode3 = client.sameSessionOn(url("node3"));
        JsonNode resumed = waitForImport(onNode3, sketch, lost);
        assertThat(resumed.get("datasources").get(0).get("indexed_events").asLong()).isEqualTo(CRASH_IMPORT_EVENTS);
        assertThat(count(onNode3, sketch, lost, "*")).isEqualTo(CRASH_IMPORT_EVENTS);
        assertThat(crash.completed()).contains(new ImportCrash.Completed("node3", CRASH_IMPORT_EVENTS));

        // Once the node running the first import is gone, a node that starts queues it again, unless
        // JobRunr's orphan handling on node 3 retried it first (both take 20 s or so here, and either
        // way the import must end with the exact count).
        CompletableFuture.runAsync(NODES.get(live)::close).get(2, TimeUnit.MINUTES);
        StorageProvider jobStorage = NODES.get("node3").getBean(StorageProvider.class);
        for (int i = 0; i < 600 && jobStorage.getBackgroundJobServers().size() > 1; i++) {
            Thread.sleep(100);
        }
        assertThat(jobStorage.getBackgroundJobServers()).as("the stopped node signed off").hasSize(1);
        NODES.put("node4", start("node4", shared));
        JsonNode finished = waitForImport(onNode3, sketch, running);
        assertThat(finished.get("status").get(0).get("status").asString()).isEqualTo("ready");
        assertThat(finished.get("datasources").get(0).get("indexed_events").asLong()).isEqualTo(CRASH_IMPORT_EVENTS);
        assertThat(count(onNode3, sketch, running, "*")).isEqualTo(CRASH_IMPORT_EVENTS);
    }

    private static String attempt(JdbcClient jdbc, long timeline) {
        return jdbc.sql("SELECT job_id FROM data_source WHERE timeline_id = ?").param(timeline).query(String.class)
                .single();
    }

    private static String status(JdbcClient jdbc, long timeline) {
        return jdbc.sql("SELECT status FROM data_source WHERE timeline_id = ?").param(timeline).query(String.class)
                .single();
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
