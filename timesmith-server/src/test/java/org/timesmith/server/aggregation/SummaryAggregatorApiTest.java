package org.timesmith.server.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code field_summary}, {@code datefield_summary} and {@code manual_vega} over HTTP: 120 events on
 * 2024-01-01 (a Monday, from 00:00, one a minute; every third by root, the rest by alice), 30 on
 * 2025-01-01 (a Wednesday) and one by mallory.
 */
class SummaryAggregatorApiTest {

    private static final long YEAR_2024_MICROS = 366L * 86_400_000_000L;
    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static long bobsSketch;
    private static Fixtures.TimelineRef first;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Summaries");
        first = Fixtures.timeline(server, alice, sketchId, "summary-2024", Fixtures.events(120));
        List<Map<String, Object>> later = Fixtures.events(30);
        for (Map<String, Object> event : later) {
            long ts = ((Number) event.get("timestamp")).longValue() + YEAR_2024_MICROS;
            event.put("timestamp", ts);
            event.put("datetime", java.time.Instant.ofEpochSecond(ts / 1_000_000).toString());
        }
        Fixtures.timeline(server, alice, sketchId, "summary-2025", later);
        List<Map<String, Object>> rare = Fixtures.events(1);
        rare.getFirst().put("user", "mallory");
        Fixtures.timeline(server, alice, sketchId, "summary-rare", rare);
        bobsSketch = Fixtures.sketch(bob, "Bob's summaries");
    }

    private static String explore() {
        return "/api/v1/sketches/" + sketchId + "/aggregation/explore/";
    }

    private static Map<String, Object> run(String aggregator, Map<String, Object> parameters) {
        return TsClient.map("aggregator_name", aggregator, "aggregator_parameters", parameters);
    }

    private static JsonNode row(TsClient.Response response, String aggregator) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode buckets = response.json().get("objects").get(0).get(aggregator).get("buckets");
        assertThat(buckets.size()).isEqualTo(1);
        return buckets.get(0);
    }

    private static Map<Integer, Long> histogram(JsonNode row, String name) {
        Map<Integer, Long> counts = new LinkedHashMap<>();
        for (JsonNode bucket : row.get(name).get("buckets")) {
            counts.put(bucket.get("key").asInt(), bucket.get("doc_count").asLong());
        }
        return counts;
    }

    private static List<String> keys(JsonNode buckets) {
        List<String> keys = new ArrayList<>();
        buckets.forEach(b -> keys.add(b.get("key").asString() + "=" + b.get("doc_count").asLong()));
        return keys;
    }

    @Test
    void fieldSummaryDescribesTheValueAndTheWholeField() {
        JsonNode row = row(alice.post(explore(), run("field_summary", TsClient.map("field", "user",
                "field_query_string", "root", "most_common_limit", "2"))), "field_summary");
        assertThat(row.get("value_count").get("value").asLong()).isEqualTo(50);
        assertThat(row.get("value_cardinality").get("value").asLong()).isEqualTo(1);
        assertThat(row.get("datetime_min").get("value_as_string").asString()).startsWith("2024-01-01T00:00:00");
        assertThat(row.get("datetime_min").get("value").asLong()).isEqualTo(1_704_067_200_000L);
        assertThat(row.get("datetime_max").get("value_as_string").asString()).startsWith("2025-01-01T00:27:00");
        JsonNode percentiles = row.get("datetime_percentiles").get("values");
        assertThat(percentiles.get("50.0_as_string").asString()).startsWith("2024-01-01");
        assertThat(percentiles.get("99.0_as_string").asString()).startsWith("2025-01-01");
        JsonNode all = row.get("all_values");
        assertThat(all.get("doc_count").asLong()).isEqualTo(151);
        assertThat(all.get("field_cardinality").get("value").asLong()).isEqualTo(3);
        assertThat(all.get("field_count").get("value").asLong()).isEqualTo(151);
        assertThat(all.get("datetime_max").get("value_as_string").asString()).startsWith("2025-01-01T00:29:00");
        assertThat(keys(all.get("top_terms").get("buckets"))).containsExactly("alice=100", "root=50");
        assertThat(all.get("top_terms").get("sum_other_doc_count").asLong()).isEqualTo(1);
        assertThat(keys(all.get("rare_terms").get("buckets"))).containsExactly("mallory=1");
    }

    @Test
    void fieldSummaryOfEveryValueTimeRangeAndTimelineSelection() {
        JsonNode every = row(alice.post(explore(), run("field_summary", TsClient.map("field", "user"))),
                "field_summary");
        assertThat(every.get("value_count").get("value").asLong()).isEqualTo(151);
        JsonNode in2024 = row(alice.post(explore(), run("field_summary", TsClient.map("field", "user",
                "start_time", "2024-01-01T00:00:00", "end_time", "2024-12-31T23:59:59"))), "field_summary");
        assertThat(in2024.get("value_count").get("value").asLong()).isEqualTo(121);
        assertThat(in2024.get("all_values").get("doc_count").asLong()).isEqualTo(151);
        JsonNode one = row(alice.post(explore(), run("field_summary", TsClient.map("field", "user",
                "index", List.of(first.timelineId())))), "field_summary");
        assertThat(one.get("value_count").get("value").asLong()).isEqualTo(120);
        assertThat(one.get("all_values").get("doc_count").asLong()).isEqualTo(120);
        assertThat(one.has("vega_spec")).isFalse();
    }

    @Test
    void fieldSummaryOfAnUnknownFieldIsEmpty() {
        JsonNode row = row(alice.post(explore(), run("field_summary", TsClient.map("field", "no such:field"))),
                "field_summary");
        assertThat(row.get("value_count").get("value").asLong()).isZero();
        assertThat(row.get("datetime_min").get("value").isNull()).isTrue();
        assertThat(row.get("datetime_percentiles").get("values").get("50.0").isNull()).isTrue();
        assertThat(row.get("all_values").get("doc_count").asLong()).isEqualTo(151);
        assertThat(row.get("all_values").get("top_terms").get("buckets").isEmpty()).isTrue();
    }

    @Test
    void brokenFieldSummariesAre400() {
        List<Map<String, Object>> broken = List.of(
                Map.of(),
                TsClient.map("field", "  "),
                TsClient.map("field", "user", "most_common_limit", "0"),
                TsClient.map("field", "user", "most_common_limit", "99999999"),
                TsClient.map("field", "user", "most_common_limit", "ten"),
                TsClient.map("field", "user", "rare_value_document_limit", "101"),
                TsClient.map("field", "user", "start_time", "2025-01-01", "end_time", "2024-01-01"),
                TsClient.map("field", "user", "start_time", "someday"));
        for (Map<String, Object> parameters : broken) {
            TsClient.Response response = alice.post(explore(), run("field_summary", parameters));
            assertThat(response.status()).as(parameters.toString()).isEqualTo(400);
            assertThat(response.json().get("message").asString()).isNotBlank();
        }
    }

    @Test
    void datefieldSummaryCountsPerCalendarUnit() {
        Map<String, Object> root = TsClient.map("field", "user", "field_query_string", "root");
        root.put("date_interval", "year");
        assertThat(histogram(row(alice.post(explore(), run("datefield_summary", root)), "datefield_summary"),
                "year_histogram")).containsExactly(Map.entry(2024, 40L), Map.entry(2025, 10L));
        root.put("date_interval", "Month");
        Map<Integer, Long> months = histogram(row(alice.post(explore(), run("datefield_summary", root)),
                "datefield_summary"), "month_histogram");
        assertThat(months).hasSize(12).containsEntry(1, 50L).containsEntry(12, 0L);
        root.put("date_interval", "day");
        Map<Integer, Long> days = histogram(row(alice.post(explore(), run("datefield_summary", root)),
                "datefield_summary"), "day_histogram");
        assertThat(days).hasSize(7).containsEntry(0, 40L).containsEntry(2, 10L).containsEntry(6, 0L);
        root.put("date_interval", "hour");
        Map<Integer, Long> hours = histogram(row(alice.post(explore(), run("datefield_summary", root)),
                "datefield_summary"), "hour_histogram");
        assertThat(hours).hasSize(24).containsEntry(0, 30L).containsEntry(1, 20L).containsEntry(23, 0L);
        root.put("date_interval", "Hour-Day");
        Map<Integer, Long> week = histogram(row(alice.post(explore(), run("datefield_summary", root)),
                "datefield_summary"), "hour_of_week_histogram");
        assertThat(week).hasSize(168).containsEntry(0, 20L).containsEntry(1, 20L).containsEntry(48, 10L);
        JsonNode unknown = row(alice.post(explore(), run("datefield_summary", TsClient.map("field", "nothing"))),
                "datefield_summary");
        assertThat(unknown.get("year_histogram").get("buckets").isEmpty()).isTrue();
    }

    @Test
    void brokenDatefieldSummariesAre400() {
        for (Map<String, Object> parameters : List.of(Map.<String, Object>of(),
                TsClient.map("field", "user", "date_interval", "fortnight"),
                TsClient.map("field", "user", "start_time", "2025-01-01", "end_time", "2024-01-01"))) {
            assertThat(alice.post(explore(), run("datefield_summary", parameters)).status())
                    .as(parameters.toString()).isEqualTo(400);
        }
    }

    private static Map<String, Object> barSpec() {
        return TsClient.map("mark", "bar",
                "data", TsClient.map("name", "counts"),
                "datasets", TsClient.map("counts", List.of(TsClient.map("host", "a", "n", 3),
                        TsClient.map("host", "b", "n", 5))),
                "encoding", TsClient.map("x", TsClient.map("field", "host", "type", "nominal"),
                        "y", TsClient.map("field", "n", "type", "quantitative")));
    }

    @Test
    void manualVegaChartsTheGivenSpec() {
        TsClient.Response response = alice.post(explore(), run("manual_vega", TsClient.map("data", barSpec(),
                "title", "Hosts", "supported_charts", "manual_vega")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode buckets = response.json().get("objects").get(0).get("manual_vega").get("buckets");
        assertThat(buckets.size()).isEqualTo(2);
        assertThat(buckets.get(1).get("n").asInt()).isEqualTo(5);
        JsonNode spec = response.json().get("meta").get("vega_spec");
        assertThat(spec.get("mark").asString()).isEqualTo("bar");
        assertThat(spec.get("title").asString()).isEqualTo("Hosts");
        assertThat(spec.get("datasets").get("counts").size()).isEqualTo(2);
        String inline = "{\"mark\": \"point\", \"data\": {\"values\": [{\"a\": 1}]}}";
        TsClient.Response fromText = alice.post(explore(), TsClient.map("aggregator_name", "manual_vega",
                "aggregator_parameters", "{\"data\": " + inline + "}"));
        assertThat(fromText.status()).as(fromText.body()).isEqualTo(200);
        assertThat(fromText.json().get("objects").get(0).get("manual_vega").get("buckets").get(0).get("a").asInt())
                .isEqualTo(1);
        assertThat(fromText.json().get("meta").has("vega_spec")).isFalse();
    }

    @Test
    void manualVegaRefusesRemoteDataAndBrokenSpecs() {
        Map<String, Object> remote = barSpec();
        remote.put("data", TsClient.map("url", "https://example.invalid/data.json"));
        Map<String, Object> lookup = barSpec();
        lookup.put("transform", List.of(TsClient.map("lookup", "host", "from", TsClient.map(
                "data", TsClient.map("url", "data/hosts.csv"), "key", "host"))));
        Map<String, Object> layered = TsClient.map("layer", List.of(TsClient.map("mark", "line",
                "data", TsClient.map("url", "//evil.invalid/x.json"))));
        for (Map<String, Object> spec : List.of(remote, lookup, layered)) {
            TsClient.Response response = alice.post(explore(), run("manual_vega", TsClient.map("data", spec,
                    "supported_charts", "manual_vega")));
            assertThat(response.status()).as(spec.toString()).isEqualTo(400);
            assertThat(response.json().get("message").asString()).contains("remote data").contains("url");
        }
        Map<String, Object> notRows = barSpec();
        notRows.put("datasets", TsClient.map("counts", "a,b"));
        Map<String, Object> notNamed = barSpec();
        notNamed.put("datasets", List.of());
        List<Rows> tooMany = new ArrayList<>();
        for (int i = 0; i <= ManualVega.MAX_ROWS; i++) {
            tooMany.add(new Rows(i));
        }
        Map<String, Object> huge = barSpec();
        huge.put("datasets", TsClient.map("counts", tooMany));
        List<Map<String, Object>> broken = List.of(Map.of(), TsClient.map("data", ""), TsClient.map("data", "bar"),
                TsClient.map("data", List.of(1)), TsClient.map("data", Map.of()),
                TsClient.map("data", TsClient.map("encoding", Map.of())),
                TsClient.map("data", notRows), TsClient.map("data", notNamed), TsClient.map("data", huge));
        for (Map<String, Object> parameters : broken) {
            TsClient.Response response = alice.post(explore(), run("manual_vega", parameters));
            assertThat(response.status()).as(String.valueOf(parameters).substring(0,
                    Math.min(200, String.valueOf(parameters).length()))).isEqualTo(400);
            assertThat(response.json().get("message").asString()).contains("manual_vega");
        }
    }

    /** One row of an oversized dataset. */
    record Rows(int n) {
    }

    @Test
    void onlyTheSummariesAreListedManualVegaIsRunByName() {
        List<String> names = new ArrayList<>();
        alice.get("/api/v1/aggregation/info/").json().forEach(a -> names.add(a.get("name").asString()));
        assertThat(names).contains("field_summary", "datefield_summary").doesNotContain("manual_vega");
        JsonNode meta = alice.get("/api/v1/sketches/" + sketchId + "/").json().get("meta").get("aggregators");
        assertThat(meta.get("field_summary").get("form_fields").get(0).get("name").asString()).isEqualTo("field");
        assertThat(meta.get("datefield_summary").get("form_fields").toString()).contains("hour-day");
        assertThat(alice.post("/api/v1/aggregation/info/", TsClient.map("aggregator", "manual_vega")).json()
                .get("display_name").asString()).isEqualTo("Manual Vega-Spec Aggregation");
    }

    @Test
    void anotherUserGetsNoSummaryAndNoChart() {
        List<TsClient.Response> denied = List.of(
                bob.post(explore(), run("field_summary", TsClient.map("field", "user"))),
                bob.post(explore(), run("datefield_summary", TsClient.map("field", "user"))),
                bob.post(explore(), run("manual_vega", TsClient.map("data", barSpec()))),
                new TsClient(server.url()).post(explore(), run("field_summary", TsClient.map("field", "user"))));
        for (TsClient.Response response : denied) {
            assertThat(response.status()).as(response.body()).isIn(401, 403);
            assertThat(response.body()).doesNotContain("mallory", "alice", "doc_count");
        }
        TsClient.Response viaOwn = bob.post("/api/v1/sketches/" + bobsSketch + "/aggregation/explore/",
                run("field_summary", TsClient.map("field", "user", "index", List.of(first.timelineId()))));
        assertThat(viaOwn.status()).isEqualTo(400);
        assertThat(viaOwn.body()).doesNotContain("mallory", "alice", "doc_count");
    }
}
