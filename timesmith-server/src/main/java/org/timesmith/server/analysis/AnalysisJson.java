package org.timesmith.server.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.analysis.Analyzer;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Analyzer runs on the wire (§8): the run request decoded into {@link AnalysisRuns.Request}, the
 * analyzer list, and sessions and analyses in Timesketch's shapes (status as a one-element list,
 * parameters as a JSON string, the active-session summary nested as Timesketch nests it).
 */
@Component
class AnalysisJson {

    private final UserRepository users;
    private final TimelineRepository timelines;
    private final ObjectMapper json;

    AnalysisJson(UserRepository users, TimelineRepository timelines, ObjectMapper json) {
        this.users = users;
        this.timelines = timelines;
        this.json = json;
    }

    /**
     * A run request: {@code timeline_ids} (a non-empty list), {@code analyzer_names} (at least one),
     * {@code analyzer_kwargs} (analyzer name → object) and {@code analyzer_force_run}; 400 otherwise.
     */
    AnalysisRuns.Request runRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request needs timeline_ids and analyzer_names.");
        }
        JsonNode ids = body.path("timeline_ids");
        if (!ids.isArray() || ids.isEmpty()) {
            throw ApiException.badRequest("timeline_ids must be a non-empty list of timeline ids.");
        }
        List<Long> timelineIds = new ArrayList<>();
        ids.forEach(id -> timelineIds.add(WireValues.id(id, "timeline_ids")));
        List<String> names = WireValues.stringList(json, body.get("analyzer_names"), "analyzer_names");
        if (names.isEmpty()) {
            throw ApiException.badRequest("analyzer_names must name at least one analyzer.");
        }
        JsonNode kwargs = body.path("analyzer_kwargs");
        if (!kwargs.isMissingNode() && !kwargs.isNull() && !kwargs.isObject()) {
            throw ApiException.badRequest("analyzer_kwargs must be an object of analyzer name → kwargs.");
        }
        Map<String, String> byAnalyzer = new LinkedHashMap<>();
        if (kwargs.isObject()) {
            for (Map.Entry<String, JsonNode> entry : kwargs.properties()) {
                JsonNode value = entry.getValue();
                if (value.isNull()) {
                    continue;
                }
                if (!value.isObject()) {
                    throw ApiException.badRequest("analyzer_kwargs." + entry.getKey() + " must be an object.");
                }
                byAnalyzer.put(entry.getKey(), json.writeValueAsString(value));
            }
        }
        return new AnalysisRuns.Request(timelineIds, names, byAnalyzer, WireValues.bool(body.get("analyzer_force_run")));
    }

    /** The analyzers on offer, as {@code GET sketches/{id}/analyzer/} lists them. */
    List<Map<String, Object>> analyzers(List<Analyzer> analyzers) {
        return analyzers.stream().map(a -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", a.name());
            entry.put("display_name", a.displayName());
            entry.put("description", a.description());
            entry.put("is_multi", a.isMulti());
            entry.put("is_dfiq", false);
            // Timesmith: the keyword arguments the analyzer declares, for typed fields in the web UI.
            entry.put("parameters", a.parameters().stream().map(p -> {
                Map<String, Object> parameter = new LinkedHashMap<>();
                parameter.put("name", p.name());
                parameter.put("type", p.type().name().toLowerCase(Locale.ROOT));
                parameter.put("description", p.description());
                parameter.put("required", p.required());
                parameter.put("default", p.defaultValue().orElse(null));
                return parameter;
            }).toList());
            return entry;
        }).toList();
    }

    /** A timeline's analyses, each with the timeline and the user who ran it. */
    List<Map<String, Object>> ofTimeline(AnalysisRuns.OfTimeline of) {
        Map<String, Object> timeline = timelineModel(of.timeline());
        Map<Long, Map<String, Object>> byUser = new LinkedHashMap<>();
        return of.analyses().stream()
                .map(a -> analysisModel(a, timeline, byUser.computeIfAbsent(a.userId(), this::userModel)))
                .toList();
    }

    /**
     * Timesketch's summary of active sessions: task counts by status, the session ids and, with
     * {@code includeDetails}, each session as its own envelope; {@code false} without details.
     */
    Map<String, Object> activeSessions(AnalysisRuns.Active active, boolean includeDetails) {
        List<Long> ids = new ArrayList<>();
        List<Map<String, Object>> detailed = new ArrayList<>();
        for (AnalysisRuns.SessionRun run : active.sessions()) {
            ids.add(run.session().id());
            if (includeDetails) {
                Map<String, Object> envelope = new LinkedHashMap<>();
                envelope.put("meta", Map.of());
                envelope.put("objects", List.of(session(run)));
                detailed.add(envelope);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_tasks", active.counts().values().stream().mapToLong(Long::longValue).sum());
        summary.put("total_sessions", active.sessions().size());
        summary.put("tasks_status_count", active.counts());
        summary.put("sessions", ids);
        summary.put("detailed_sessions", includeDetails ? detailed : false);
        return summary;
    }

    /** A session with its analyses. */
    Map<String, Object> session(AnalysisRuns.SessionRun run) {
        AnalysisRepository.Session session = run.session();
        Map<String, Object> user = userModel(session.userId());
        Map<Long, Map<String, Object>> byTimeline = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", session.id());
        model.put("user", user);
        model.put("created_at", session.createdAt());
        model.put("updated_at", session.updatedAt());
        model.put("analyses", run.analyses().stream().map(a -> analysisModel(a, byTimeline.computeIfAbsent(
                a.timelineId(), id -> timelines.timeline(id).map(this::timelineModel).orElse(Map.of("id", id))),
                user)).toList());
        return model;
    }

    /** Timesketch's {@code analysis_fields}: status as a one-element list, parameters as a JSON string. */
    private Map<String, Object> analysisModel(Analysis a, Map<String, Object> timeline, Map<String, Object> user) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", a.id());
        status.put("status", a.status());
        status.put("created_at", a.createdAt());
        status.put("updated_at", a.updatedAt());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", a.id());
        model.put("analyzer_name", a.analyzerName());
        model.put("description", a.description());
        model.put("parameters", a.parameters());
        model.put("result", a.result().orElse(null));
        // Timesmith: the structured result beside Timesketch's string summary (docs/analyzers.md).
        model.put("result_details", a.resultDetails().map(d -> (Object) json.readTree(d)).orElse(null));
        model.put("progress", a.progress());
        model.put("log", a.log());
        model.put("events_done", a.eventsDone());
        model.put("status", List.of(status));
        model.put("analysissession_id", a.sessionId());
        model.put("timeline", timeline);
        model.put("user", user);
        model.put("created_at", a.createdAt());
        model.put("updated_at", a.updatedAt());
        return model;
    }

    private Map<String, Object> timelineModel(Timeline timeline) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", timeline.id());
        model.put("name", timeline.name());
        model.put("description", timeline.description());
        model.put("status", List.of(Map.of("status", timeline.status())));
        model.put("deleted", false);
        model.put("user", userModel(timeline.userId()));
        return model;
    }

    private Map<String, Object> userModel(long userId) {
        return users.byId(userId).map(User::toJson).orElseGet(() -> {
            Map<String, Object> unknown = new LinkedHashMap<>();
            unknown.put("id", userId);
            unknown.put("username", null);
            return unknown;
        });
    }
}
