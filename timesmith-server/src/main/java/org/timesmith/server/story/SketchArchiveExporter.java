package org.timesmith.server.story;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import org.timesmith.core.store.StoreException;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.aggregation.AggregationGroup;
import org.timesmith.server.aggregation.AggregationJson;
import org.timesmith.server.aggregation.AggregationService;
import org.timesmith.server.aggregation.AggregatorRun;
import org.timesmith.server.aggregation.SavedAggregation;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Times;
import org.timesmith.server.explore.ExploreQueries;
import org.timesmith.server.explore.ExportWriter;
import org.timesmith.server.sketch.SketchExporter;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineService;
import org.timesmith.server.view.SavedView;
import org.timesmith.server.view.ViewJson;
import org.timesmith.server.view.ViewService;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sketch archive export ({@code POST archive/ {"action": "export"}}, §3.3): a ZIP with the
 * members Timesketch writes: {@code METADATA}; {@code stories/NNNN_<title>.html};
 * {@code views/NNNN_<name>.meta} and {@code .csv} (every match of the saved search);
 * {@code aggregations/NNNN_<name>.meta} and {@code .csv} (the buckets, run now);
 * {@code aggregation_groups/NNNN_<name>.meta}; and {@code events/starred_events.csv},
 * {@code events/events_with_comments.csv}, {@code events/tagged_events.csv}. Beyond Timesketch's
 * members, {@code timelines/NNNN_<name>.csv} holds every event of each timeline, so the archive
 * is a complete copy of the sketch's events and not only of what was annotated. Event CSVs are
 * streamed from the store. Something that cannot be run (a saved search whose query the store
 * rejects, a sketch without searchable timelines) gets a {@code .error} member saying why instead
 * of its CSV, so nothing is left out silently.
 */
@Component
public class SketchArchiveExporter implements SketchExporter {

    private final ViewService views;
    private final ViewJson viewJson;
    private final StoryService stories;
    private final StoryRenderer renderer;
    private final AggregationService aggregations;
    private final AggregationJson aggregationJson;
    private final ExploreQueries queries;
    private final ExportWriter exportWriter;
    private final ObjectMapper json;
    private final Times times;
    private final TimelineService timelines;

    public SketchArchiveExporter(ViewService views, ViewJson viewJson, StoryService stories, StoryRenderer renderer,
                                 AggregationService aggregations, AggregationJson aggregationJson,
                                 ExploreQueries queries, ExportWriter exportWriter, ObjectMapper json, Times times,
                                 TimelineService timelines) {
        this.views = views;
        this.viewJson = viewJson;
        this.stories = stories;
        this.renderer = renderer;
        this.aggregations = aggregations;
        this.aggregationJson = aggregationJson;
        this.queries = queries;
        this.exportWriter = exportWriter;
        this.json = json;
        this.times = times;
        this.timelines = timelines;
    }

    @Override
    public void export(SketchAccess access, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("user", access.user().username());
        metadata.put("time", times.now());
        metadata.put("sketch_id", access.sketchId());
        metadata.put("sketch_name", access.sketch().name());
        metadata.put("sketch_description", access.sketch().description());
        metadata.put("timesketch_version", "timesmith");
        put(zip, "METADATA", json.writeValueAsBytes(metadata));
        for (Story story : stories.list(access)) {
            put(zip, member("stories", story.id(), story.title(), "html"),
                    renderer.html(access, story, stories.blocks(story)).getBytes(StandardCharsets.UTF_8));
        }
        for (SavedView view : views.list(access)) {
            put(zip, member("views", view.id(), view.name(), "meta"), json.writeValueAsBytes(viewJson.model(view)));
            events(zip, access, member("views", view.id(), view.name(), "csv"), viewJson.exploreBody(view));
        }
        for (SavedAggregation aggregation : aggregations.list(access)) {
            String name = aggregation.name().isBlank() ? aggregation.aggType() : aggregation.name();
            put(zip, member("aggregations", aggregation.id(), name, "meta"),
                    json.writeValueAsBytes(aggregationJson.model(aggregation)));
            buckets(zip, access, aggregation, member("aggregations", aggregation.id(), name, "csv"));
        }
        for (AggregationGroup group : aggregations.groups(access)) {
            put(zip, member("aggregation_groups", group.id(), group.name(), "meta"),
                    json.writeValueAsBytes(aggregationJson.groupSummary(group)));
        }
        events(zip, access, "events/starred_events.csv", labelSearch("__ts_star"));
        events(zip, access, "events/events_with_comments.csv", labelSearch("__ts_comment"));
        ObjectNode tagged = json.createObjectNode();
        tagged.put("query", "_exists_:tag");
        tagged.putObject("filter").put("indices", "_all");
        events(zip, access, "events/tagged_events.csv", tagged);
        for (Timeline timeline : timelines.timelines(access)) {
            ObjectNode all = json.createObjectNode();
            all.put("query", "*");
            all.putObject("filter").putArray("indices").add(timeline.id());
            events(zip, access, member("timelines", timeline.id(), timeline.name(), "csv"), all);
        }
        zip.finish();
        zip.flush();
    }

    private ObjectNode labelSearch(String label) {
        ObjectNode body = json.createObjectNode();
        ObjectNode chip = body.putObject("filter").putArray("chips").addObject();
        chip.put("field", "");
        chip.put("type", "label");
        chip.put("operator", "must");
        chip.put("active", true);
        chip.put("value", label);
        return body;
    }

    private void events(ZipOutputStream zip, SketchAccess access, String name, ObjectNode exploreBody)
            throws IOException {
        try {
            var query = queries.parse(access, exploreBody);
            zip.putNextEntry(new ZipEntry(name));
            exportWriter.writeCsv(query, zip);
            zip.closeEntry();
        } catch (ApiException | StoreException e) {
            put(zip, name.substring(0, name.length() - ".csv".length()) + ".error",
                    e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void buckets(ZipOutputStream zip, SketchAccess access, SavedAggregation aggregation, String name)
            throws IOException {
        AggregatorRun run;
        try {
            run = aggregations.run(access, aggregation);
        } catch (ApiException | StoreException e) {
            put(zip, name.substring(0, name.length() - ".csv".length()) + ".error",
                    e.getMessage().getBytes(StandardCharsets.UTF_8));
            return;
        }
        zip.putNextEntry(new ZipEntry(name));
        Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().build(text);
        csv.writeRecord(List.of(run.axis().field(), "count"));
        for (Map<String, Object> row : run.rows()) {
            csv.writeRecord(String.valueOf(row.get(run.axis().field())), String.valueOf(row.get("count")));
        }
        csv.flush();
        text.flush();
        zip.closeEntry();
    }

    private static String member(String folder, long id, String name, String extension) {
        return folder + "/" + String.format("%04d", id) + "_" + StoryRenderer.slug(name) + "." + extension;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
