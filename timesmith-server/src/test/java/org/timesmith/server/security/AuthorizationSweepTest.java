package org.timesmith.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.timesmith.core.event.Event;
import org.timesmith.server.dfiq.DfiqTestServer;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/**
 * Calls every route the server maps (read from its own {@link RequestMappingHandlerMapping}, so a
 * new route is swept without touching this test) as bob, a user without any access to alice's
 * sketch, with alice's ids in the path and in a plausible body. Every call must be refused
 * (403/404, or 401/405) unless the route is on the commented allow-list of user-global routes,
 * and no answer may carry alice's data. Then ids smuggled in bodies (another sketch's event,
 * timeline, saved search or search index) must not reach her data either.
 */
class AuthorizationSweepTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([A-Za-z0-9_]+)(:[^}]*)?}");
    private static final String MARK = UUID.randomUUID().toString().substring(0, 8);
    private static final String SKETCH_NAME = "Zanzibar sketch " + MARK;
    private static final String TIMELINE_NAME = "Quokka timeline " + MARK;
    private static final String EVENT_MESSAGE = "Narwhal event " + MARK;
    private static final String VIEW_NAME = "Ocelot view " + MARK;
    private static final String STORY_TITLE = "Pangolin story " + MARK;
    private static final String AGGREGATION_NAME = "Axolotl aggregation " + MARK;
    private static final String GROUP_NAME = "Gharial group " + MARK;
    private static final String COMMENT = "Capybara comment " + MARK;
    private static final String QUESTION = "Okapi question " + MARK;
    private static final String CONCLUSION = "Tapir conclusion " + MARK;
    private static final String TEMPLATE = "Tenrec template " + MARK;
    private static final String ATTRIBUTE = "Wombat attribute " + MARK;
    private static final String GRAPH_NAME = "Numbat graph " + MARK;

    /**
     * Routes bob may use with a 2xx (or a 4xx about his own input), because they are about bob
     * himself or about things every user shares. They are still called and must not show alice's data.
     */
    private static final Map<String, String> USER_GLOBAL = new LinkedHashMap<>();

    static {
        // the login flow and the page shell: before or outside any sketch
        USER_GLOBAL.put("GET /", "the web UI shell (redirects to login or serves index.html)");
        USER_GLOBAL.put("GET /login", "the login page");
        USER_GLOBAL.put("POST /login", "the login form (bob's own credentials or a 4xx)");
        USER_GLOBAL.put("GET /logout", "ends bob's own session (called last)");
        USER_GLOBAL.put("GET /login/api_callback", "OpenID Connect callback: refused when OIDC is not configured");
        // bob himself
        USER_GLOBAL.put("GET /api/v1/users/me", "bob's own user");
        USER_GLOBAL.put("POST /api/v1/users/me", "changes bob's own user");
        USER_GLOBAL.put("GET /api/v1/users/me/settings", "bob's own settings");
        USER_GLOBAL.put("POST /api/v1/users/me/settings", "bob's own settings");
        USER_GLOBAL.put("GET /api/v1/users/me/preferences", "bob's own preferences");
        USER_GLOBAL.put("PUT /api/v1/users/me/preferences", "bob's own preferences");
        USER_GLOBAL.put("POST /api/v1/users", "adding users is for administrators: bob gets 403");
        // lists filtered to what bob may see, and creating bob's own things
        USER_GLOBAL.put("GET /api/v1/sketches", "the sketches bob may see (alice's is not among them)");
        USER_GLOBAL.put("POST /api/v1/sketches", "creates bob's own sketch");
        USER_GLOBAL.put("GET /api/v1/searchindices", "the search indices bob may see");
        USER_GLOBAL.put("POST /api/v1/searchindices", "creates bob's own search index");
        USER_GLOBAL.put("GET /api/v1/tasks", "bob's own tasks");
        USER_GLOBAL.put("GET /api/v1/searchtemplates",
                "the DFIQ library's templates and bob's own (alice's own templates are not listed to him)");
        USER_GLOBAL.put("POST /api/v1/searchtemplates",
                "creates bob's own template; a smuggled search_id of alice's is refused (asserted below)");
        USER_GLOBAL.put("GET /api/v1/sigmarules", "Sigma rules are shared by all users, as in Timesketch");
        USER_GLOBAL.put("GET /api/v1/sigmarules/{ruleUuid}", "one shared Sigma rule (only its owner may change it)");
        USER_GLOBAL.put("POST /api/v1/sigmarules", "installs a rule of bob's");
        USER_GLOBAL.put("POST /api/v1/sigmarules/text", "parses Sigma text bob sends");
        USER_GLOBAL.put("POST /api/v1/sigmarules/import", "installs the rules of a zip bob sends");
        // user directory: Timesketch lists users and groups to every user (for sharing a sketch)
        USER_GLOBAL.put("GET /api/v1/users", "the user directory, for sharing sketches, as in Timesketch");
        USER_GLOBAL.put("GET /api/v1/users/{id}", "one user of the directory (name only), as in Timesketch");
        USER_GLOBAL.put("GET /api/v1/groups", "the group directory, for sharing sketches, as in Timesketch");
        // server-wide reference data
        USER_GLOBAL.put("GET /api/v1/version", "the server version");
        USER_GLOBAL.put("GET /api/v1/settings", "the server's UI settings");
        USER_GLOBAL.put("GET /api/v1/scenarios", "the DFIQ library's scenarios");
        USER_GLOBAL.put("GET /api/v1/questions", "the DFIQ library's questions");
        USER_GLOBAL.put("GET /api/v1/aggregation/info", "the list of aggregators");
        USER_GLOBAL.put("POST /api/v1/aggregation/info", "one aggregator's description");
        USER_GLOBAL.put("GET /api/v1/graphs", "the list of graph plugins");
        USER_GLOBAL.put("GET /api/v1/intelligence/tagmetadata", "the tag metadata configuration");
        USER_GLOBAL.put("GET /api/v1/contextlinks", "the context links configuration");
        USER_GLOBAL.put("POST /api/v1/unfurl", "unfurls a URL bob sends");
    }

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static Fixtures.TimelineRef timeline;
    private static final Map<String, String> ids = new LinkedHashMap<>();
    private static long viewId;
    private static String eventId;

    @BeforeAll
    static void aliceOwnsASketchFullOfThings() {
        server = DfiqTestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        long sketchId = Fixtures.sketch(alice, SKETCH_NAME);
        List<Map<String, Object>> events = Fixtures.events(6);
        for (int i = 0; i < events.size(); i++) {
            events.get(i).put(Event.MESSAGE, EVENT_MESSAGE + " " + i);
        }
        timeline = Fixtures.timeline(server, alice, sketchId, TIMELINE_NAME, events);
        String base = "/api/v1/sketches/" + sketchId + "/";
        eventId = first(alice.post(base + "explore/", TsClient.map("query", "*", "filter",
                TsClient.map("indices", List.of(timeline.timelineId()))))).get("_id").asString();
        alice.post(base + "event/annotate/", TsClient.map("annotation", COMMENT, "annotation_type", "comment",
                "events", List.of(TsClient.map("_index", timeline.indexName(), "_id", eventId))));
        alice.post(base + "attribute/", TsClient.map("name", "secret", "values", List.of(ATTRIBUTE),
                "ontology", "text"));
        viewId = id(alice.post(base + "views/", TsClient.map("name", VIEW_NAME, "query", "Narwhal")));
        long storyId = id(alice.post(base + "stories/", TsClient.map("title", STORY_TITLE)));
        long aggregationId = id(alice.post(base + "aggregation/", TsClient.map("name", AGGREGATION_NAME,
                "agg_type", "field_bucket", "parameters", TsClient.map("field", "user"), "chart_type", "table")));
        long groupId = id(alice.post(base + "aggregation/group/", TsClient.map("name", GROUP_NAME,
                "aggregations", "[" + aggregationId + "]")));
        JsonNode scenario = first(alice.post(base + "scenarios/", TsClient.map("dfiq_id", "S1002")));
        long questionId = id(alice.post(base + "questions/", TsClient.map("question_text", QUESTION)));
        long conclusionId = id(alice.post(base + "questions/" + questionId + "/conclusions/",
                TsClient.map("conclusionText", CONCLUSION)));
        long sessionId = alice.post(base + "analyzer/", TsClient.map("timeline_ids", List.of(timeline.timelineId()),
                "analyzer_names", List.of("domain"), "analyzer_kwargs", Map.of())).json().get("objects").get(0).get(0)
                .get("id").asLong();
        long dataSourceId = id(alice.post(base + "datasource/", TsClient.map("timeline_id", timeline.timelineId(),
                "provider", "script", "context", "ctx", "data_label", "csv")));
        String ruleUuid = UUID.randomUUID().toString();
        assertThat(alice.post("/api/v1/sigmarules/", TsClient.map("rule_yaml", """
                title: Alice's rule
                id: %s
                logsource:
                    product: linux
                detection:
                    keywords:
                        - 'Narwhal'
                    condition: keywords
                level: high
                """.formatted(ruleUuid))).status()).isEqualTo(201);
        long templateId = id(alice.post("/api/v1/searchtemplates/", TsClient.map("name", TEMPLATE,
                "query_string", "Narwhal")));
        long graphId = id(alice.post(base + "graphs/", TsClient.map("name", GRAPH_NAME, "elements",
                List.of(TsClient.map("group", "nodes", "data", TsClient.map("id", "n1", "label", "host"))),
                "graph_config", TsClient.map())));
        ids.put("sketchId", String.valueOf(sketchId));
        ids.put("graphId", String.valueOf(graphId));
        ids.put("timelineId", String.valueOf(timeline.timelineId()));
        ids.put("dataSourceId", String.valueOf(dataSourceId));
        ids.put("viewId", String.valueOf(viewId));
        ids.put("storyId", String.valueOf(storyId));
        ids.put("aggregationId", String.valueOf(aggregationId));
        ids.put("groupId", String.valueOf(groupId));
        ids.put("scenarioId", String.valueOf(scenario.get("id").asLong()));
        ids.put("facetId", String.valueOf(scenario.get("facets").get(0).get("id").asLong()));
        ids.put("questionId", String.valueOf(questionId));
        ids.put("conclusionId", String.valueOf(conclusionId));
        ids.put("sessionId", String.valueOf(sessionId));
        ids.put("ruleUuid", ruleUuid);
        ids.put("templateId", String.valueOf(templateId));
        ids.put("userId", alice.get("/api/v1/users/me/").json().get("objects").get(0).get("id").asString());
        ids.put("timelineIndex", timeline.indexName());
    }

    private static JsonNode first(TsClient.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json().get("objects").get(0);
    }

    private static long id(TsClient.Response response) {
        return first(response).get("id").asLong();
    }

    /** The id a path variable stands for; an unknown variable fails the test, so a new kind of route gets an id here. */
    private static String value(String pattern, String variable) {
        if (variable.equals("id")) {
            if (pattern.startsWith("/api/v1/sketches/")) {
                return ids.get("sketchId");
            }
            if (pattern.startsWith("/api/v1/searchindices/")) {
                return String.valueOf(timeline.indexId());
            }
            if (pattern.startsWith("/api/v1/users/")) {
                return ids.get("userId");
            }
        }
        String value = ids.get(variable);
        if (value == null) {
            throw new AssertionError("No id of alice's for {" + variable + "} in " + pattern
                    + ": add one to AuthorizationSweepTest");
        }
        return value;
    }

    /** A body a client could send to any of the routes, naming alice's things by id. */
    private static Map<String, Object> plausibleBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "bob was here");
        body.put("title", "bob was here");
        body.put("description", "bob was here");
        body.put("query", "*");
        body.put("filter", TsClient.map("indices", List.of(timeline.timelineId()), "size", 10));
        body.put("timeline", timeline.indexId());
        body.put("timeline_id", timeline.timelineId());
        body.put("timeline_ids", List.of(timeline.timelineId()));
        body.put("searchindex_id", timeline.indexId());
        body.put("sketch_id", Long.parseLong(ids.get("sketchId")));
        body.put("search_id", viewId);
        body.put("view_id", viewId);
        body.put("events", List.of(TsClient.map("_id", eventId, "_index", timeline.indexId())));
        body.put("annotation", "bob was here");
        body.put("annotation_type", "label");
        body.put("analyzer_names", List.of("domain"));
        body.put("aggregator_name", "field_bucket");
        body.put("aggregator_parameters", TsClient.map("field", "user"));
        body.put("question_text", "bob was here");
        body.put("conclusionText", "bob was here");
        body.put("content", "[]");
        body.put("export_format", "markdown");
        body.put("status", "ready");
        body.put("users", List.of("bob"));
        return body;
    }

    private record Route(String method, String pattern) {
        String key() {
            return method + " " + pattern;
        }
    }

    private static List<Route> routes() {
        RequestMappingHandlerMapping mapping = server.bean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        Set<Route> routes = new java.util.TreeSet<>(java.util.Comparator.comparing(Route::pattern)
                .thenComparing(Route::method));
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            List<String> names = methods.isEmpty() ? List.of("GET", "POST", "PUT", "DELETE")
                    : methods.stream().map(Enum::name).toList();
            for (String pattern : info.getPatternValues()) {
                for (String method : names) {
                    routes.add(new Route(method, pattern));
                }
            }
        }
        return new ArrayList<>(routes);
    }

    private static TsClient.Response call(TsClient client, Route route, String path) {
        Map<String, Object> body = plausibleBody();
        return switch (route.method()) {
            case "GET" -> client.get(path);
            case "PUT" -> client.put(path, body);
            case "DELETE" -> client.delete(path);
            case "POST" -> route.pattern().equals("/api/v1/upload")
                    ? client.multipart(path, Map.of("name", "bob was here", "sketch_id", ids.get("sketchId"),
                            "provider", "Importer library"), Map.of("events", "{\"message\": \"m\", \"datetime\": "
                            + "\"2023-01-01T00:00:00Z\", \"timestamp_desc\": \"t\"}"), Map.of())
                    : client.post(path, body);
            default -> throw new AssertionError(route.method());
        };
    }

    /** Alice's things in an answer to bob, except the index name when bob sent it himself (an error may echo it). */
    private static List<String> leaksBesidesEcho(String body) {
        return leaks(body).stream().filter(leak -> !leak.equals(timeline.indexName())).toList();
    }

    private static List<String> leaks(String body) {
        return List.of(SKETCH_NAME, TIMELINE_NAME, EVENT_MESSAGE, timeline.indexName(), VIEW_NAME, STORY_TITLE,
                AGGREGATION_NAME, GROUP_NAME, COMMENT, QUESTION, CONCLUSION, ATTRIBUTE, TEMPLATE, GRAPH_NAME).stream()
                .filter(body::contains).toList();
    }

    @Test
    void everyRouteRefusesBobAndShowsNothingOfAlices() {
        List<Route> routes = routes();
        List<String> failures = new ArrayList<>();
        List<String> report = new ArrayList<>();
        int leaks = 0;
        Route logout = null;
        for (Route route : routes) {
            if (route.key().equals("GET /logout")) {
                logout = route;
                continue;
            }
            String line = sweep(route, failures);
            report.add(line);
            if (line.contains("LEAK")) {
                leaks++;
            }
        }
        if (logout != null) {
            report.add(sweep(logout, failures));
        }
        System.out.println("Authorization sweep: " + routes.size() + " routes (pattern x method), " + leaks
                + " with alice's data in bob's answer, " + failures.size() + " failures\n"
                + String.join("\n", report));
        assertThat(routes).hasSizeGreaterThan(100);
        assertThat(USER_GLOBAL.keySet()).as("allow-listed routes that no longer exist")
                .allMatch(key -> routes.stream().anyMatch(r -> r.key().equals(key)));
        assertThat(failures).isEmpty();
        // nothing bob did changed alice's sketch
        TsClient aliceAgain = server.login("alice");
        String sketch = aliceAgain.get("/api/v1/sketches/" + ids.get("sketchId") + "/").body();
        assertThat(sketch).contains(SKETCH_NAME, TIMELINE_NAME).doesNotContain("bob was here");
        assertThat(aliceAgain.get("/api/v1/sketches/" + ids.get("sketchId") + "/stories/" + ids.get("storyId") + "/")
                .body()).contains(STORY_TITLE);
        assertThat(aliceAgain.get("/api/v1/sketches/" + ids.get("sketchId") + "/views/" + viewId + "/").body())
                .contains(VIEW_NAME);
    }

    /** Without a session every API route but the version is 401 and shows nothing of alice's. */
    @Test
    void everyApiRouteRefusesAnAnonymousCaller() {
        TsClient anonymous = new TsClient(server.url());
        List<String> failures = new ArrayList<>();
        int swept = 0;
        for (Route route : routes()) {
            if (!route.pattern().startsWith("/api/v1/")) {
                continue;
            }
            Matcher m = VARIABLE.matcher(route.pattern());
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(path, Matcher.quoteReplacement(value(route.pattern(), m.group(1))));
            }
            m.appendTail(path);
            TsClient.Response response = call(anonymous, route, path + "/");
            swept++;
            boolean refused = response.status() == 401 || response.status() == 403;
            if (!leaks(response.body()).isEmpty() || !refused && !route.key().equals("GET /api/v1/version")) {
                failures.add(route.key() + " -> " + response.status() + ": "
                        + response.body().substring(0, Math.min(200, response.body().length())));
            }
        }
        System.out.println("Anonymous sweep: " + swept + " API routes, " + failures.size() + " failures");
        assertThat(failures).isEmpty();
    }

    /**
     * The same routes through bob's own sketch with alice's other ids (her story, view, timeline,
     * question ... addressed as if they were in bob's sketch): every lookup inside a sketch must be
     * scoped to it, so these are 400/403/404 and show nothing of hers. Routes whose only id is the
     * sketch's are bob's own and skipped.
     */
    @Test
    void alicesIdsUnderBobsOwnSketchAreNotFound() {
        String bobs = String.valueOf(Fixtures.sketch(bob, "Bob's sweep " + MARK));
        List<String> failures = new ArrayList<>();
        int swept = 0;
        for (Route route : routes()) {
            String pattern = route.pattern();
            if (!pattern.startsWith("/api/v1/sketches/{")) {
                continue;
            }
            List<String> variables = new ArrayList<>();
            Matcher v = VARIABLE.matcher(pattern);
            while (v.find()) {
                variables.add(v.group(1));
            }
            if (variables.size() < 2) {
                continue;
            }
            Matcher m = VARIABLE.matcher(pattern);
            StringBuilder path = new StringBuilder();
            boolean firstVariable = true;
            while (m.find()) {
                String value = firstVariable ? bobs : value(pattern, m.group(1));
                firstVariable = false;
                m.appendReplacement(path, Matcher.quoteReplacement(value));
            }
            m.appendTail(path);
            TsClient.Response response = call(bob, route, path + "/");
            swept++;
            List<String> leaked = leaks(response.body());
            if (!leaked.isEmpty() || !(response.status() == 400 || response.status() == 403
                    || response.status() == 404 || response.status() == 405)) {
                failures.add(route.key() + " -> " + response.status() + " " + leaked + ": "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
        }
        System.out.println("Cross-sketch sweep: " + swept + " routes with alice's ids under bob's sketch, "
                + failures.size() + " failures");
        assertThat(swept).isGreaterThan(30);
        assertThat(failures).isEmpty();
    }

    private static String sweep(Route route, List<String> failures) {
        Matcher m = VARIABLE.matcher(route.pattern());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(value(route.pattern(), m.group(1))));
        }
        m.appendTail(path);
        String url = path.toString().endsWith("/") ? path.toString() : path + "/";
        TsClient.Response response = call(bob, route, url);
        String body = response.body();
        List<String> leaked = leaks(body);
        boolean allowed = USER_GLOBAL.containsKey(route.key());
        int status = response.status();
        boolean refused = status == 401 || status == 403 || status == 404 || status == 405;
        String verdict;
        if (!leaked.isEmpty()) {
            verdict = "LEAK " + leaked;
        } else if (status >= 500 || body.contains("at org.") || body.contains("Exception:")) {
            verdict = "SERVER ERROR";
        } else if (!allowed && !refused) {
            verdict = "NOT REFUSED";
        } else {
            verdict = allowed ? "ok (user-global)" : "ok";
        }
        if (!verdict.startsWith("ok")) {
            failures.add(route.key() + " -> " + status + " " + verdict + ": "
                    + body.substring(0, Math.min(300, body.length())));
        }
        return String.format("%-7s %-80s %d %s", route.method(), route.pattern(), status, verdict);
    }

    @Test
    void aTemplateFromAlicesSavedSearchIsRefused() {
        TsClient.Response response = bob.post("/api/v1/searchtemplates/", TsClient.map("search_id", viewId));
        assertThat(response.status()).as(response.body()).isIn(403, 404);
        assertThat(leaks(response.body())).isEmpty();
    }

    @Test
    void idsSmuggledInBodiesDoNotReachAlicesData() {
        long bobs = Fixtures.sketch(bob, "Bob's own " + MARK);
        Fixtures.TimelineRef own = Fixtures.timeline(server, bob, bobs, "bob events", Fixtures.events(3));
        String base = "/api/v1/sketches/" + bobs + "/";
        Map<String, String> results = new LinkedHashMap<>();
        // an event of alice's index annotated through bob's sketch
        for (String type : List.of("label", "comment")) {
            TsClient.Response annotate = bob.post(base + "event/annotate/", TsClient.map("annotation", "bob was here",
                    "annotation_type", type, "events", List.of(TsClient.map("_index", timeline.indexName(),
                            "_id", eventId))));
            results.put("annotate " + type + " with alice's event", annotate.status() + " " + annotate.body());
            assertThat(annotate.status()).as(annotate.body()).isIn(400, 403, 404);
        }
        TsClient.Response tag = bob.post(base + "event/tagging/", TsClient.map("tag_string", "[\"bob\"]",
                "events", List.of(TsClient.map("_index", timeline.indexName(), "_id", eventId))));
        assertThat(tag.status()).as(tag.body()).isIn(400, 403, 404);
        TsClient.Response read = bob.get(base + "event/?searchindex_id=" + timeline.indexName() + "&event_id="
                + eventId);
        assertThat(read.status()).as(read.body()).isIn(400, 403, 404);
        assertThat(leaksBesidesEcho(read.body())).isEmpty();
        // alice's timeline id in explore's filter.indices of bob's sketch
        TsClient.Response explore = bob.post(base + "explore/", TsClient.map("query", "*", "filter",
                TsClient.map("indices", List.of(timeline.timelineId()))));
        results.put("explore with alice's timeline id", explore.status() + " " + explore.body());
        assertThat(leaks(explore.body())).isEmpty();
        TsClient.Response byIndexName = bob.post(base + "explore/", TsClient.map("query", "*", "filter",
                TsClient.map("indices", List.of(timeline.indexName()))));
        assertThat(leaksBesidesEcho(byIndexName.body())).isEmpty();
        TsClient.Response count = bob.post(base + "explore/", TsClient.map("query", "*", "count", true, "filter",
                TsClient.map("indices", List.of(timeline.timelineId()))));
        assertThat(count.status() >= 400 || count.json().get("meta").get("total_count").asLong() == 0)
                .as(count.body()).isTrue();
        // a story block pointing at alice's saved search
        long story = id(bob.post(base + "stories/", TsClient.map("title", "borrowed", "content",
                TsClient.JSON.writeValueAsString(List.of(TsClient.map("componentName", "TsViewEventList",
                        "componentProps", TsClient.map("view", TsClient.map("id", viewId)), "content", ""))))));
        for (String format : List.of("markdown", "html")) {
            TsClient.Response exported = bob.post(base + "stories/" + story + "/",
                    TsClient.map("export_format", format));
            assertThat(leaks(exported.body())).as(exported.body()).isEmpty();
        }
        assertThat(leaks(bob.get(base + "stories/" + story + "/").body())).isEmpty();
        // alice's search index attached to a timeline of bob's sketch
        TsClient.Response attach = bob.post(base + "timelines/", TsClient.map("timeline", timeline.indexId(),
                "timeline_name", "stolen"));
        results.put("attach alice's index", attach.status() + " " + attach.body());
        assertThat(attach.status()).as(attach.body()).isIn(403, 404);
        assertThat(leaks(attach.body())).isEmpty();
        // a search index record of bob's pointing at alice's index name
        TsClient.Response alias = bob.post("/api/v1/searchindices/", TsClient.map("searchindex_name", "alias",
                "es_index_name", timeline.indexName()));
        assertThat(alias.status()).as(alias.body()).isIn(400, 403, 404);
        // the analyzer on alice's timeline from bob's sketch
        TsClient.Response analyze = bob.post(base + "analyzer/", TsClient.map("timeline_ids",
                List.of(timeline.timelineId()), "analyzer_names", List.of("domain")));
        assertThat(analyze.status()).as(analyze.body()).isIn(400, 403, 404);
        // a data source on alice's timeline, alice's index as the add_timeline_id target
        TsClient.Response source = bob.post(base + "datasource/", TsClient.map("timeline_id", timeline.timelineId(),
                "provider", "x", "context", "x", "data_label", "x"));
        assertThat(source.status()).as(source.body()).isIn(400, 403, 404);
        TsClient.Response assign = bob.post(base + "event/add_timeline_id/", TsClient.map("searchindex_id",
                timeline.indexId(), "timeline_id", own.timelineId()));
        assertThat(assign.status()).as(assign.body()).isIn(400, 403, 404);
        // an aggregation run from bob's sketch on alice's timeline
        TsClient.Response aggregate = bob.post(base + "aggregation/explore/", TsClient.map("aggregator_name",
                "field_bucket", "aggregator_parameters", TsClient.map("field", "message"), "filter",
                TsClient.map("indices", List.of(timeline.timelineId()))));
        assertThat(leaks(aggregate.body())).as(aggregate.body()).isEmpty();
        // bob's own data still works
        assertThat(bob.post(base + "explore/", TsClient.map("query", "*")).status()).isEqualTo(200);
        System.out.println("Smuggled ids: " + results.entrySet().stream()
                .map(e -> e.getKey() + " -> " + e.getValue().substring(0, Math.min(160, e.getValue().length())))
                .collect(Collectors.joining("\n")));
        // alice's event carries no label or comment of bob's
        String aliceEvent = alice.get("/api/v1/sketches/" + ids.get("sketchId") + "/event/?searchindex_id="
                + timeline.indexName() + "&event_id=" + eventId).body();
        assertThat(aliceEvent).contains(EVENT_MESSAGE).doesNotContain("bob was here");
        assertThat(new String(aliceEvent.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isNotEmpty();
        assertThat(new TreeSet<>(results.keySet())).isNotEmpty();
    }
}
