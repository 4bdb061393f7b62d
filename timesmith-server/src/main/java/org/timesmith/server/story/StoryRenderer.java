package org.timesmith.server.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.StoreException;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.aggregation.AggregationGroup;
import org.timesmith.server.aggregation.AggregationService;
import org.timesmith.server.aggregation.AggregatorRun;
import org.timesmith.server.aggregation.SavedAggregation;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.explore.ExploreQueries;
import org.timesmith.server.view.SavedView;
import org.timesmith.server.view.ViewJson;
import org.timesmith.server.view.ViewService;
import tools.jackson.databind.JsonNode;

/**
 * Renders a story as Markdown or HTML (the {@code export_format} of §6 and the sketch archive):
 * text blocks as written, saved-search blocks as a table of their first matches, aggregation and
 * group blocks as tables of their buckets, all run again now. A block pointing at something that
 * is not in the story's sketch (deleted, or an id of another sketch) is rendered as a note saying so.
 * HTML output understands the Markdown of text blocks only as headings, list items and paragraphs.
 */
@Component
public class StoryRenderer {

    /** Matches shown per saved-search block. */
    static final int VIEW_ROWS = 40;

    /** One rendered piece of a story. */
    sealed interface Part {
        record Text(String markdown) implements Part {
        }

        record Table(String heading, String caption, List<String> columns, List<List<String>> rows) implements Part {
        }
    }

    private final ViewService views;
    private final ViewJson viewJson;
    private final AggregationService aggregations;
    private final ExploreQueries queries;
    private final EventStore store;

    public StoryRenderer(ViewService views, ViewJson viewJson, AggregationService aggregations, ExploreQueries queries,
                         EventStore store) {
        this.views = views;
        this.viewJson = viewJson;
        this.aggregations = aggregations;
        this.queries = queries;
        this.store = store;
    }

