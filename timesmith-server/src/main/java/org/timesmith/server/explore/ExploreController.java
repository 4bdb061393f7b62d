package org.timesmith.server.explore;

import static org.timesmith.server.access.Permission.READ;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/sketches/{id}/explore/} (§10): search, count and the contract's ZIP export;
 * {@code POST /api/v1/sketches/{id}/explore/export/?format=jsonl|csv}: every result of the same
 * request body streamed as one JSON Lines or CSV download (the web UI's export, never capped), also
 * as {@code GET} with the body in the {@code request} parameter.
 */
@RestController
class ExploreController {

    private final ExploreQueries queries;
    private final ExploreSearch search;
    private final ExportWriter export;
    private final ObjectMapper json;
    private final DataFinder dataFinder;
    private final SearchHistoryService history;

    ExploreController(ExploreQueries queries, ExploreSearch search, ExportWriter export, ObjectMapper json,
                      DataFinder dataFinder, SearchHistoryService history) {
        this.dataFinder = dataFinder;
        this.json = json;
        this.history = history;
        this.queries = queries;
        this.search = search;
        this.export = export;
    }

    @PostMapping("/api/v1/sketches/{sketchId}/explore")
    Map<String, Object> explore(@RequestBody(required = false) JsonNode body, HttpServletResponse response,
                                @ActiveSketchPermission(READ) SketchAccess access) throws IOException {
        ExploreQuery query = queries.parse(access, body);
        if (query.count()) {
            return search.count(query);
        }
        if (query.fileName().isPresent()) {
            response.setStatus(200);
            response.setContentType("application/zip");
            response.setHeader("Content-Disposition", "attachment; filename=\"timesketch_export.zip\"");
            export.write(query, response.getOutputStream());
            response.flushBuffer();
            return null;
        }
        Map<String, Object> page = search.page(query);
        if (!query.continuation() && query.request().from() == 0) {
            history.record(query, page);
        }
        return page;
    }

    /**
     * Timesketch's wildcard explore: the same search with {@code use_wildcard_fields} set, so
     * {@code *part*} patterns match inside values (the embedded store matches wildcards anywhere).
     */
    @PostMapping("/api/v1/sketches/{sketchId}/explore_wildcard")
    Map<String, Object> exploreWildcard(@RequestBody(required = false) JsonNode body, HttpServletResponse response,
                                        @ActiveSketchPermission(READ) SketchAccess access) throws IOException {
        return explore(body, response, access);
    }

    /** Timesketch's data finder: does a time range hold what the named rules look for. */
    @PostMapping("/api/v1/sketches/{sketchId}/data/find")
    Map<String, Object> findData(@RequestBody(required = false) JsonNode body,
                                 @ActiveSketchPermission(READ) SketchAccess access) {
        JsonNode form = body == null ? json.createObjectNode() : body;
        List<Long> timelineIds = new ArrayList<>();
        form.path("timeline_ids").forEach(id -> timelineIds.add(WireValues.id(id, "timeline_ids")));
        List<String> ruleNames = new ArrayList<>();
        if (form.has("rule_names") && !form.get("rule_names").isArray()) {
            throw ApiException.badRequest("Rule names needs to a list");
        }
        form.path("rule_names").forEach(name -> ruleNames.add(name.asString()));
        List<Map<String, List<Object>>> results = dataFinder.find(access, form.path("start_date").asString(null),
                form.path("end_date").asString(null), timelineIds, ruleNames);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("meta", Map.of("rules", ruleNames));
        response.put("objects", results);
        return response;
    }

    /** Timesketch's {@code exportstream/}: every match as JSON Lines, the client's requested fields only. */
    @PostMapping("/api/v1/sketches/{sketchId}/exportstream")
    void exportStream(@RequestBody(required = false) JsonNode body, HttpServletResponse response,
                      @ActiveSketchPermission(READ) SketchAccess access) throws IOException {
        streamExport(access, "jsonl", body, response);
    }

    @PostMapping("/api/v1/sketches/{sketchId}/explore/export")
    void export(@RequestParam(name = "format", defaultValue = "jsonl") String format,
                @RequestBody(required = false) JsonNode body, HttpServletResponse response,
                @ActiveSketchPermission(READ) SketchAccess access) throws IOException {
        streamExport(access, format, body, response);
    }

    /**
     * The same export with the request body in the {@code request} parameter, so a browser can
     * save it with a plain link: the download streams to disk instead of into page memory.
     */
    @GetMapping("/api/v1/sketches/{sketchId}/explore/export")
    void exportByLink(@RequestParam(name = "format", defaultValue = "jsonl") String format,
                      @RequestParam(name = "request", defaultValue = "{}") String request,
                      HttpServletResponse response,
                      @ActiveSketchPermission(READ) SketchAccess access) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(request);
        } catch (JacksonException e) {
            throw ApiException.badRequest("The request parameter is not valid JSON: " + e.getOriginalMessage());
        }
        streamExport(access, format, body, response);
    }

    private void streamExport(SketchAccess access, String format, JsonNode body, HttpServletResponse response)
            throws IOException {
        boolean jsonl = switch (format) {
            case "jsonl" -> true;
            case "csv" -> false;
            default -> throw ApiException.badRequest("Unknown export format " + format + ": use jsonl or csv.");
        };
        ExploreQuery query = queries.parse(access, body);
        response.setStatus(200);
        response.setContentType(jsonl ? "application/x-ndjson" : "text/csv; charset=utf-8");
        response.setHeader("Content-Disposition",
                "attachment; filename=\"sketch-" + access.sketchId() + "-results." + format + "\"");
        if (jsonl) {
            export.writeJsonl(query, response.getOutputStream());
        } else {
            export.writeCsv(query, response.getOutputStream());
        }
        response.flushBuffer();
    }
}
