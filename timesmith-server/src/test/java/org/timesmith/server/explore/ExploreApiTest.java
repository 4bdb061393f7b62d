package org.timesmith.server.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

class ExploreApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static Fixtures.TimelineRef first;
    private static Fixtures.TimelineRef second;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Explore");
        first = Fixtures.timeline(server, alice, sketchId, "first", Fixtures.events(120));
        second = Fixtures.timeline(server, alice, sketchId, "second", Fixtures.events(30));
    }

    private static String explore() {
        return "/api/v1/sketches/" + sketchId + "/explore/";
    }

    private static Map<String, Object> body(String query, Map<String, Object> filter) {
        return TsClient.map("query", query, "filter", filter, "dsl", null, "count", false, "fields", "",
                "enable_scroll", true, "file_name", "");
    }

    @Test
    void queryStringSearchHasTheContractShape() {
        JsonNode result = alice.post(explore(), body("message:even", TsClient.map("indices", "_all", "size", 5,
                "order", "asc", "chips", List.of()))).json();
        assertThat(result.get("objects").size()).isEqualTo(5);
        JsonNode hit = result.get("objects").get(0);
        assertThat(hit.get("_index").asString()).isIn(first.indexName(), second.indexName());
        assertThat(hit.has("_id")).isTrue();
        assertThat(hit.get("_source").get("message").asString()).contains("even");
        assertThat(hit.get("_source").get("label").isArray()).isTrue();
        assertThat(hit.get("_source").has("timesketch_label")).isFalse();
        JsonNode meta = result.get("meta");
        assertThat(meta.get("es_total_count").asLong()).isEqualTo(75);
        assertThat(meta.get("es_time").isNumber()).isTrue();
        assertThat(meta.get("timeline_names").get(first.indexName()).asString()).isEqualTo("first");
        assertThat(meta.get("count_per_timeline").get(String.valueOf(first.timelineId())).asLong()).isEqualTo(60);
        assertThat(meta.get("count_per_index").get(second.indexName()).asLong()).isEqualTo(15);
        assertThat(meta.get("count_over_time").get("data").size()).isPositive();
        assertThat(meta.get("scroll_id").asString()).isNotEmpty();
    }

    @Test
    void oneSelectedTimelineCountsItsMatchesAsTheTotal() {
        JsonNode meta = alice.post(explore(), body("message:even", TsClient.map("indices", List.of(first.timelineId()),
                "size", 5, "chips", List.of()))).json().get("meta");
        assertThat(meta.get("es_total_count").asLong()).isEqualTo(60);
        assertThat(meta.get("count_per_timeline").properties()).hasSize(1);
        assertThat(meta.get("count_per_timeline").get(String.valueOf(first.timelineId())).asLong()).isEqualTo(60);
        assertThat(meta.get("count_per_index").get(first.indexName()).asLong()).isEqualTo(60);
        long overTime = 0;
        for (JsonNode bucket : meta.get("count_over_time").get("data")) {
            overTime += bucket.asLong();
        }
        assertThat(overTime).isEqualTo(60);
        JsonNode none = alice.post(explore(), body("message:nothing-matches-this", TsClient.map("indices",
                List.of(first.timelineId())))).json().get("meta");
        assertThat(none.get("count_per_timeline").isEmpty()).isTrue();
        assertThat(none.get("count_over_time").get("data").isEmpty()).isTrue();
    }

    /** The table loads later pages by offset while scrolling; the histogram is the first page's. */
    @Test
    void anOffsetPageHasTheTotalButNoHistogram() {
        JsonNode meta = alice.post(explore(), body("message:even", TsClient.map("indices", List.of(first.timelineId()),
                "from", 20, "size", 5, "chips", List.of()))).json().get("meta");
        assertThat(meta.get("es_total_count").asLong()).isEqualTo(60);
        assertThat(meta.get("count_over_time").get("data").isEmpty()).isTrue();
    }

    @Test
    void sketchExploreWithoutSizeUsesDefaults() {
        JsonNode result = alice.post(explore(), TsClient.map("query", "*",
                "filter", TsClient.map("use_wildcard_fields", false, "chips", List.of(), "indices", "_all"))).json();
        assertThat(result.get("objects").size()).isEqualTo(40);
        assertThat(result.get("meta").get("es_total_count").asLong()).isEqualTo(150);
    }

    @Test
    void scrollingReturnsEveryEventExactlyOnce() {
        Map<String, Object> request = body("*", TsClient.map("indices", "_all", "size", 17, "order", "desc",
                "chips", List.of()));
        Set<String> seen = new HashSet<>();
        long previous = Long.MAX_VALUE;
        JsonNode page = alice.post(explore(), request).json();
        int pages = 0;
        while (true) {
            pages++;
            for (JsonNode hit : page.get("objects")) {
                assertThat(seen.add(hit.get("_index").asString() + hit.get("_id").asString())).isTrue();
                long ts = hit.get("_source").get("timestamp").asLong();
                assertThat(ts).isLessThanOrEqualTo(previous);
                previous = ts;
            }
            String scrollId = page.get("meta").get("scroll_id").asString();
            if (page.get("objects").isEmpty() || scrollId.isEmpty()) {
                break;
            }
            Map<String, Object> next = new LinkedHashMap<>(request);
            next.put("scroll_id", scrollId);
            page = alice.post(explore(), next).json();
            assertThat(page.get("meta").has("es_time")).isTrue();
        }
        assertThat(seen).hasSize(150);
        assertThat(pages).isEqualTo(9);
    }

    /** Timesketch's client sends the first page's scroll_id again for every later page. */
    @Test
    void aScrollIsAServerSideContextWithAStableId() {
        Map<String, Object> request = body("*", TsClient.map("indices", "_all", "size", 40, "chips", List.of()));
        JsonNode page = alice.post(explore(), request).json();
        String scrollId = page.get("meta").get("scroll_id").asString();
        Map<String, Object> next = new LinkedHashMap<>(request);
        next.put("scroll_id", scrollId);
        Set<String> seen = new HashSet<>();
        page.get("objects").forEach(hit -> seen.add(hit.get("_index").asString() + hit.get("_id").asString()));
        assertThat(bob.post(explore(), next).status()).isIn(403, 404);
        for (int i = 0; i < 10 && !page.get("objects").isEmpty(); i++) {
            page = alice.post(explore(), next).json();
            for (JsonNode hit : page.get("objects")) {
                assertThat(seen.add(hit.get("_index").asString() + hit.get("_id").asString())).isTrue();
            }
            String id = page.get("meta").get("scroll_id").asString();
            assertThat(id).isIn(scrollId, "");
        }
        assertThat(seen).hasSize(150);
        assertThat(page.get("objects").isEmpty()).isTrue();
    }

    @Test
    void aScrollBelongsToItsUserAndSketch() {
        Map<String, Object> request = body("*", TsClient.map("indices", "_all", "size", 10, "chips", List.of()));
        String scrollId = alice.post(explore(), request).json().get("meta").get("scroll_id").asString();
        long other = Fixtures.sketch(bob, "Bob's own");
        Fixtures.timeline(server, bob, other, "bobs", Fixtures.events(20));
        Map<String, Object> foreign = new LinkedHashMap<>(request);
        foreign.put("scroll_id", scrollId);
        TsClient.Response response = bob.post("/api/v1/sketches/" + other + "/explore/", foreign);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("scroll_id");
    }

    /** {@code return_fields='*'}: the client sends "*,datetime"; "*" anywhere in the list is every field. */
    @Test
    void aStarInTheFieldsListMeansEveryField() {
        Map<String, Object> all = body("*", TsClient.map("indices", "_all", "size", 1, "chips", List.of()));
        Set<String> every = new HashSet<>();
        alice.post(explore(), all).json().get("objects").get(0).get("_source").propertyNames().forEach(every::add);
        assertThat(every).contains("message", "datetime", "timestamp_desc");
        for (String fields : List.of("*,datetime", "message,*", "*")) {
            Map<String, Object> request = new LinkedHashMap<>(all);
            request.put("fields", fields);
            Set<String> names = new HashSet<>();
            alice.post(explore(), request).json().get("objects").get(0).get("_source").propertyNames()
                    .forEach(names::add);
            assertThat(names).as(fields).isEqualTo(every);
        }
    }

    /** Timesketch's data finder: named rules from a YAML file, asked for a time range. */
    @Test
    void theDataFinderTellsWhetherATimeRangeHoldsWhatARuleLooksFor() throws IOException {
        java.nio.file.Files.writeString(server.home().resolve("data_finder.yaml"), """
                root_logins:
                  description: events of root
                  query_string: 'user:root'
                odd_by_regex:
                  query_string: '*'
                  attribute: message
                  regular_expression: 'entry \\d+ odd'
                """);
        String find = "/api/v1/sketches/" + sketchId + "/data/find/";
        JsonNode hit = alice.post(find, TsClient.map("start_date", "2024-01-01T00:00:00", "end_date",
                "2024-01-01T01:00:00", "rule_names", List.of("root_logins", "odd_by_regex"))).json();
        assertThat(hit.get("objects").get(0).get("root_logins").get(0).asBoolean()).isTrue();
        assertThat(hit.get("objects").get(0).get("root_logins").get(1).asString()).isEqualTo("Data discovered");
        assertThat(hit.get("objects").get(1).get("odd_by_regex").get(1).asString())
                .isEqualTo("Data discovered using Regular Expression");
        JsonNode miss = alice.post(find, TsClient.map("start_date", "2010-01-01T00:00:00", "end_date",
                "2010-06-30T12:00:00", "rule_names", List.of("root_logins"))).json();
        assertThat(miss.get("objects").get(0).get("root_logins").get(0).asBoolean()).isFalse();
        assertThat(alice.post(find, TsClient.map("start_date", "2010-01-01T00:00:00", "end_date",
                "2010-06-30T12:00:00", "rule_names", List.of("no_such_rule"))).status()).isEqualTo(400);
        assertThat(alice.post(find, TsClient.map("rule_names", List.of("root_logins"))).status()).isEqualTo(400);
        assertThat(bob.post(find, TsClient.map("start_date", "2024-01-01T00:00:00", "end_date",
                "2024-01-01T01:00:00", "rule_names", List.of("root_logins"))).status()).isIn(403, 404);
    }

    @Test
    void exportStreamSendsEveryMatchAsJsonLinesWithTheFieldsAsked() {
        String url = "/api/v1/sketches/" + sketchId + "/exportstream/";
        TsClient.Response response = alice.post(url, TsClient.map("query", "message:odd", "fields", "data_type,message"));
        assertThat(response.status()).isEqualTo(200);
        List<String> lines = response.body().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(75);
        assertThat(lines.getFirst()).contains("\"data_type\"", "\"message\"").doesNotContain("timestamp_desc");
        assertThat(bob.post(url, TsClient.map("query", "*")).status()).isIn(403, 404);
    }

    @Test
    void exploreWildcardIsTheSearchWithWildcardFields() {
        String url = "/api/v1/sketches/" + sketchId + "/explore_wildcard/";
        JsonNode result = alice.post(url, body("message:*ntry*", TsClient.map("indices", "_all", "size", 200,
                "chips", List.of()))).json();
        assertThat(result.get("meta").get("es_total_count").asLong()).isEqualTo(150);
        assertThat(bob.post(url, body("*", TsClient.map())).status()).isIn(403, 404);
    }

    @Test
    void countMode() {
        Map<String, Object> request = body("odd", TsClient.map("indices", "_all", "chips", List.of()));
        request.put("count", true);
        JsonNode result = alice.post(explore(), request).json();
        assertThat(result.get("meta").get("total_count").asLong()).isEqualTo(75);
        assertThat(result.get("objects").size()).isZero();
    }

    @Test
    void timelineSelectionByIdNameAndIndex() {
        assertThat(total(TsClient.map("indices", List.of(first.timelineId())))).isEqualTo(120);
        assertThat(total(TsClient.map("indices", List.of("SECOND")))).isEqualTo(30);
        assertThat(total(TsClient.map("indices", List.of(second.indexName())))).isEqualTo(30);
        assertThat(total(TsClient.map("indices", List.of(String.valueOf(second.timelineId()), "_all")))).isEqualTo(150);
    }

    @Test
    void termChipsIncludeAndExclude() {
        assertThat(total(TsClient.map("indices", "_all", "chips", List.of(chip("term", "user", "root", "must")))))
                .isEqualTo(50);
        assertThat(total(TsClient.map("indices", "_all", "chips", List.of(chip("term", "user", "root", "must_not")))))
                .isEqualTo(100);
        Map<String, Object> inactive = chip("term", "user", "root", "must");
        inactive.put("active", false);
        assertThat(total(TsClient.map("indices", "_all", "chips", List.of(inactive)))).isEqualTo(150);
    }

    @Test
    void datetimeRangeAndIntervalChips() {
        Map<String, Object> range = chip("datetime_range", "", "2024-01-01T00:00:00,2024-01-01T00:09:59", "must");
        assertThat(total(TsClient.map("indices", List.of("first"), "chips", List.of(range)))).isEqualTo(10);
        Map<String, Object> interval = chip("datetime_interval", "", "2024-01-01T01:00:00 -5m +5m", "must");
        assertThat(total(TsClient.map("indices", List.of("first"), "chips", List.of(interval)))).isEqualTo(11);
        assertThat(total(TsClient.map("indices", List.of("first"), "chips", List.of(range, interval)))).isEqualTo(21);
        Map<String, Object> spaced = chip("datetime_interval", "", "2024-01-01 01:00:00 -1m +1m", "must");
        assertThat(total(TsClient.map("indices", List.of("first"), "chips", List.of(spaced)))).isEqualTo(3);
        Map<String, Object> broken = chip("datetime_range", "", "yesterday", "must");
        assertThat(alice.post(explore(), body("*", TsClient.map("chips", List.of(broken)))).status()).isEqualTo(400);
    }

    @Test
    void starAndCommentLabelChips() {
        long sketch = Fixtures.sketch(alice, "Labels");
        Fixtures.TimelineRef timeline = Fixtures.timeline(server, alice, sketch, "t", Fixtures.events(10));
        String url = "/api/v1/sketches/" + sketch + "/explore/";
        JsonNode hits = alice.post(url, body("*", TsClient.map("size", 10))).json().get("objects");
        String starred = hits.get(2).get("_id").asString();
        String commented = hits.get(5).get("_id").asString();
        alice.post("/api/v1/sketches/" + sketch + "/event/annotate/", TsClient.map("annotation", "__ts_star",
                "annotation_type", "label", "events", List.of(TsClient.map("_id", starred, "_index", timeline.indexName()))));
        alice.post("/api/v1/sketches/" + sketch + "/event/annotate/", TsClient.map("annotation", "look here",
                "annotation_type", "comment", "events", TsClient.map("_id", commented, "_index", timeline.indexName())));
        JsonNode stars = alice.post(url, body("*", TsClient.map("chips", List.of(chip("label", "", "__ts_star", "must")))))
                .json();
        assertThat(stars.get("meta").get("es_total_count").asLong()).isEqualTo(1);
        assertThat(stars.get("objects").get(0).get("_id").asString()).isEqualTo(starred);
        assertThat(stars.get("objects").get(0).get("_source").get("label").toString()).contains("__ts_star");
        JsonNode comments = alice.post(url, body("*", TsClient.map("chips",
                List.of(chip("label", "", "__ts_comment", "must"))))).json();
        assertThat(comments.get("objects").get(0).get("_id").asString()).isEqualTo(commented);
        assertThat(comments.get("objects").get(0).get("_source").get("comment").get(0).asString()).isEqualTo("look here");
        Map<String, Object> byLabel = body(null, TsClient.map("indices", "_all"));
        byLabel.put("dsl", TsClient.map("query", TsClient.map("nested", TsClient.map("path", "timesketch_label",
                "query", TsClient.map("bool", TsClient.map("must", List.of(
                        TsClient.map("term", TsClient.map("timesketch_label.name", "__ts_star")),
                        TsClient.map("term", TsClient.map("timesketch_label.sketch_id", sketch)))))))));
        assertThat(alice.post(url, byLabel).json().get("meta").get("es_total_count").asLong()).isEqualTo(1);
    }

    @Test
    void fieldsLimitTheSource() {
        Map<String, Object> request = body("*", TsClient.map("size", 3));
        request.put("fields", "message,user,datetime");
        JsonNode source = alice.post(explore(), request).json().get("objects").get(0).get("_source");
        List<String> names = new ArrayList<>();
        source.propertyNames().forEach(names::add);
        assertThat(names).containsExactlyInAnyOrder("message", "user", "datetime", "label");
    }

    @Test
    void dslQuery() {
        Map<String, Object> request = body(null, TsClient.map("indices", "_all", "size", 100));
        request.put("dsl", TsClient.map("query", TsClient.map("bool", TsClient.map("must",
                List.of(TsClient.map("term", TsClient.map("user", "root")))))));
        assertThat(alice.post(explore(), request).json().get("meta").get("es_total_count").asLong()).isEqualTo(50);
    }

    @Test
    void exportZipHasMetadataAndEveryMatchingRow() throws IOException {
        Map<String, Object> request = body("odd", TsClient.map("indices", List.of("first"), "chips", List.of()));
        request.put("file_name", "/tmp/out.zip");
        TsClient.Response response = alice.post(explore(), request);
        assertThat(response.status()).isEqualTo(200);
        Map<String, String> entries = unzip(response.bytes());
        assertThat(entries).containsKeys("METADATA", "query_results.csv");
        JsonNode metadata = TsClient.JSON.readTree(entries.get("METADATA"));
        assertThat(metadata.get("created_by").asString()).isEqualTo("alice");
        assertThat(metadata.get("query").asString()).isEqualTo("odd");
        String[] lines = entries.get("query_results.csv").split("\r?\n");
        assertThat(lines).hasSize(61);
        assertThat(lines[0]).contains("message").contains("label").contains("_id").contains("_index");
    }

    @Test
    void jsonlExportStreamsEveryMatchWhateverThePageSize() {
        Map<String, Object> request = body("odd", TsClient.map("indices", List.of("first"), "size", 5,
                "chips", List.of()));
        TsClient.Response response = alice.post(explore() + "export/?format=jsonl", request);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(response.header("Content-Disposition")).contains("sketch-" + sketchId + "-results.jsonl");
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(60);
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode event = TsClient.JSON.readTree(line);
            ids.add(event.get("_id").asString());
            assertThat(event.get("_index").asString()).isEqualTo(first.indexName());
            assertThat(event.get("message").asString()).contains("odd");
            assertThat(event.get("label").isArray()).isTrue();
            assertThat(event.has("timesketch_label")).isFalse();
        }
        assertThat(ids).hasSize(60);
    }

    @Test
    void csvExportHasAHeaderAndEveryMatch() {
        Map<String, Object> request = body("*", TsClient.map("indices", "_all", "chips", List.of()));
        request.put("fields", "datetime,message");
        TsClient.Response response = alice.post(explore() + "export/?format=csv", request);
        assertThat(response.status()).isEqualTo(200);
        String[] lines = response.body().split("\r?\n");
        assertThat(lines).hasSize(151);
        assertThat(lines[0]).isEqualTo("datetime,message,label,_id,_index");
    }

    @Test
    void exportByLinkCarriesTheRequestInAParameter() {
        String request = URLEncoder.encode(TsClient.JSON.writeValueAsString(
                body("odd", TsClient.map("indices", List.of("second"), "chips", List.of()))), StandardCharsets.UTF_8);
        TsClient.Response response = alice.get(explore() + "export/?format=jsonl&request=" + request);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().split("\n")).hasSize(15);
        assertThat(alice.get(explore() + "export/?format=jsonl&request=%7Bnope").status()).isEqualTo(400);
        TsClient.Response other = bob.get(explore() + "export/?format=jsonl&request=" + request);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).doesNotContain("entry");
    }

    @Test
    void exportOfAnUnknownFormatIs400() {
        TsClient.Response response = alice.post(explore() + "export/?format=xml", body("*", TsClient.map()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asString()).contains("xml");
    }

    @Test
    void badRequestsAre400() {
        assertThat(alice.post(explore(), body("*", TsClient.map("indices", List.of("no-such-timeline")))).status())
                .isEqualTo(400);
        assertThat(alice.post(explore(), body("*", TsClient.map("size", 20000))).status()).isEqualTo(400);
        assertThat(alice.post(explore(), body("*", TsClient.map("order", "sideways"))).status()).isEqualTo(400);
        Map<String, Object> badScroll = body("*", TsClient.map());
        badScroll.put("scroll_id", "!!!");
        assertThat(alice.post(explore(), badScroll).status()).isEqualTo(400);
        assertThat(alice.post(explore(), body("*", TsClient.map("chips", List.of(chip("magic", "", "x", "must")))))
                .status()).isEqualTo(400);
        TsClient.Response unbalanced = alice.post(explore(), body("message:(open", TsClient.map()));
        assertThat(unbalanced.status()).isEqualTo(400);
        assertThat(unbalanced.json().get("message").asString()).contains("message:(open");
    }

    @Test
    void anotherUserSeesNothingEvenWithExplicitIndices() {
        Map<String, Object> request = body("*", TsClient.map("indices", List.of(first.indexName())));
        TsClient.Response response = bob.post(explore(), request);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("entry");
        long bobsSketch = Fixtures.sketch(bob, "Bob's");
        TsClient.Response viaOwnSketch = bob.post("/api/v1/sketches/" + bobsSketch + "/explore/", request);
        assertThat(viaOwnSketch.status()).isEqualTo(400);
        assertThat(viaOwnSketch.body()).doesNotContain("entry 1");
        Map<String, Object> export = new LinkedHashMap<>(request);
        export.put("file_name", "x.zip");
        assertThat(bob.post(explore(), export).status()).isEqualTo(403);
        TsClient.Response jsonl = bob.post(explore() + "export/?format=jsonl", request);
        assertThat(jsonl.status()).isEqualTo(403);
        assertThat(jsonl.body()).doesNotContain("entry");
    }

    @Test
    void archivedSketchCannotBeSearched() {
        long sketch = Fixtures.sketch(alice, "Archived search");
        Fixtures.timeline(server, alice, sketch, "t", Fixtures.events(2));
        alice.post("/api/v1/sketches/" + sketch + "/archive/", TsClient.map("action", "archive"));
        assertThat(alice.post("/api/v1/sketches/" + sketch + "/explore/", body("*", TsClient.map())).status())
                .isEqualTo(400);
    }

    private static long total(Map<String, Object> filter) {
        TsClient.Response response = alice.post(explore(), body("*", filter));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("meta").get("es_total_count").asLong();
    }

    private static Map<String, Object> chip(String type, String field, String value, String operator) {
        return TsClient.map("field", field, "type", type, "operator", operator, "active", true, "value", value);
    }

    private static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