    public String markdown(SketchAccess access, Story story, List<JsonNode> blocks) {
        StringBuilder out = new StringBuilder("# ").append(story.title()).append("\n\n");
        for (Part part : parts(access, blocks)) {
            switch (part) {
                case Part.Text text -> out.append(text.markdown().strip()).append("\n\n");
                case Part.Table table -> {
                    out.append("### ").append(table.heading()).append("\n\n");
                    if (!table.caption().isEmpty()) {
                        out.append(table.caption()).append("\n\n");
                    }
                    out.append("| ").append(String.join(" | ", table.columns().stream().map(StoryRenderer::cell).toList()))
                            .append(" |\n|").append(" --- |".repeat(table.columns().size())).append('\n');
                    for (List<String> row : table.rows()) {
                        out.append("| ").append(String.join(" | ", row.stream().map(StoryRenderer::cell).toList()))
                                .append(" |\n");
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    public String html(SketchAccess access, Story story, List<JsonNode> blocks) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(story.title())).append("</title></head><body>\n<h1>").append(escape(story.title()))
                .append("</h1>\n");
        for (Part part : parts(access, blocks)) {
            switch (part) {
                case Part.Text text -> textHtml(text.markdown(), out);
                case Part.Table table -> {
                    out.append("<h3>").append(escape(table.heading())).append("</h3>\n");
                    if (!table.caption().isEmpty()) {
                        out.append("<p>").append(escape(table.caption())).append("</p>\n");
                    }
                    out.append("<table>\n<tr>");
                    table.columns().forEach(c -> out.append("<th>").append(escape(c)).append("</th>"));
                    out.append("</tr>\n");
                    for (List<String> row : table.rows()) {
                        out.append("<tr>");
                        row.forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
                        out.append("</tr>\n");
                    }
                    out.append("</table>\n");
                }
            }
        }
        return out.append("</body></html>\n").toString();
    }

    List<Part> parts(SketchAccess access, List<JsonNode> blocks) {
        List<Part> parts = new ArrayList<>();
        for (JsonNode block : blocks) {
            String content = block.path("content").asString("");
            if (!content.isBlank()) {
                parts.add(new Part.Text(content));
                continue;
            }
            JsonNode props = block.path("componentProps");
            switch (block.path("componentName").asString("")) {
                case "TsViewEventList" -> parts.add(view(access, props.path("view").path("id").asLong(-1)));
                case "TsAggregationCompact" -> parts.add(aggregation(access,
                        props.path("aggregation").path("id").asLong(-1)));
                case "TsAggregationGroupCompact" -> parts.addAll(group(access,
                        props.path("aggregation_group").path("id").asLong(-1)));
                default -> {
                    // an empty text block or a component this server does not know: nothing to show
                }
            }
        }
        return parts;
    }

    private Part view(SketchAccess access, long viewId) {
        SavedView view;
        try {
            view = views.get(access, viewId);
        } catch (ApiException e) {
            return new Part.Text("*Saved search " + viewId + " is not part of this sketch.*");
        }
        String caption = "Query: " + (view.queryString().isBlank() ? view.queryDsl() : view.queryString());
        try {
            SearchRequest request = queries.parse(access, viewJson.exploreBody(view)).request().toBuilder()
                    .from(0).size(VIEW_ROWS).fields(List.of(Event.DATETIME, Event.MESSAGE, Event.TIMESTAMP)).build();
            List<List<String>> rows = new ArrayList<>();
            for (StoredEvent hit : store.search(request).hits()) {
                rows.add(List.of(String.valueOf(hit.source().getOrDefault(Event.DATETIME, "")),
                        String.valueOf(hit.source().getOrDefault(Event.MESSAGE, ""))));
            }
            return new Part.Table("Saved search: " + view.name(), caption, List.of("datetime", "message"), rows);
        } catch (ApiException | StoreException e) {
            return new Part.Text("*Saved search " + view.name() + " could not be run: " + e.getMessage() + "*");
        }
    }

    private Part aggregation(SketchAccess access, long id) {
        SavedAggregation aggregation;
        try {
            aggregation = aggregations.get(access, id);
        } catch (ApiException e) {
            return new Part.Text("*Aggregation " + id + " is not part of this sketch.*");
        }
        return table(access, aggregation);
    }

    private List<Part> group(SketchAccess access, long id) {
        AggregationGroup group;
        try {
            group = aggregations.group(access, id);
        } catch (ApiException e) {
            return List.of(new Part.Text("*Aggregation group " + id + " is not part of this sketch.*"));
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Text("## " + group.name() + (group.description().isBlank() ? "" : "\n\n" + group.description())));
        aggregations.members(group).forEach(a -> parts.add(table(access, a)));
        return parts;
    }

    private Part table(SketchAccess access, SavedAggregation aggregation) {
        String heading = aggregation.name().isBlank() ? aggregation.aggType() : aggregation.name();
        try {
            AggregatorRun run = aggregations.run(access, aggregation);
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, Object> row : run.rows()) {
                rows.add(List.of(String.valueOf(row.get(run.axis().field())), String.valueOf(row.get("count"))));
            }
            return new Part.Table(heading, run.title(), List.of(run.axis().field(), "count"), rows);
        } catch (ApiException | StoreException e) {
            return new Part.Text("*Aggregation " + heading + " could not be run: " + e.getMessage() + "*");
        }
    }

    private static void textHtml(String markdown, StringBuilder out) {
        List<String> paragraph = new ArrayList<>();
        boolean inList = false;
        for (String line : (markdown + "\n").split("\n", -1)) {
            String trimmed = line.strip();
            int level = heading(trimmed);
            boolean item = trimmed.startsWith("- ") || trimmed.startsWith("* ");
            if (trimmed.isEmpty() || level > 0 || item) {
                flush(paragraph, out);
            }
            if (!item && inList) {
                out.append("</ul>\n");
                inList = false;
            }
            if (level > 0) {
                out.append("<h").append(level).append('>').append(escape(trimmed.substring(level).strip()))
                        .append("</h").append(level).append(">\n");
            } else if (item) {
                if (!inList) {
                    out.append("<ul>\n");
                    inList = true;
                }
                out.append("<li>").append(escape(trimmed.substring(2).strip())).append("</li>\n");
            } else if (!trimmed.isEmpty()) {
                paragraph.add(trimmed);
            }
        }
        flush(paragraph, out);
        if (inList) {
            out.append("</ul>\n");
        }
    }

    private static int heading(String line) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
            level++;
        }
        return level >= 1 && level <= 6 && line.length() > level && line.charAt(level) == ' ' ? level : 0;
    }

    private static void flush(List<String> paragraph, StringBuilder out) {
        if (!paragraph.isEmpty()) {
            out.append("<p>").append(escape(String.join(" ", paragraph))).append("</p>\n");
            paragraph.clear();
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** A file-name-safe form of a title for archive members. */
    static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        slug = slug.length() > 60 ? slug.substring(0, 60) : slug;
        return Optional.of(slug).filter(s -> !s.isEmpty()).orElse("untitled");
    }
}
