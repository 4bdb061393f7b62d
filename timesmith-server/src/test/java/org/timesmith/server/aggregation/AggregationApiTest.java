package org.timesmith.server.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class AggregationApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static Fixtures.TimelineRef first;
    private static Fixtures.TimelineRef second;
    private static long bobsSketch;
    private static Fixtures.TimelineRef bobsTimeline;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Aggregations");
        first = Fixtures.timeline(server, alice, sketchId, "agg-first", Fixtures.events(120));
        second = Fixtures.timeline(server, alice, sketchId, "agg-second", Fixtures.events(30));
        bobsSketch = Fixtures.sketch(bob, "Bob's aggregations");
        List<Map<String, Object>> secret = Fixtures.events(7);
        secret.forEach(e -> e.put("user", "bob-secret"));
        bobsTimeline = Fixtures.timeline(server, bob, bobsSketch, "bob-secret", secret);
    }

    private static String base() {
        return "/api/v1/sketches/" + sketchId + "/aggregation/";
    }

    private static Map<String, Object> run(String aggregator, Map<String, Object> parameters) {
        return TsClient.map("aggregator_name", aggregator, "aggregator_parameters", parameters, "chart_type", null,
                "view_id", null);
    }

    private static Map<String, Long> buckets(JsonNode response, String aggregator, String field) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (JsonNode bucket : response.get("objects").get(0).get(aggregator).get("buckets")) {
            counts.put(bucket.get(field).asString(), bucket.get("count").asLong());
        }
        return counts;
    }

    @Test
    void aggregatorInfoListsEveryAggregator() {
        JsonNode all = alice.get("/api/v1/aggregation/info/").json();
        assertThat(all.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        all.forEach(a -> names.add(a.get("name").asString()));
        assertThat(names).containsExactly("field_bucket", "query_bucket", "date_histogram", "top_terms", "rare_terms",
                "calendar_date_histogram", "field_summary", "datefield_summary");
        assertThat(all.get(0).get("fields").get(0).get("name").asString()).isEqualTo("field");
        assertThat(all.get(0).get("fields").get(0).get("description").asString()).isNotBlank();
        JsonNode one = alice.post("/api/v1/aggregation/info/", TsClient.map("aggregator", "query_bucket")).json();
        assertThat(one.get("display_name").asString()).isNotBlank();
        assertThat(alice.post("/api/v1/aggregation/info/", TsClient.map("aggregator", "nope")).status()).isEqualTo(404);
        assertThat(alice.post("/api/v1/aggregation/info/", Map.of()).status()).isEqualTo(400);
        assertThat(new TsClient(server.url()).get("/api/v1/aggregation/info/").status()).isEqualTo(401);
    }

    @Test
    void sketchResourceDescribesAggregatorsWithTypedFormFields() {
        JsonNode aggregators = alice.get("/api/v1/sketches/" + sketchId + "/").json().get("meta").get("aggregators");
        assertThat(aggregators.has("field_bucket")).isTrue();
        for (JsonNode aggregator : aggregators) {
            assertThat(aggregator.get("display_name").asString()).isNotBlank();
            for (JsonNode field : aggregator.get("form_fields")) {
                assertThat(field.get("type").asString()).startsWith("ts-dynamic-form-");
                assertThat(field.get("name").asString()).isNotBlank();
                assertThat(field.get("label").asString()).isNotBlank();
            }
        }
    }

    @Test
    void fieldBucketCountsValuesWithAChart() {
        TsClient.Response response = alice.post(base() + "explore/", run("field_bucket",
                TsClient.map("field", "user", "limit", "10", "supported_charts", "hbarchart")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(buckets(body, "field_bucket", "user")).containsExactly(Map.entry("alice", 100L), Map.entry("root", 50L));
        JsonNode meta = body.get("meta");
        assertThat(meta.get("method").asString()).isEqualTo("aggregator_run");
        assertThat(meta.get("name").asString()).isEqualTo("field_bucket");
        assertThat(meta.get("chart_type").asString()).isEqualTo("hbarchart");
        assertThat(meta.get("es_time").isNumber()).isTrue();
        assertThat(meta.get("vega_chart_title").asString()).contains("user");
        JsonNode spec = meta.get("vega_spec");
        assertThat(spec.get("$schema").asString()).contains("vega-lite/v4");
        assertThat(spec.get("mark").get("type").asString()).isEqualTo("bar");
        assertThat(spec.get("encoding").get("y").get("field").asString()).isEqualTo("user");
        assertThat(spec.get("encoding").get("x").get("field").asString()).isEqualTo("count");
        String dataName = spec.get("data").get("name").asString();
        assertThat(spec.get("datasets").get(dataName).size()).isEqualTo(2);
    }

    @Test
    void chartTypeListLimitTimeRangeAndIndexSelection() {
        JsonNode limited = alice.post(base() + "explore/", run("field_bucket", TsClient.map("field", "user", "limit", 1,
                "supported_charts", List.of("circlechart", "table")))).json();
        assertThat(buckets(limited, "field_bucket", "user")).containsExactly(Map.entry("alice", 100L));
        assertThat(limited.get("meta").get("vega_spec").get("mark").get("type").asString()).isEqualTo("arc");
        JsonNode ranged = alice.post(base() + "explore/", run("field_bucket", TsClient.map("field", "user",
                "start_time", "2024-01-01T00:00:00", "end_time", "2024-01-01T00:08:59", "index", List.of(first.timelineId())))).json();
        assertThat(buckets(ranged, "field_bucket", "user")).containsExactly(Map.entry("alice", 6L), Map.entry("root", 3L));
        assertThat(ranged.get("meta").has("vega_spec")).isFalse();
        JsonNode bySecond = alice.post(base() + "explore/", run("field_bucket", TsClient.map("field", "user",
                "index", List.of("agg-second")))).json();
        assertThat(buckets(bySecond, "field_bucket", "user").values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(30);
        JsonNode asString = alice.post(base() + "explore/", TsClient.map("aggregator_name", "field_bucket",
                "aggregator_parameters", "{\"field\": \"data_type\"}")).json();
        assertThat(buckets(asString, "field_bucket", "data_type")).containsExactly(Map.entry("test:event", 150L));
    }

    @Test
    void queryBucketAndDateHistogram() {
        JsonNode query = alice.post(base() + "explore/", run("query_bucket", TsClient.map("field", "user",
                "query_string", "message:even", "supported_charts", "barchart"))).json();
        assertThat(buckets(query, "query_bucket", "user")).containsExactly(Map.entry("alice", 50L), Map.entry("root", 25L));
        JsonNode histogram = alice.post(base() + "explore/", run("date_histogram", TsClient.map("interval", "1h",
                "index", List.of(first.timelineId()), "supported_charts", "linechart"))).json();
        JsonNode rows = histogram.get("objects").get(0).get("date_histogram").get("buckets");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).get("datetime").asString()).startsWith("2024-01-01T00:00:00");
        assertThat(rows.get(0).get("count").asLong()).isEqualTo(60);
        assertThat(rows.get(1).get("count").asLong()).isEqualTo(60);
        JsonNode x = histogram.get("meta").get("vega_spec").get("encoding").get("x");
        assertThat(x.get("type").asString()).isEqualTo("temporal");
    }

    @Test
    void topAndRareTerms() {
        JsonNode top = alice.post(base() + "explore/", run("top_terms", TsClient.map("field", "user", "limit", "1"))).json();
        assertThat(buckets(top, "top_terms", "user")).containsExactly(Map.entry("alice", 100L));
        JsonNode rare = alice.post(base() + "explore/", run("rare_terms", TsClient.map("field", "user",
                "max_doc_count", "50", "supported_charts", "table"))).json();
        assertThat(buckets(rare, "rare_terms", "user")).containsExactly(Map.entry("root", 50L));
        JsonNode none = alice.post(base() + "explore/", run("rare_terms", TsClient.map("field", "user",
                "max_doc_count", "49"))).json();
        assertThat(buckets(none, "rare_terms", "user")).isEmpty();
        assertThat(alice.post(base() + "explore/", run("rare_terms", TsClient.map("field", "user",
                "max_doc_count", "few"))).status()).isEqualTo(400);
        assertThat(alice.post(base() + "explore/", run("top_terms", TsClient.map("limit", "3"))).status()).isEqualTo(400);
        assertThat(bob.post(base() + "explore/", run("rare_terms", TsClient.map("field", "user"))).status()).isIn(403, 404);
    }

    @Test
    void calendarDateHistogramSumsDaysIntoCalendarPeriods() {
        long calendar = Fixtures.sketch(alice, "Calendar");
        List<Map<String, Object>> events = Fixtures.events(4);
        List<String> days = List.of("2024-01-30T10:00:00Z", "2024-02-01T10:00:00Z", "2024-02-05T10:00:00Z",
                "2024-04-02T10:00:00Z");
        for (int i = 0; i < days.size(); i++) {
            long micros = java.time.Instant.parse(days.get(i)).getEpochSecond() * 1_000_000L;
            events.get(i).put("timestamp", micros);
            events.get(i).put("datetime", days.get(i));
        }
        Fixtures.timeline(server, alice, calendar, "calendar", events);
        String path = "/api/v1/sketches/" + calendar + "/aggregation/explore/";
        Map<String, Long> weeks = buckets(alice.post(path, run("calendar_date_histogram",
                TsClient.map("calendar_interval", "week"))).json(), "calendar_date_histogram", "datetime");
        assertThat(weeks).containsEntry("2024-01-29", 2L).containsEntry("2024-02-05", 1L).containsEntry("2024-04-01", 1L)
                .containsEntry("2024-02-12", 0L);
        Map<String, Long> months = buckets(alice.post(path, run("calendar_date_histogram",
                TsClient.map("calendar_interval", "month"))).json(), "calendar_date_histogram", "datetime");
        assertThat(months).containsExactly(Map.entry("2024-01-01", 1L), Map.entry("2024-02-01", 2L),
                Map.entry("2024-03-01", 0L), Map.entry("2024-04-01", 1L));
        Map<String, Long> quarters = buckets(alice.post(path, run("calendar_date_histogram",
                TsClient.map("calendar_interval", "quarter"))).json(), "calendar_date_histogram", "datetime");
        assertThat(quarters).containsExactly(Map.entry("2024-01-01", 3L), Map.entry("2024-04-01", 1L));
        assertThat(buckets(alice.post(path, run("calendar_date_histogram", TsClient.map())).json(),
                "calendar_date_histogram", "datetime")).hasSize(64);
        assertThat(alice.post(path, run("calendar_date_histogram", TsClient.map("calendar_interval", "fortnight")))
                .status()).isEqualTo(400);
        assertThat(bob.post(path, run("calendar_date_histogram", TsClient.map())).status()).isIn(403, 404);
    }

    @Test
    void aggregatorOverASavedSearch() {
        long viewId = alice.post("/api/v1/sketches/" + sketchId + "/views/", TsClient.map("name", "odd", "query", "message:odd",
                "filter", TsClient.map("indices", "_all", "chips", List.of()))).json().get("objects").get(0).get("id").asLong();
        Map<String, Object> request = run("field_bucket", TsClient.map("field", "user"));
        request.put("view_id", viewId);
        JsonNode body = alice.post(base() + "explore/", request).json();
        assertThat(buckets(body, "field_bucket", "user")).containsExactly(Map.entry("alice", 50L), Map.entry("root", 25L));
    }

    @Test
    void rawDslAggregations() {
        String dsl = "{\"query\": {\"match_all\": {}}, \"size\": 0, \"aggs\": {"
                + "\"users\": {\"terms\": {\"field\": \"user.keyword\", \"size\": 1}},"
                + "\"hours\": {\"date_histogram\": {\"field\": \"datetime\", \"fixed_interval\": \"1h\"}},"
                + "\"parity\": {\"filters\": {\"filters\": {\"even\": {\"query_string\": {\"query\": \"message:even\"}}}}}}}";
        TsClient.Response response = alice.post(base() + "explore/", TsClient.map("aggregation_dsl", dsl));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("meta").get("method").asString()).isEqualTo("aggregator_query");
        assertThat(body.get("meta").get("es_total_count").get("value").asLong()).isEqualTo(150);
        JsonNode results = body.get("objects").get(0);
        JsonNode users = results.get("users");
        assertThat(users.get("buckets").get(0).get("key").asString()).isEqualTo("alice");
        assertThat(users.get("buckets").get(0).get("doc_count").asLong()).isEqualTo(100);
        assertThat(users.get("sum_other_doc_count").asLong()).isEqualTo(50);
        JsonNode hours = results.get("hours").get("buckets");
        assertThat(hours.size()).isEqualTo(2);
        assertThat(hours.get(0).get("key").asLong()).isEqualTo(1_704_067_200_000L);
        assertThat(hours.get(0).get("doc_count").asLong()).isEqualTo(90);
        assertThat(results.get("parity").get("buckets").get("even").get("doc_count").asLong()).isEqualTo(75);
    }

    @Test
    void brokenAggregationRequestsAre4xx() {
        assertThat(alice.post(base() + "explore/", run("nope", Map.of())).status()).isEqualTo(404);
        TsClient.Response noField = alice.post(base() + "explore/", run("field_bucket", Map.of()));
        assertThat(noField.status()).isEqualTo(400);
        assertThat(noField.json().get("message").asString()).contains("field");
        assertThat(alice.post(base() + "explore/", run("field_bucket", TsClient.map("field", "user", "limit", "many")))
                .status()).isEqualTo(400);
        assertThat(alice.post(base() + "explore/", run("field_bucket", TsClient.map("field", "user",
                "supported_charts", "piechart3d"))).status()).isEqualTo(400);
        assertThat(alice.post(base() + "explore/", run("date_histogram", TsClient.map("interval", "1y"))).status())
                .isEqualTo(400);
        assertThat(alice.post(base() + "explore/", run("field_bucket", TsClient.map("field", "user",
                "start_time", "yesterday"))).status()).isEqualTo(400);
        assertThat(alice.post(base() + "explore/", TsClient.map("aggregator_name", "field_bucket",
                "aggregator_parameters", "{broken")).status()).isEqualTo(400);
        assertThat(alice.post(base() + "explore/", Map.of()).status()).isEqualTo(400);
        assertThat(alice.post(base() + "explore/", TsClient.map("aggregation_dsl", "{\"aggs\": {\"x\": "
                + "{\"avg\": {\"field\": \"n\"}}}}")).status()).isEqualTo(400);
        assertThat(alice.post(base() + "explore/", TsClient.map("aggregation_dsl", "{\"size\": 0}")).status())
                .isEqualTo(400);
        assertThat(alice.post(base() + "explore/", TsClient.map("aggregation_dsl", "not json")).status())
                .isEqualTo(400);
        Map<String, Object> unknownView = run("field_bucket", TsClient.map("field", "user"));
        unknownView.put("view_id", 999_999);
        assertThat(alice.post(base() + "explore/", unknownView).status()).isEqualTo(404);
    }

    @Test
    void savedAggregationsRoundTrip() {
        TsClient.Response created = alice.post(base(), TsClient.map("name", "Users", "description", "who",
                "agg_type", "field_bucket", "parameters", TsClient.map("field", "user", "supported_charts", "table"),
                "chart_type", "table", "labels", "[\"l1\"]"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode model = created.json().get("objects").get(0);
        long id = model.get("id").asLong();
        assertThat(model.get("parameters").isString()).isTrue();
        assertThat(TsClient.JSON.readTree(model.get("parameters").asString()).get("field").asString()).isEqualTo("user");
        assertThat(model.get("user").get("username").asString()).isEqualTo("alice");
        assertThat(model.get("label_string").asString()).isEqualTo("[\"l1\"]");
        assertThat(model.get("aggregationgroup_id").isNull()).isTrue();
        JsonNode got = alice.get(base() + id + "/").json().get("objects").get(0);
        assertThat(got.get("agg_type").asString()).isEqualTo("field_bucket");
        assertThat(got.get("chart_type").asString()).isEqualTo("table");
        JsonNode list = alice.get(base()).json().get("objects");
        assertThat(list.get(0).isArray()).isTrue();
        assertThat(alice.post(base() + id + "/", TsClient.map("name", "Users 2")).status()).isEqualTo(201);
        assertThat(alice.get(base() + id + "/").json().get("objects").get(0).get("name").asString()).isEqualTo("Users 2");
        TsClient.Response deleted = alice.delete(base() + id + "/");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(alice.get(base() + id + "/").status()).isEqualTo(404);
        assertThat(alice.post(base(), TsClient.map("agg_type", "nope")).status()).isEqualTo(400);
        assertThat(alice.post(base(), TsClient.map("agg_type", "field_bucket", "parameters", "[1]")).status())
                .isEqualTo(400);
        assertThat(alice.post(base(), TsClient.map("agg_type", "field_bucket", "view_id", 999_999)).status())
                .isEqualTo(404);
    }

    @Test
    void aggregationGroupsRunTheirMembers() {
        long a = saved("Users", "field_bucket", TsClient.map("field", "user"), "barchart");
        long b = saved("Types", "field_bucket", TsClient.map("field", "data_type"), "table");
        TsClient.Response created = alice.post(base() + "group/", TsClient.map("name", "Both", "description", "d",
                "parameters", "{}", "aggregations", "[" + a + ", " + b + "]", "orientation", "vertical"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long groupId = created.json().get("objects").get(0).get("id").asLong();
        JsonNode groups = alice.get(base() + "group/").json();
        assertThat(groups.get("meta").get("command").asString()).isEqualTo("list_groups");
        JsonNode entry = groups.get("objects").get(0);
        assertThat(entry.get("id").asLong()).isEqualTo(groupId);
        assertThat(entry.get("agg_ids").asString()).isEqualTo("[" + a + "," + b + "]");
        JsonNode group = alice.get(base() + "group/" + groupId + "/").json();
        JsonNode first = group.get("objects").get(0);
        assertThat(first.get("orientation").asString()).isEqualTo("vertical");
        assertThat(first.get("agg_ids").toString()).isEqualTo("[" + a + "," + b + "]");
        assertThat(first.get("aggregation_result").get("Users").get("buckets").size()).isEqualTo(2);
        assertThat(group.get("objects").get(1).get("aggregation_result").get("Types").get("buckets").get(0)
                .get("count").asLong()).isEqualTo(150);
        assertThat(group.get("meta").get("chart_type").asString()).isEqualTo("compound: vertical");
        assertThat(group.get("meta").get("vega_spec").get("vconcat").size()).isEqualTo(2);
        JsonNode listed = alice.get(base()).json().get("objects").get(0);
        boolean grouped = false;
        for (JsonNode agg : listed) {
            if (agg.get("id").asLong() == a) {
                grouped = agg.get("aggregationgroup_id").asLong() == groupId;
            }
        }
        assertThat(grouped).isTrue();
        assertThat(alice.post(base() + "group/" + groupId + "/", TsClient.map("aggregations", "[" + b + "]",
                "orientation", "layer")).status()).isEqualTo(201);
        JsonNode updated = alice.get(base() + "group/" + groupId + "/").json();
        assertThat(updated.get("objects").size()).isEqualTo(1);
        assertThat(updated.get("meta").get("vega_spec").has("layer")).isTrue();
        assertThat(alice.post(base() + "group/", TsClient.map("name", "x", "aggregations", "[999999]")).status())
                .isEqualTo(400);
        assertThat(alice.post(base() + "group/", TsClient.map("name", "x", "orientation", "diagonal")).status())
                .isEqualTo(400);
        assertThat(alice.delete(base() + "group/" + groupId + "/").status()).isEqualTo(200);
        assertThat(alice.get(base() + "group/" + groupId + "/").status()).isEqualTo(404);
        assertThat(alice.get(base() + b + "/").json().get("objects").get(0).get("aggregationgroup_id").isNull()).isTrue();
    }

    @Test
    void aRefusedGroupUpdateLeavesTheGroupAsItWas() {
        long a = saved("Kept users", "field_bucket", TsClient.map("field", "user"), "table");
        long b = saved("Kept types", "field_bucket", TsClient.map("field", "data_type"), "table");
        long bobs = bob.post("/api/v1/sketches/" + bobsSketch + "/aggregation/", TsClient.map("name", "Bob's",
                "agg_type", "field_bucket", "parameters", TsClient.map("field", "user")))
                .json().get("objects").get(0).get("id").asLong();
        long groupId = alice.post(base() + "group/", TsClient.map("name", "Pair", "description", "kept",
                "aggregations", "[" + a + ", " + b + "]", "orientation", "vertical"))
                .json().get("objects").get(0).get("id").asLong();
        String before = groupEntry(groupId).toString();
        List<Map<String, Object>> refused = List.of(
                TsClient.map("aggregations", "[" + a + "]", "orientation", "diagonal"),
                TsClient.map("aggregations", "[" + a + "]", "name", " "),
                TsClient.map("aggregations", "[" + a + "]", "parameters", "[1]"),
                TsClient.map("aggregations", "[" + a + "]", "parameters", "{not json"),
                TsClient.map("aggregations", "[" + b + ", 999999]", "name", "Changed"),
                TsClient.map("aggregations", "[" + bobs + "]", "name", "Changed"),
                TsClient.map("aggregations", "[\"x\"]", "name", "Changed"),
                TsClient.map("aggregations", "[" + a, "name", "Changed"));
        for (Map<String, Object> update : refused) {
            TsClient.Response response = alice.post(base() + "group/" + groupId + "/", update);
            assertThat(response.status()).as(update + " -> " + response.body()).isEqualTo(400);
            assertThat(groupEntry(groupId).toString()).as(update.toString()).isEqualTo(before);
        }
        assertThat(alice.post(base() + "group/" + groupId + "/", "[1]").status()).isEqualTo(400);
        assertThat(groupEntry(groupId).toString()).isEqualTo(before);
        assertThat(groupEntry(groupId).get("agg_ids").asString()).isEqualTo("[" + a + "," + b + "]");
        assertThat(alice.get(base() + a + "/").json().get("objects").get(0).get("aggregationgroup_id").asLong())
                .isEqualTo(groupId);
    }

    private static JsonNode groupEntry(long groupId) {
        for (JsonNode entry : alice.get(base() + "group/").json().get("objects")) {
            if (entry.get("id").asLong() == groupId) {
                return entry;
            }
        }
        throw new AssertionError("group " + groupId + " is not listed");
    }

    private static long saved(String name, String type, Map<String, Object> parameters, String chart) {
        return alice.post(base(), TsClient.map("name", name, "agg_type", type, "parameters", parameters,
                "chart_type", chart)).json().get("objects").get(0).get("id").asLong();
    }

    @Test
    void aUserWithoutAccessGetsNothing() {
        long id = saved("Secret users", "field_bucket", TsClient.map("field", "user"), "table");
        long groupId = alice.post(base() + "group/", TsClient.map("name", "Secret group", "aggregations", "[" + id + "]"))
                .json().get("objects").get(0).get("id").asLong();
        List<TsClient.Response> denied = List.of(
                bob.post(base() + "explore/", run("field_bucket", TsClient.map("field", "user"))),
                bob.post(base() + "explore/", TsClient.map("aggregation_dsl",
                        "{\"aggs\": {\"u\": {\"terms\": {\"field\": \"user\"}}}}")),
                bob.get(base()),
                bob.post(base(), TsClient.map("agg_type", "field_bucket")),
                bob.get(base() + id + "/"),
                bob.post(base() + id + "/", TsClient.map("name", "mine")),
                bob.delete(base() + id + "/"),
                bob.get(base() + "group/"),
                bob.post(base() + "group/", TsClient.map("name", "g")),
                bob.get(base() + "group/" + groupId + "/"),
                bob.post(base() + "group/" + groupId + "/", TsClient.map("name", "g")),
                bob.delete(base() + "group/" + groupId + "/"));
        for (TsClient.Response response : denied) {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.body()).doesNotContain("alice", "root", "Secret");
        }
        String bobs = "/api/v1/sketches/" + bobsSketch + "/aggregation/";
        assertThat(bob.get(bobs + id + "/").status()).isEqualTo(404);
        assertThat(bob.delete(bobs + id + "/").status()).isEqualTo(404);
        assertThat(bob.get(bobs + "group/" + groupId + "/").status()).isEqualTo(404);
        assertThat(bob.post(bobs + "group/", TsClient.map("name", "steal", "aggregations", "[" + id + "]")).status())
                .isEqualTo(400);
        assertThat(alice.get(base() + id + "/").status()).isEqualTo(200);
        assertThat(alice.get(base() + "group/" + groupId + "/").json().get("objects").get(0).get("agg_ids").toString())
                .isEqualTo("[" + id + "]");
        // explicit indices of another sketch select nothing in this one
        for (Object index : List.of(bobsTimeline.timelineId(), bobsTimeline.indexName(), "bob-secret")) {
            TsClient.Response other = alice.post(base() + "explore/", run("field_bucket",
                    TsClient.map("field", "user", "index", List.of(index))));
            assertThat(other.status()).isEqualTo(400);
            assertThat(other.body()).doesNotContain("bob-secret\":");
            assertThat(other.body()).doesNotContain("\"count\"");
        }
        TsClient.Response bobViaOwn = bob.post(bobs + "explore/", run("field_bucket",
                TsClient.map("field", "user", "index", List.of(first.timelineId(), first.indexName()))));
        assertThat(bobViaOwn.status()).isEqualTo(400);
        assertThat(bobViaOwn.body()).doesNotContain("alice");
        long aliceView = alice.post("/api/v1/sketches/" + sketchId + "/views/", TsClient.map("name", "v", "query", "x"))
                .json().get("objects").get(0).get("id").asLong();
        Map<String, Object> viaView = run("field_bucket", TsClient.map("field", "user"));
        viaView.put("view_id", aliceView);
        assertThat(bob.post(bobs + "explore/", viaView).status()).isEqualTo(404);
        JsonNode own = bob.post(bobs + "explore/", run("field_bucket", TsClient.map("field", "user"))).json();
        assertThat(buckets(own, "field_bucket", "user")).containsExactly(Map.entry("bob-secret", 7L));
    }
}
