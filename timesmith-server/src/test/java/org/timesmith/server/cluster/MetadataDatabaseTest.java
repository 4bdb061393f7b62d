package org.timesmith.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.timesmith.server.AdminService;
import org.timesmith.server.auth.LoginThrottle;
import org.timesmith.server.ingest.Task;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import org.timesmith.server.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * The metadata repositories on both databases: the same Flyway migrations and the same SQL on the
 * embedded default (SQLite) and on PostgreSQL, each test run once per database against a real
 * server whose only difference is {@code spring.datasource.url}. Both keep HTTP sessions in the
 * database ({@code timesmith.sessions=jdbc}), so the session table is exercised on both dialects.
 */
class MetadataDatabaseTest {

    @RegisterExtension
    static final SharedPostgres POSTGRES = new SharedPostgres();

    private static final Map<String, TestServer> SERVERS = new LinkedHashMap<>();

    @BeforeAll
    static void startServers() {
        SERVERS.put("sqlite", new TestServer(TestServer.createHome(), true,
                Map.of("timesmith.sessions", "jdbc")));
        SERVERS.put("postgresql", new TestServer(TestServer.createHome(), true,
                Map.of("spring.datasource.url", POSTGRES.newDatabase(), "timesmith.sessions", "jdbc")));
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(TestServer::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void migrationsCreateTheSameTablesAndTheSessionTable(String database) {
        JdbcClient jdbc = JdbcClient.create(SERVERS.get(database).bean(javax.sql.DataSource.class));
        for (String table : List.of("ts_user", "ts_group", "ts_group_member", "sketch", "sketch_acl",
                "sketch_attribute", "search_index", "timeline", "data_source", "upload_chunk", "event_comment", "task",
                "saved_view", "story", "aggregation_group", "saved_aggregation", "sigma_rule", "analysis_session", "analysis",
                "saved_graph", "spring_session", "spring_session_attributes", "login_failure", "user_preference", "sketch_preference")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isNotNegative();
        }
        String url = SERVERS.get(database).bean(org.springframework.core.env.Environment.class)
                .getProperty("spring.datasource.url");
        assertThat(url).startsWith(database.equals("sqlite") ? "jdbc:sqlite:" : "jdbc:postgresql:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void loginFailuresAreCountedInTheDatabaseAndExpireAfterTheLockout(String database) {
        JdbcClient jdbc = JdbcClient.create(SERVERS.get(database).bean(javax.sql.DataSource.class));
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        LoginThrottle throttle = new LoginThrottle(Clock.fixed(start, ZoneOffset.UTC), jdbc);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("Guessed-" + database, "192.0.2.1");
        }
        assertThat(throttle.blocked("guessed-" + database, "192.0.2.1")).isFalse();
        throttle.failed("GUESSED-" + database, "192.0.2.1");
        assertThat(throttle.blocked("guessed-" + database, "192.0.2.1")).as("usernames are case-insensitive").isTrue();
        assertThat(throttle.blocked("guessed-" + database, "192.0.2.2")).as("per address").isFalse();
        // Another node (another instance, same database) sees the same count.
        assertThat(new LoginThrottle(Clock.fixed(start, ZoneOffset.UTC), jdbc).blocked("guessed-" + database,
                "192.0.2.1")).isTrue();

        LoginThrottle later = new LoginThrottle(Clock.fixed(start.plus(LoginThrottle.LOCKOUT).plusSeconds(1),
                ZoneOffset.UTC), jdbc);
        assertThat(later.blocked("guessed-" + database, "192.0.2.1")).isFalse();
        later.failed("guessed-" + database, "192.0.2.1");
        assertThat(later.blocked("guessed-" + database, "192.0.2.1")).as("an expired count starts again").isFalse();
        assertThat(jdbc.sql("SELECT failures FROM login_failure WHERE username = ?").param("guessed-" + database)
                .query(Integer.class).single()).isEqualTo(1);
        later.succeeded("Guessed-" + database, "192.0.2.1");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_failure WHERE username = ?").param("guessed-" + database)
                .query(Long.class).single()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void sessionsLiveInTheDatabaseAndEndOnLogout(String database) {
        TestServer server = SERVERS.get(database);
        JdbcClient jdbc = JdbcClient.create(server.bean(javax.sql.DataSource.class));
        TsClient alice = server.login("alice");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name IS NOT NULL")
                .query(Long.class).single()).isPositive();
        // A second request sets no new attribute; the CSRF token and security context are read back.
        assertThat(alice.post("/api/v1/sketches/", TsClient.map("name", "s", "description", "")).status()).isEqualTo(201);
        assertThat(alice.get("/logout").status()).isEqualTo(302);
        assertThat(alice.get("/api/v1/users/me/").status()).isEqualTo(401);
        assertThat(alice.post("/api/v1/sketches/", TsClient.map("name", "s", "description", "")).status())
                .isIn(401, 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void usersGroupsAndSketchPermissions(String database) {
        TestServer server = SERVERS.get(database);
        AdminService admin = server.admin();
        String suffix = database.substring(0, 2);
        admin.addUser("carol-" + suffix, TestServer.PASSWORD, false);
        admin.addUser("dave-" + suffix, TestServer.PASSWORD, false);
        admin.addGroup("team-" + suffix, "the team");
        assertThat(admin.groupMember("team-" + suffix, "dave-" + suffix, true)).isTrue();
        assertThat(admin.groupMembers("team-" + suffix)).containsExactly("dave-" + suffix);
        admin.setActive("carol-" + suffix, false);
        assertThat(admin.listUsers()).anySatisfy(u -> {
            assertThat(u.username()).isEqualTo("carol-" + suffix);
            assertThat(u.active()).isFalse();
        });
        admin.setActive("carol-" + suffix, true);

        TsClient alice = server.login("alice");
        TsClient dave = server.login("dave-" + suffix);
        long id = Fixtures.sketch(alice, "Shared " + database);
        assertThat(dave.get("/api/v1/sketches/" + id + "/").status()).isEqualTo(403);
        assertThat(alice.post("/api/v1/sketches/" + id + "/collaborators/", TsClient.map("groups",
                List.of("team-" + suffix), "permissions", "[\"read\", \"write\"]")).status()).isEqualTo(200);
        assertThat(dave.post("/api/v1/sketches/" + id + "/", TsClient.map("description", "by dave")).status())
                .isEqualTo(201);
        assertThat(alice.post("/api/v1/sketches/" + id + "/", TsClient.map("labels", List.of("important"),
                "label_action", "add")).status())
                .isEqualTo(201);
        JsonNode sketch = alice.get("/api/v1/sketches/" + id + "/").json().get("objects").get(0);
        assertThat(sketch.get("description").asString()).isEqualTo("by dave");
        assertThat(sketch.get("label_string").asString()).isEqualTo("[\"important\"]");
        assertThat(alice.post("/api/v1/sketches/" + id + "/attribute/", TsClient.map("name", "case",
                "ontology", "text", "values", List.of("A-1"))).status()).isIn(200, 201);
        assertThat(alice.post("/api/v1/sketches/" + id + "/archive/", TsClient.map("action", "archive")).status())
                .isEqualTo(200);
        assertThat(alice.get("/api/v1/sketches/" + id + "/archive/").json().get("meta").get("is_archived").asBoolean())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void sketchListsPageAndSearch(String database) {
        TestServer server = SERVERS.get(database);
        String owner = "lister-" + database;
        server.admin().addUser(owner, TestServer.PASSWORD, false);
        TsClient client = server.login(owner);
        for (String name : List.of("Alpha case", "Beta case", "Gamma")) {
            Fixtures.sketch(client, name);
        }
        JsonNode first = client.get("/api/v1/sketches/?per_page=2&scope=user&page=1").json();
        assertThat(first.get("objects").size()).isEqualTo(2);
        assertThat(first.get("meta").get("total_items").asInt()).isEqualTo(3);
        JsonNode second = client.get("/api/v1/sketches/?per_page=2&scope=user&page=2").json();
        assertThat(second.get("objects").size()).isEqualTo(1);
        JsonNode found = client.get("/api/v1/sketches/?scope=search&search_query=CASE").json();
        assertThat(found.get("objects").findValuesAsString("name")).containsExactlyInAnyOrder("Alpha case", "Beta case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void uploadsDataSourcesTasksAndComments(String database) throws Exception {
        TestServer server = SERVERS.get(database);
        TsClient alice = server.login("alice");
        long sketch = Fixtures.sketch(alice, "Upload " + database);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "batch");
        form.put("sketch_id", String.valueOf(sketch));
        form.put("data_label", "");
        form.put("provider", "Importer library");
        String jsonl = IntStream.range(0, 40).mapToObj(i -> "{\"message\": \"row " + i + "\", \"datetime\": "
                + "\"2023-01-01T10:00:" + String.format("%02d", i) + ".000000+0000\", \"timestamp_desc\": \"t\"}")
                .collect(Collectors.joining("\n")) + "\n{\"message\": \"no time\"}";
        TsClient.Response upload = alice.multipart("/api/v1/upload/", form, Map.of("events", jsonl), Map.of());
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        long timeline = upload.json().get("objects").get(0).get("id").asLong();

        JsonNode done = null;
        for (int i = 0; i < 400 && done == null; i++) {
            JsonNode object = alice.get("/api/v1/sketches/" + sketch + "/timelines/" + timeline + "/").json()
                    .get("objects").get(0);
            String status = object.get("status").get(0).get("status").asString();
            if (status.equals("ready") || status.equals("fail")) {
                done = object;
            } else {
                Thread.sleep(250);
            }
        }
        assertThat(done).as("import finished").isNotNull();
        JsonNode source = done.get("datasources").get(0);
        assertThat(source.get("status").get(0).get("status").asString()).isEqualTo("ready");
        assertThat(source.get("total_file_events").asLong()).isEqualTo(41);
        assertThat(source.get("indexed_events").asLong()).isEqualTo(40);
        assertThat(source.get("rejected_events").asLong()).isEqualTo(1);
        assertThat(source.get("error_message").asString()).contains("datetime");
        JdbcClient jdbc = JdbcClient.create(server.bean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("SELECT t.state FROM task t JOIN data_source d ON d.task_id = t.id WHERE d.id = ?")
                .param(source.get("id").asLong()).query(String.class).single()).isEqualTo(Task.SUCCESS);

        String indexName = done.get("searchindex").get("index_name").asString();
        JsonNode hit = alice.post("/api/v1/sketches/" + sketch + "/explore/", TsClient.map("query", "*",
                "filter", TsClient.map("indices", List.of(timeline)))).json().get("objects").get(0);
        Map<String, Object> ref = TsClient.map("_id", hit.get("_id").asString(), "_index", indexName,
                "isTimeline", true);
        assertThat(alice.post("/api/v1/sketches/" + sketch + "/event/annotate/", TsClient.map("annotation",
                "seen on " + database, "annotation_type", "comment", "events", ref)).status()).isEqualTo(201);
        JsonNode event = alice.get("/api/v1/sketches/" + sketch + "/event/?searchindex_id=" + indexName
                + "&event_id=" + hit.get("_id").asString()).json();
        assertThat(event.get("meta").get("comments").get(0).get("comment").asString()).isEqualTo("seen on " + database);
    }

    /** V270: the data source keeps the upload's plaso_event_filter and counts the events it left out. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aPlasoEventFilterIsKeptWithTheDataSourceAndItsFilteredEventsCounted(String database) throws Exception {
        TestServer server = SERVERS.get(database);
        TsClient alice = server.login("alice");
        long sketch = Fixtures.sketch(alice, "Filtered upload " + database);
        Map<String, String> form = Uploads.form(sketch, "filtered");
        form.put("plaso_event_filter", "message contains \"row 1\"");
        String jsonl = IntStream.range(0, 40).mapToObj(i -> "{\"message\": \"row " + i + "\", \"datetime\": "
                + "\"2023-01-01T10:00:" + String.format("%02d", i) + ".000000+0000\", \"timestamp_desc\": \"t\"}")
                .collect(Collectors.joining("\n")) + "\n{\"message\": \"row 1 without time\"}";
        TsClient.Response upload = alice.multipart("/api/v1/upload/", form, Map.of("events", jsonl), Map.of());
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        JsonNode done = Uploads.waitForImport(alice, sketch, upload.json().get("objects").get(0).get("id").asLong());
        JsonNode source = done.get("datasources").get(0);
        assertThat(source.get("status").get(0).get("status").asString()).isEqualTo("ready");
        assertThat(source.get("total_file_events").asLong()).isEqualTo(41);
        assertThat(source.get("indexed_events").asLong()).isEqualTo(11);
        assertThat(source.get("rejected_events").asLong()).isEqualTo(1);
        assertThat(source.get("filtered_events").asLong()).isEqualTo(29);
        JdbcClient jdbc = JdbcClient.create(server.bean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("SELECT plaso_event_filter FROM data_source WHERE id = ?").param(source.get("id").asLong())
                .query(String.class).single()).isEqualTo("message contains \"row 1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void savedViewsAndStories(String database) {
        TestServer server = SERVERS.get(database);
        TsClient alice = server.login("alice");
        long sketch = Fixtures.sketch(alice, "Views " + database);
        String base = "/api/v1/sketches/" + sketch + "/";
        TsClient.Response view = alice.post(base + "views/", TsClient.map("name", "Root", "description", "d",
                "query", "user:root", "filter", TsClient.map("indices", "_all"), "dsl", "", "labels", "[]"));
        assertThat(view.status()).as(view.body()).isEqualTo(201);
        long viewId = view.json().get("objects").get(0).get("id").asLong();
        assertThat(alice.get(base + "views/" + viewId + "/").json().get("objects").get(0).get("query_string")
                .asString()).isEqualTo("user:root");
        TsClient.Response story = alice.post(base + "stories/", TsClient.map("title", "Incident", "content", ""));
        assertThat(story.status()).as(story.body()).isEqualTo(201);
        long storyId = story.json().get("objects").get(0).get("id").asLong();
        assertThat(alice.get(base + "stories/" + storyId + "/").status()).isEqualTo(200);
        assertThat(alice.delete(base + "views/" + viewId + "/").status()).isIn(200, 202, 204);
        assertThat(alice.get(base + "views/" + viewId + "/").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void savedGraphsRoundTripAndGoWithTheirSketch(String database) {
        TestServer server = SERVERS.get(database);
        TsClient alice = server.login("alice");
        long sketch = Fixtures.sketch(alice, "Graphs " + database);
        String graphs = "/api/v1/sketches/" + sketch + "/graphs/";
        TsClient.Response created = alice.post(graphs, TsClient.map("name", "Logons", "graph_config", "{\"layout\": {}}",
                "elements", List.of(TsClient.map("group", "nodes", "data", TsClient.map("id", "a")),
                        TsClient.map("group", "nodes", "data", TsClient.map("id", "b")),
                        TsClient.map("group", "edges", "data", TsClient.map("id", "ab", "source", "a", "target", "b")))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("objects").get(0).get("id").asLong();
        JsonNode saved = alice.get(graphs + id + "/").json().get("objects").get(0);
        assertThat(saved.get("num_nodes").asInt()).isEqualTo(2);
        assertThat(saved.get("num_edges").asInt()).isEqualTo(1);
        assertThat(alice.post(graphs + id + "/", TsClient.map("description", "d")).status()).isEqualTo(201);
        TsClient.Response deleted = server.login("admin").delete("/api/v1/sketches/" + sketch + "/?force=true");
        assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);
        JdbcClient jdbc = JdbcClient.create(server.bean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM saved_graph WHERE sketch_id = ?").param(sketch).query(Long.class)
                .single()).as("removed with the sketch").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void preferencesUpsertPerUserAndSketch(String database) {
        TestServer server = SERVERS.get(database);
        TsClient alice = server.login("alice");
        String mine = "/api/v1/users/me/preferences/";
        assertThat(alice.put(mine, TsClient.map("timezone", "Asia/Tokyo")).status()).isEqualTo(200);
        assertThat(alice.put(mine, TsClient.map("theme", "dark")).status()).isEqualTo(200);
        assertThat(alice.get(mine).json().get("objects").get(0).toString())
                .isEqualTo("{\"timezone\":\"Asia/Tokyo\",\"theme\":\"dark\",\"search_history\":[],"
                        + "\"wildcard_search\":false}");
        long sketch = Fixtures.sketch(alice, "Preferences " + database);
        String columns = "/api/v1/sketches/" + sketch + "/preferences/";
        for (int width : new int[] {100, 300}) {
            TsClient.Response put = alice.put(columns,
                    TsClient.map("columns", List.of(TsClient.map("field", "message", "width", width))));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
        assertThat(alice.get(columns).json().get("objects").get(0).toString())
                .isEqualTo("{\"columns\":[{\"field\":\"message\",\"width\":300}]}");
        TsClient.Response deleted = server.login("admin").delete("/api/v1/sketches/" + sketch + "/?force=true");
        assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);
        JdbcClient jdbc = JdbcClient.create(server.bean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sketch_preference WHERE sketch_id = ?").param(sketch)
                .query(Long.class).single()).as("removed with the sketch").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void sigmaRulesAndAnalyses(String database) throws InterruptedException {
        TestServer server = SERVERS.get(database);
        TsClient alice = server.login("alice");
        String uuid = java.util.UUID.randomUUID().toString();
        TsClient.Response rule = alice.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", "title: Even\nid: " + uuid
                + "\nlogsource: {product: any}\ndetection: {sel: {message: even}, condition: sel}\n"));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(alice.get("/api/v1/sigmarules/" + uuid).json().get("objects").get(0).get("search_query").asString())
                .isEqualTo("message:even");
        long sketch = Fixtures.sketch(alice, "Analysis " + database);
        Fixtures.TimelineRef timeline = Fixtures.timeline(server, alice, sketch, "analysed", Fixtures.events(10));
        TsClient.Response run = alice.post("/api/v1/sketches/" + sketch + "/analyzer/", TsClient.map(
                "timeline_ids", List.of(timeline.timelineId()), "analyzer_names", List.of("sigma"),
                "analyzer_kwargs", TsClient.map("sigma", TsClient.map("rule_uuid", uuid))));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        String path = "/api/v1/sketches/" + sketch + "/timelines/" + timeline.timelineId() + "/analysis";
        JsonNode analysis = null;
        for (int i = 0; i < 600 && analysis == null; i++) {
            JsonNode a = alice.get(path).json().get("objects").get(0).get(0);
            if (a.get("status").get(0).get("status").asString().matches("DONE|ERROR")) {
                analysis = a;
            } else {
                Thread.sleep(200);
            }
        }
        assertThat(analysis).isNotNull();
        assertThat(analysis.get("result").asString()).as(analysis.toString()).isEqualTo("5 events tagged for 1 rules");
        assertThat(analysis.get("log").asString()).contains("5 events tagged sigma_Even");
        assertThat(alice.delete("/api/v1/sigmarules/" + uuid).status()).isEqualTo(200);
    }

    /** V280: DFIQ questions, conclusions and their events, and search templates (the upserts use ON CONFLICT). */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void dfiqQuestionsConclusionsFactsAndSearchTemplates(String database) {
        TestServer server = SERVERS.get(database);
        TsClient alice = server.login("alice");
        long sketch = Fixtures.sketch(alice, "DFIQ " + database);
        Fixtures.TimelineRef timeline = Fixtures.timeline(server, alice, sketch, "dfiq-" + database, Fixtures.events(2));
        String base = "/api/v1/sketches/" + sketch + "/";
        String eventId = alice.post(base + "explore/", TsClient.map("query", "*")).json().get("objects").get(0)
                .get("_id").asString();
        long question = alice.post(base + "questions/", TsClient.map("question_text", "Lateral movement?"))
                .json().get("objects").get(0).get("id").asLong();
        String q = base + "questions/" + question + "/";
        assertThat(alice.post(q, TsClient.map("priority", "__ts_priority_medium", "attributes",
                List.of(TsClient.map("name", "attack_stage", "value", "lateral")))).status()).isEqualTo(200);
        long conclusion = alice.post(q + "conclusions/", TsClient.map("conclusionText", "Yes", "automated", true,
                "attributes", TsClient.map("attack_stage", "lateral"))).json().get("meta").get("new_conclusion_id").asLong();
        TsClient.Response fact = alice.post(base + "event/annotate/", TsClient.map("annotation", "__ts_fact",
                "annotation_type", "label", "conclusion_id", conclusion,
                "events", List.of(TsClient.map("_id", eventId, "_index", timeline.indexName()))));
        assertThat(fact.status()).as(fact.body()).isEqualTo(201);
        server.bean(org.timesmith.server.dfiq.DfiqRepository.class).linkEvent(conclusion, sketch,
                timeline.indexName(), eventId);
        JsonNode stored = alice.get(q + "conclusions/").json().get("objects").get(0).get(0);
        assertThat(stored.get("conclusion_events")).as("linked once").hasSize(1);
        assertThat(stored.get("automated").asBoolean()).isTrue();
        assertThat(stored.get("attributes").get("attack_stage").asString()).isEqualTo("lateral");
        assertThat(alice.get(q).json().get("objects").get(0).get("labels").get(0).get("name").asString())
                .isEqualTo("__ts_priority_medium");

        var templates = server.bean(org.timesmith.server.searchtemplate.SearchTemplateService.class);
        long first = templates.libraryTemplate("dfiq-test-" + database, "Q", "Q1", "d", "a:1", Map.of()).id();
        var updated = templates.libraryTemplate("dfiq-test-" + database, "Q", "Q1", "d", "a:2", Map.of());
        assertThat(updated.id()).isEqualTo(first);
        assertThat(updated.queryString()).isEqualTo("a:2");
        assertThat(updated.userId()).isEmpty();
        TsClient.Response own = alice.post("/api/v1/searchtemplates/", TsClient.map("name", "Own", "query_string",
                "user:{{u}}"));
        assertThat(own.status()).as(own.body()).isEqualTo(200);

        JdbcClient jdbc = JdbcClient.create(server.bean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dfiq_question_attribute").query(Long.class).single()).isPositive();
        TsClient.Response deleted = server.login("admin").delete("/api/v1/sketches/" + sketch + "/?force=true");
        assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);
        for (String table : List.of("dfiq_question", "dfiq_conclusion", "dfiq_conclusion_event")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE sketch_id = ?").param(sketch)
                    .query(Long.class).single()).as(table + " removed with the sketch").isZero();
        }
    }
}
