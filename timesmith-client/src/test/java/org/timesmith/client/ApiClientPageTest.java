package org.timesmith.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timesketch's API client page ({@code docs/seeds/001_…}) walked in its order, each example in
 * Java, against the real server: the values asserted are the ones the page says a user gets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiClientPageTest {

    private static TimesketchClient tsClient;
    private static Sketch sketch;

    @BeforeAll
    static void sketchWithWebHistory() {
        tsClient = LiveServer.get().login("alice");
        Sketch created = tsClient.createSketch("api client page", "walking the page");
        ImportStreamer streamer = new ImportStreamer(created).timelineName("browser");
        for (int i = 0; i < 20; i++) {
            streamer.addDict(Map.of("datetime", "2013-09-20T22:" + (20 + i) + ":47", "message", "visit " + i,
                    "domain", i % 4 == 0 ? "evil.com" : "example.com", "url", "http://site/" + i));
        }
        assertThat(streamer.closeAndWait(Duration.ofMinutes(2)).status()).isEqualTo("ready");
        sketch = created;
    }

    @Test
    @Order(1)
    void listAndGetSketchesWithTheirProperties() {
        // for sketch in ts_client.list_sketches(): print(sketch.id, sketch.name, sketch.description)
        assertThat(tsClient.listSketches()).extracting(Sketch::id).contains(sketch.id());
        Sketch fetched = tsClient.getSketch(sketch.id());
        assertThat(fetched.name()).isEqualTo("api client page");
        assertThat(fetched.description()).isEqualTo("walking the page");
        assertThat(fetched.status()).isEqualTo("new");
        assertThat(fetched.labels()).isEmpty();
        assertThat(fetched.acl()).containsKey("user/alice");
    }

    @Test
    @Order(2)
    void savedSearchesListWithIdNameAndUser() {
        Search stored = sketch.search().queryString("domain:evil.com");
        stored.name("evil visits").description("first");
        long id = stored.save();
        // for saved_search in sketch.list_saved_searches(): print(saved_search.id, saved_search.name, saved_search.user)
        List<String> lines = sketch.listSavedSearches().stream()
                .map(s -> String.format("%03d - %s [%s]", s.id().orElseThrow(), s.name(), s.user())).toList();
        assertThat(lines).contains(String.format("%03d - evil visits [alice]", id));
        assertThat(stored.user()).isEqualTo("alice");
        // get_saved_search(search_id=...) / (search_name=...), then .table
        assertThat(sketch.getSavedSearch(id).table().rows()).hasSize(5);
        assertThat(sketch.getSavedSearch("evil visits")).hasValueSatisfying(s -> assertThat(s.user()).isEqualTo("alice"));
    }

    @Test
    @Order(3)
    void searchObjectFromSavedAndFromManual() {
        long id = sketch.search().queryString("domain:example.com").name("example visits").save();
        // search_obj = search.Search(sketch=sketch); search_obj.from_saved(<SEARCH_ID>)
        Search searchObj = new Search(sketch);
        assertThat(searchObj.fromSaved(id)).isSameAs(searchObj);
        assertThat(searchObj.name()).isEqualTo("example visits");
        assertThat(searchObj.id()).contains(id);
        assertThat(searchObj.toList()).hasSize(15);
        // search_obj.from_manual(query_string, query_dsl, query_filter, return_fields, max_entries)
        Search manual = new Search(sketch).fromManual("visit", null, null, "datetime,message,domain", 3);
        assertThat(manual.toList()).hasSize(3).allSatisfy(r -> assertThat(r).containsKeys("message", "domain")
                .doesNotContainKey("url"));
        assertThat(manual.id()).isEmpty();
        // configure manually
        Search direct = new Search(sketch).queryString("visit").maxEntries(10_000_000)
                .returnFields("datetime,timestamp_desc,data_type,message,domain,url");
        assertThat(direct.toList()).hasSize(20);
    }

    @Test
    @Order(4)
    void chipsResultsAndFile(@TempDir Path dir) throws Exception {
        Search searchObj = new Search(sketch).queryString("*");
        searchObj.addChip(DateRangeChip.of("2013-09-20T22:20:47", "2013-09-20T22:29:47"));
        assertThat(searchObj.toList()).hasSize(10);
        searchObj.addChip(DateIntervalChip.of("2013-09-20T22:39:47", 10, 10, 'm'));
        searchObj.removeChip(0);
        assertThat(searchObj.chips()).hasSize(1);
        assertThat(searchObj.queryFilter()).containsKey("chips");
        assertThat(searchObj.table().rows()).hasSize(11);
        assertThat(searchObj.toJson()).startsWith("[");
        Path zip = searchObj.toFile(dir.resolve("myresults.zip"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertThat(file.getEntry("query_results.csv")).isNotNull();
            assertThat(file.getEntry("METADATA")).isNotNull();
        }
    }

    @Test
    @Order(5)
    void afterSavingEachChangeIsStored() {
        Search searchObj = new Search(sketch).queryString("domain:evil.com");
        searchObj.name("My First Saved Search");
        searchObj.description("This saves all my work");
        long id = searchObj.save();
        // "each time you make a change to the search the change gets updated in the datastore"
        searchObj.description("changed after saving");
        assertThat(sketch.getSavedSearch(id).description()).isEqualTo("changed after saving");
        searchObj.queryString("domain:example.com");
        assertThat(sketch.getSavedSearch(id).queryString()).isEqualTo("domain:example.com");
        searchObj.name("Renamed");
        assertThat(sketch.getSavedSearch(id).name()).isEqualTo("Renamed");
        searchObj.addChip(TermChip.of("url", "http://site/1"));
        assertThat(sketch.getSavedSearch(id).chips()).hasSize(1);
        assertThat(sketch.getSavedSearch(id).toList()).hasSize(1);
        searchObj.removeChip(0);
        assertThat(sketch.getSavedSearch(id).chips()).isEmpty();
        searchObj.returnFields("message,url");
        assertThat(sketch.getSavedSearch(id).returnFields()).contains("message", "url");
        searchObj.fromManual("visit", null, null, null, null);
        assertThat(sketch.getSavedSearch(id).queryString()).isEqualTo("visit");
        // A restored search stores its changes too; an unsaved one stores nothing.
        sketch.getSavedSearch(id).description("from a restored object");
        assertThat(sketch.getSavedSearch(id).description()).isEqualTo("from a restored object");
        int before = sketch.listSavedSearches().size();
        new Search(sketch).queryString("x").name("never saved").description("d");
        assertThat(sketch.listSavedSearches()).hasSize(before);
        assertThat(searchObj.commit()).isEqualTo(id);
    }

    @Test
    @Order(6)
    void aggregationAsTableAndSaved() {
        assertThat(sketch.listAvailableAggregators().rows()).extracting(r -> r.get("name")).contains("field_bucket");
        Aggregation aggregation = sketch.runAggregator("field_bucket", Map.of("field", "domain", "limit", 10,
                "supported_charts", "hbarchart", "chart_title", "Top 10 Domains Visited"));
        assertThat(aggregation.table().rows()).hasSize(2);
        long id = aggregation.save("TopDomains", "");
        assertThat(sketch.getAggregation(id).name()).isEqualTo("TopDomains");
    }

    @Test
    @Order(7)
    void sigmaRuleDataHasEsQuery() {
        SigmaRule created = tsClient.createSigmaRule("""
                title: Suspicious Installation of Zenmap
                id: 5266a592-b793-11ea-b3de-0242ac130004
                description: Detects suspicious installation of Zenmap
                author: Alexander Jaeger
                date: 2020/06/26
                logsource:
                    product: linux
                    service: shell
                detection:
                    keywords:
                        - '*apt-get install zmap*'
                    condition: keywords
                falsepositives:
                    - Unknown
                level: high
                """);
        // rule = ts.get_sigma_rule("5266a592-…"); rule.data()
        SigmaRule rule = tsClient.getSigmaRule("5266a592-b793-11ea-b3de-0242ac130004");
        Map<String, Object> data = rule.data();
        assertThat(data).containsEntry("title", "Suspicious Installation of Zenmap")
                .containsEntry("id", "5266a592-b793-11ea-b3de-0242ac130004").containsEntry("level", "high")
                .containsKeys("logsource", "detection", "es_query", "file_name");
        assertThat(data.get("es_query").toString()).contains("apt-get install zmap").contains("data_type");
        assertThat(data.get("es_query")).isEqualTo(data.get("search_query"));
        assertThat(rule.esQuery()).isEqualTo(created.searchQuery());
        // ts.list_sigma_rules()
        assertThat(tsClient.listSigmaRules()).filteredOn(r -> r.ruleUuid().equals(created.ruleUuid()))
                .singleElement().satisfies(r -> assertThat(r.data().get("es_query")).isEqualTo(data.get("es_query")));
        // An older server that sends es_query only still gives both keys.
        assertThat(new SigmaRule(Map.of("es_query", "q")).data()).containsEntry("search_query", "q");
    }

    @Test
    @Order(8)
    void otherOptionsAddTimelinesToTheSketch() {
        // "Add timelines to the sketch": an index of one sketch added to another is searchable there.
        Timeline original = sketch.listTimelines().get(0);
        SearchIndex index = tsClient.listSearchIndices().stream()
                .filter(i -> i.indexName().equals(original.indexName())).findFirst().orElseThrow();
        Sketch other = tsClient.createSketch("api client page, other", "");
        Timeline added = other.addTimeline(index.id(), "browser again");
        assertThat(other.listTimelines()).extracting(Timeline::name).containsExactly("browser again");
        List<Map<String, Object>> events = other.search().queryString("*").toList();
        assertThat(events).hasSize(20).allSatisfy(e -> assertThat(((Number) e.get("__ts_timeline_id")).longValue())
                .isEqualTo(added.id()));
        assertThat(other.search().queryString("domain:evil.com").expectedSize()).isEqualTo(5);

        // Stars and comments stay in the sketch that made them.
        Map<String, Object> first = events.get(0);
        EventRef ref = EventRef.of(first);
        other.starEvents(List.of(ref));
        other.commentEvent(ref, "only in the other sketch");
        assertThat(other.search().queryString("*").addChip(LabelChip.useStarLabel()).toList()).hasSize(1);
        assertThat(sketch.search().queryString("*").addChip(LabelChip.useStarLabel()).toList()).isEmpty();
        assertThat(sketch.search().queryString("*").addChip(LabelChip.useCommentLabel()).toList()).isEmpty();

        // Deleting the timeline in the other sketch leaves this one whole.
        added.delete();
        assertThat(other.listTimelines()).isEmpty();
        assertThat(sketch.search().queryString("*").toList()).hasSize(20);
    }
}
