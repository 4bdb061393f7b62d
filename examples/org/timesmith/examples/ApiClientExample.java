package org.timesmith.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.client.Aggregation;
import org.timesmith.client.ApiException;
import org.timesmith.client.DateIntervalChip;
import org.timesmith.client.DateRangeChip;
import org.timesmith.client.EventRef;
import org.timesmith.client.LabelChip;
import org.timesmith.client.Search;
import org.timesmith.client.SigmaRule;
import org.timesmith.client.Sketch;
import org.timesmith.client.Story;
import org.timesmith.client.TimesketchClient;
import org.timesmith.client.config.ConfigAssistant;
import org.timesmith.client.config.Prompter;

/**
 * The "API Client" guide, step by step, in Java: connect through {@code ~/.timesketchrc}, list
 * and open sketches, read their properties, saved searches, searches with chips and every result
 * form, aggregations, Sigma rules and the other sketch actions. A step the server does not offer
 * prints the server's answer and the program goes on.
 *
 * <p>Usage: {@code ApiClientExample RC_FILE TOKEN_FILE SECTION SKETCH_ID OUTPUT_DIR}
 */
public final class ApiClientExample {

    private ApiClientExample() {
    }

    public static void main(String[] args) {
        Path rc = Path.of(args[0]);
        Path token = Path.of(args[1]);
        String section = args[2];
        long sketchId = Long.parseLong(args[3]);
        Path output = Path.of(args[4]);

        // Basic connections: config.get_client(config_section='my_section')
        TimesketchClient tsClient = new ConfigAssistant(rc, token, Prompter.console()).getClient(section, Optional.empty());

        // Using the client: list sketches with id, name and description.
        for (Sketch sketch : tsClient.listSketches()) {
            System.out.printf("[%d] %s <%s>%n", sketch.id(), sketch.name(), sketch.description());
        }

        // Connecting to a sketch, and its overview properties.
        Sketch sketch = tsClient.getSketch(sketchId);
        System.out.println("acl: " + sketch.acl());
        System.out.println("labels: " + sketch.labels());
        System.out.println("name: " + sketch.name());
        System.out.println("description: " + sketch.description());
        System.out.println("status: " + sketch.status());

        // Saved searches.
        step("saved searches", () -> {
            for (Search saved : sketch.listSavedSearches()) {
                System.out.printf("%03d - %s%n", saved.id().orElseThrow(), saved.name());
            }
        });

        // Search query: from_manual, then direct settings.
        Search search = sketch.search();
        search.fromManual("*", null, null, "datetime,timestamp_desc,message", 10_000);
        search.queryString("message:visit");
        search.maxEntries(10_000_000);
        search.returnFields("datetime,timestamp_desc,data_type,message,domain,url");

        // Chips: a date range, an interval, and label chips for stars and comments.
        search.addChip(DateRangeChip.of("2020-01-01T00:00:00", "2020-01-01T00:00:20"));
        System.out.println("chips: " + search.chips().stream().map(c -> c.chip().toString()).toList());
        System.out.println("query filter: " + search.queryFilter());
        search.addChip(DateIntervalChip.of("2020-01-01T00:00:10", 10, 10, 'm'));
        System.out.println("results with range and interval: " + search.toList().size());
        search.removeChip(1);
        search.addChip(LabelChip.useStarLabel());
        System.out.println("starred results: " + search.toList().size());
        search.removeChip(1);
        search.addChip(LabelChip.useCommentLabel());
        System.out.println("commented results: " + search.toList().size());
        search.removeChip(1);

        // The results: a table (data frame), a list of maps, JSON, and a ZIP file.
        System.out.println("table rows: " + search.table().size());
        System.out.println("dataframe height: " + search.table().toDataFrame().height());
        List<Map<String, Object>> rows = search.toList();
        System.out.println("dict rows: " + rows.size());
        System.out.println("json length: " + search.toJson().length());
        System.out.println("zip: " + search.toFile(output.resolve("myresults.zip")).getFileName());

        // Saving the search.
        search.name("My First Saved Search");
        search.description("This saves all my work");
        step("save search", () -> System.out.println("saved search id: " + search.save()));

        // Aggregations.
        step("aggregators", () -> System.out.print(sketch.listAvailableAggregators()));
        step("aggregation", () -> {
            Aggregation aggregation = sketch.runAggregator("field_bucket", Map.of("field", "domain", "limit", 10,
                    "supported_charts", "hbarchart", "chart_title", "Top 10 Domains Visited"));
            System.out.print(aggregation.table());
            System.out.println("chart: " + aggregation.vegaLiteSpec().orElse("(none)"));
            aggregation.save("TopDomains", "");
        });

        // Sigma rules.
        step("sigma rule", () -> {
            SigmaRule rule = tsClient.getSigmaRule("5266a592-b793-11ea-b3de-0242ac130004");
            System.out.println(rule.data());
        });
        step("sigma rules", () -> System.out.print(tsClient.sigmaRulesTable()));

        // Other options: stories, manual events, ACL, comments, analyzers, export, archive, delete.
        step("story", () -> {
            Story story = sketch.createStory("Example story");
            story.addText("Found during the example run.");
            System.out.println("stories: " + sketch.listStories().size());
        });
        sketch.addEvent("2020-09-03T22:52:21", "Manual", "added by the example", List.of("example"), Map.of());
        EventRef added = EventRef.of(sketch.search().queryString("\"added by the example\"").toList().get(0));
        sketch.commentEvent(added, "checked");
        sketch.starEvents(List.of(added));
        sketch.addToAcl(List.of("bob"), List.of(), false, List.of("read"));
        System.out.println("acl after sharing: " + sketch.acl().keySet());
        step("analyzers", () -> System.out.println("analyses: " + sketch.runAnalyzer("domain",
                sketch.listTimelines().stream().map(t -> t.id()).toList(), Map.of())));
        step("export", () -> System.out.println("export: " + sketch.export(output.resolve("sketch.zip"))));
        Sketch scratch = tsClient.createSketch("example scratch", "");
        scratch.archive();
        System.out.println("archived: " + scratch.isArchived());
        scratch.unarchive();
        scratch.delete(false);
        System.out.println("done");
    }

    private static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            System.out.println(what + ": not available: " + e.getMessage());
        }
    }
}
