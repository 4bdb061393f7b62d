package org.timesmith.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Client operations on stories, aggregations, analyzers and Sigma rules against the real server. */
class AnalysisAndStoriesTest {

    private static TimesketchClient client;
    private static Sketch sketch;

    @BeforeAll
    static void sketchWithEvents() {
        client = LiveServer.get().login("alice");
        sketch = client.createSketch("contract", "");
        ImportStreamer streamer = new ImportStreamer(sketch).timelineName("domains");
        for (int i = 0; i < 30; i++) {
            streamer.addDict(Map.of("datetime", "2020-01-01T00:00:" + String.format("%02d", i), "message", "visit " + i,
                    "domain", "d" + (i % 3) + ".com"));
        }
        streamer.closeAndWait(Duration.ofMinutes(2));
    }

    @Test
    void storiesWithTextSearchAndChartBlocks() {
        Story story = sketch.createStory("What happened");
        story.addText("# Timeline\nThe user visited three domains.");
        Search search = sketch.search().queryString("domain:d1.com").name("d1 visits");
        search.save();
        story.addSavedSearch(search);
        Aggregation aggregation = sketch.runAggregator("field_bucket",
                Map.of("field", "domain", "limit", 10, "supported_charts", "hbarchart"));
        aggregation.save("Top domains", "");
        story.addAggregation(aggregation);
        assertThat(sketch.listStories()).extracting(Story::id).contains(story.id());
        Story again = sketch.getStory(story.id());
        assertThat(again.title()).isEqualTo("What happened");
        assertThat(again.blocks()).extracting(b -> b.get("componentName"))
                .containsExactly("", "TsViewEventList", "TsAggregationCompact");
        assertThat(again.toMarkdown()).contains("Timeline");
        assertThatThrownBy(() -> sketch.getStory(99_999)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void summaryAndManualVegaAggregatorsRunThroughTheClient() {
        Aggregation summary = sketch.runAggregator("field_summary", Map.of("field", "domain"));
        assertThat(summary.table().rows()).hasSize(1)
                .allSatisfy(r -> assertThat(r).containsEntry("bucket_name", "field_summary").containsKey("all_values"));
        assertThat(summary.vegaLiteSpec()).isEmpty();
        Map<String, Object> spec = Map.of("mark", "bar", "data", Map.of("values", List.of(Map.of("host", "a"),
                Map.of("host", "b"))));
        Aggregation manual = sketch.runAggregator("manual_vega", Map.of("data", spec, "supported_charts", "manual_vega"));
        assertThat(manual.table().rows()).hasSize(2);
        assertThat(manual.vegaLiteSpec()).hasValueSatisfying(json -> assertThat(json).contains("\"bar\""));
        Map<String, Object> remote = Map.of("mark", "bar", "data", Map.of("url", "https://example.invalid/rows.json"));
        assertThatThrownBy(() -> sketch.runAggregator("manual_vega", Map.of("data", remote)))
                .hasMessageContaining("remote data");
    }

    @Test
    void aggregatorsRunAsTableAndChartAndSave() {
        Table aggregators = sketch.listAvailableAggregators();
        assertThat(aggregators.rows()).extracting(r -> r.get("name")).contains("field_bucket");
        Aggregation aggregation = sketch.runAggregator("field_bucket", Map.of("field", "domain", "limit", 10,
                "supported_charts", "hbarchart", "chart_title", "Top 10 Domains Visited"));
        assertThat(aggregation.table().rows()).hasSize(3)
                .allSatisfy(r -> assertThat(r).containsEntry("bucket_name", "field_bucket"));
        assertThat(aggregation.vegaLiteSpec()).hasValueSatisfying(spec -> assertThat(spec).contains("vega-lite"));
        long id = aggregation.save("TopDomains", "");
        assertThat(sketch.listAggregations()).extracting(a -> a.id().orElseThrow()).contains(id);
        assertThat(sketch.getAggregation(id).name()).isEqualTo("TopDomains");
        assertThatThrownBy(() -> sketch.runAggregator("no_such_aggregator", Map.of()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void analyzersRunAndReportStatus() {
        assertThat(sketch.listAvailableAnalyzers().rows()).isNotEmpty();
        Timeline timeline = sketch.listTimelines().get(0);
        List<Analysis> started = sketch.runAnalyzer("domain", List.of(timeline.id()), Map.of());
        assertThat(started).isNotEmpty().allSatisfy(a -> assertThat(a.analyzerName()).isEqualTo("domain"));
        assertThat(sketch.analyzerStatus()).extracting(Analysis::sessionId).contains(started.get(0).sessionId());
    }

    @Test
    void sigmaRulesCreateListAndGet() {
        SigmaRule created = client.createSigmaRule("""
                title: Whoami run
                id: 5c1b1b0e-8a3c-4d7e-9a57-1f1d0c2b9e11
                status: experimental
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    selection:
                        Image|endswith: '\\whoami.exe'
                    condition: selection
                level: medium
                """);
        assertThat(created.searchQuery()).contains("whoami.exe");
        List<SigmaRule> rules = client.listSigmaRules();
        assertThat(rules).extracting(SigmaRule::ruleUuid).contains(created.ruleUuid());
        SigmaRule rule = client.getSigmaRule(created.ruleUuid());
        assertThat(rule.title()).isEqualTo("Whoami run");
        assertThat(rule.searchQuery()).isEqualTo(created.searchQuery());
        assertThat(client.sigmaRulesTable().columns()).contains("title");
    }
}
