package org.timesmith.server.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.AnalysisListener;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.AnalysisRun;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerRegistry;
import org.timesmith.analysis.AnalyzerResources;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.aggregation.AggregationJson;
import org.timesmith.server.aggregation.AggregationService;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.dfiq.DfiqService;
import org.timesmith.server.jobs.JobNodes;
import org.timesmith.server.story.StoryJson;
import org.timesmith.server.story.StoryService;
import org.timesmith.server.timeline.SearchIndex;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;
import org.timesmith.server.timeline.TimelineService;
import org.timesmith.server.view.ViewJson;
import org.timesmith.server.view.ViewService;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs analyzers on timelines (§8): a request creates one session per ready timeline with one
 * PENDING analysis per matching analyzer and queues each analysis as a JobRunr job; the job moves
 * it to STARTED and then DONE (with the analyzer's summary) or ERROR (with the reason), writing the
 * analyzer's log lines as they come. Access is checked when the request arrives (write) and again
 * when the job runs, so a user who lost access meanwhile annotates nothing.
 */
@Service
public class AnalysisService {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisService.class);
    /** Progress is written to the database at most this often (ms), so a fast analyzer does not flood it. */
    private static final long PROGRESS_INTERVAL_MILLIS = 250;

    private final AnalyzerRegistry analyzers;
    private final AnalysisRepository analyses;
    private final TimelineRepository timelines;
    private final TimelineService timelineService;
    private final UserRepository users;
    private final PermissionService permissions;
    private final EventStore store;
    private final JobRequestScheduler scheduler;
    private final ObjectMapper json;

    private final JobNodes jobNodes;
    private final AnalyzerResources resources;
    private final ServerAnalysisContext.Services services;

    public AnalysisService(AnalyzerRegistry analyzers, AnalysisRepository analyses, TimelineRepository timelines,
                           TimelineService timelineService, UserRepository users, PermissionService permissions,
                           EventStore store, JobRequestScheduler scheduler, ObjectMapper json, JobNodes jobNodes,
                           AnalyzerResources resources, ViewService views, ViewJson viewJson,
                           AggregationService aggregations, AggregationJson aggregationJson, StoryService stories,
                           StoryJson storyJson, DfiqService dfiq, TransactionTemplate transactions) {
        this.resources = resources;
        this.services = new ServerAnalysisContext.Services(views, viewJson, aggregations, aggregationJson,
                stories, storyJson, dfiq, transactions, json);
        this.analyzers = analyzers;
        this.analyses = analyses;
        this.timelines = timelines;
        this.timelineService = timelineService;
        this.users = users;
        this.permissions = permissions;
        this.store = store;
        this.scheduler = scheduler;
        this.json = json;
        this.jobNodes = jobNodes;
    }

    /** The analyzers on offer, as {@code GET sketches/{id}/analyzer/} lists them. */
    public List<Map<String, Object>> available() {
        return analyzers.all().stream().map(a -> {
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
                parameter.put("type", p.type().name().toLowerCase(java.util.Locale.ROOT));
                parameter.put("description", p.description());
                parameter.put("required", p.required());
                parameter.put("default", p.defaultValue().orElse(null));
                return parameter;
            }).toList());
            return entry;
        }).toList();
    }

    /** The sessions a run request created (empty when everything had run already), as JSON models. */
    public List<Map<String, Object>> run(SketchAccess access, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request needs timeline_ids and analyzer_names.");
        }
        List<Long> timelineIds = new ArrayList<>();
        JsonNode ids = body.path("timeline_ids");
        if (!ids.isArray() || ids.isEmpty()) {
            throw ApiException.badRequest("timeline_ids must be a non-empty list of timeline ids.");
        }
        ids.forEach(id -> timelineIds.add(WireValues.id(id, "timeline_ids")));
        List<String> patterns = WireValues.stringList(json, body.get("analyzer_names"), "analyzer_names");
        if (patterns.isEmpty()) {
            throw ApiException.badRequest("analyzer_names must name at least one analyzer.");
        }
        List<Analyzer> selected = analyzers.matching(patterns);
        if (selected.isEmpty()) {
            throw ApiException.badRequest("No analyzer matches " + patterns + "; available: "
                    + analyzers.all().stream().map(Analyzer::name).toList());
        }
        JsonNode kwargs = body.path("analyzer_kwargs");
        if (!kwargs.isMissingNode() && !kwargs.isNull() && !kwargs.isObject()) {
            throw ApiException.badRequest("analyzer_kwargs must be an object of analyzer name → kwargs.");
        }
        boolean force = WireValues.bool(body.get("analyzer_force_run"));
        List<Timeline> targets = new ArrayList<>();
        for (long id : new LinkedHashSet<>(timelineIds)) {
            targets.add(timelineService.timelineOf(access, id));
        }
        return queue(access.sketchId(), access.user().id(), targets, selected, kwargs, force);
    }

    /**
     * Runs the analyzers on a timeline whose import has just ended, as its owner and through the
     * same sessions and jobs as a request of the Analyze screen; analyzers that have run on the
     * timeline already are left out. Returns the session created, if any.
     */
    public List<Map<String, Object>> runAfterImport(Timeline timeline, List<String> analyzerNames) {
        List<Analyzer> selected = analyzers.matching(analyzerNames);
        if (selected.isEmpty()) {
            return List.of();
        }
        return queue(timeline.sketchId(), timeline.userId(), List.of(timeline), selected,
                tools.jackson.databind.node.MissingNode.getInstance(), false);
    }

    /** One session per ready timeline with one PENDING analysis per analyzer to run; each queued as a job. */
    private List<Map<String, Object>> queue(long sketchId, long userId, List<Timeline> targets, List<Analyzer> selected,
                                            JsonNode kwargs, boolean force) {
        List<Map<String, Object>> sessions = new ArrayList<>();
        List<Long> queued = new ArrayList<>();
        for (Timeline timeline : targets) {
            if (!Timeline.READY.equals(timeline.status())) {
                continue;
            }
            AnalysisRepository.Session session = null;
            List<Analysis> created = new ArrayList<>();
            for (Analyzer analyzer : selected) {
                if (!force && analyses.hasRun(timeline.id(), analyzer.name())) {
                    continue;
                }
                if (session == null) {
                    session = analyses.createSession(sketchId, userId);
                }
                Analysis analysis = analyses.create(session.id(), sketchId, timeline.id(), userId,
                        analyzer.name(), analyzer.description(), parameters(kwargs.path(analyzer.name()), analyzer.name()));
                created.add(analysis);
                queued.add(analysis.id());
            }
            if (session != null) {
                sessions.add(sessionModel(session, created));
            }
        }
        queued.forEach(id -> scheduler.enqueue(UUID.randomUUID(), new AnalysisJobRequest(id)));
        return sessions;
    }

    private String parameters(JsonNode kwargs, String analyzer) {
        if (kwargs.isMissingNode() || kwargs.isNull()) {
            return "{}";
        }
        if (!kwargs.isObject()) {
            throw ApiException.badRequest("analyzer_kwargs." + analyzer + " must be an object.");
        }
        return json.writeValueAsString(kwargs);
    }

    /** The analyses of a timeline of the sketch, oldest first. */
    public List<Map<String, Object>> ofTimeline(SketchAccess access, long timelineId) {
        Timeline timeline = timelineService.timelineOf(access, timelineId);
        Map<String, Object> timelineJson = timelineModel(timeline);
        Map<Long, Map<String, Object>> userJson = new LinkedHashMap<>();
        return analyses.ofTimeline(timeline.id()).stream()
                .map(a -> analysisModel(a, timelineJson, userJson.computeIfAbsent(a.userId(), this::userModel)))
                .toList();
    }

    /**
     * Timesketch's summary of the sketch's active sessions (those with an analysis still PENDING or
     * STARTED): task counts by status, the session ids and, with {@code includeDetails}, each
     * session as its own envelope, as Timesketch nests them; {@code false} without details.
     */
    public Map<String, Object> activeSessions(SketchAccess access, boolean includeDetails) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of(Analysis.PENDING, Analysis.STARTED, Analysis.ERROR, Analysis.DONE)) {
            counts.put(status, 0L);
        }
        List<Long> ids = new ArrayList<>();
        List<Map<String, Object>> detailed = new ArrayList<>();
        List<AnalysisRepository.Session> active = analyses.activeSessions(access.sketchId());
        for (AnalysisRepository.Session session : active) {
            List<Analysis> inSession = analyses.ofSession(session.id());
            ids.add(session.id());
            inSession.forEach(a -> counts.merge(a.status(), 1L, Long::sum));
            if (includeDetails) {
                Map<String, Object> envelope = new LinkedHashMap<>();
                envelope.put("meta", Map.of());
                envelope.put("objects", List.of(sessionModel(session, inSession)));
                detailed.add(envelope);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_tasks", counts.values().stream().mapToLong(Long::longValue).sum());
        summary.put("total_sessions", active.size());
        summary.put("tasks_status_count", counts);
        summary.put("sessions", ids);
        summary.put("detailed_sessions", includeDetails ? detailed : false);
        return summary;
    }

    /** One analyzer session of the sketch with its analyses (404 if the session belongs to another sketch). */
    public Map<String, Object> session(SketchAccess access, long sessionId) {
        AnalysisRepository.Session session = analyses.session(sessionId).filter(s -> s.sketchId() == access.sketchId())
                .orElseThrow(() -> ApiException.notFound("No analyzer session found with this ID."));
        return sessionModel(session, analyses.ofSession(session.id()));
    }

    /**
     * A node that starts fails the analyses left running by a stopped node (run them again with
     * analyzer_force_run if needed); those another live node is running are left alone.
     */
    @EventListener(value = ApplicationReadyEvent.class,
            condition = "@environment.getProperty('timesmith.background-jobs', 'true') == 'true'")
    public void failInterrupted() {
        Set<Long> runningElsewhere = jobNodes.processingOnLiveNodes().stream()
                .filter(AnalysisJobRequest.class::isInstance)
                .map(request -> ((AnalysisJobRequest) request).analysisId())
                .collect(Collectors.toSet());
        for (Analysis analysis : analyses.withStatus(Analysis.STARTED)) {
            if (!runningElsewhere.contains(analysis.id())) {
                analyses.finish(analysis.id(), Analysis.ERROR, "The server stopped while the analyzer was running.");
            }
        }
    }

    /**
     * Runs one queued analysis (the JobRunr job); records every outcome on the analysis, never throws.
     * The analyzer's findings are buffered and written only if it succeeds ({@link AnalysisRun}), so a
     * failed run (status ERROR, its reason as result) leaves no half-written findings.
     */
    public void execute(long analysisId) {
        Analysis analysis = analyses.byId(analysisId).orElse(null);
        if (analysis == null || !analyses.start(analysisId)) {
            return;
        }
        AnalysisListener listener = listener(analysisId);
        String status = Analysis.ERROR;
        String result;
        String details = null;
        try {
            User user = users.byId(analysis.userId()).filter(User::active)
                    .orElseThrow(() -> new AnalysisException("The user who ran the analyzer no longer exists or is disabled."));
            SketchAccess access = permissions.requireActive(user, analysis.sketchId(), Permission.WRITE);
            Timeline timeline = timelineService.timelineOf(access, analysis.timelineId());
            String index = timelines.index(timeline.searchIndexId()).map(SearchIndex::indexName)
                    .orElseThrow(() -> new AnalysisException("The timeline's search index no longer exists."));
            Analyzer analyzer = analyzers.byName(analysis.analyzerName())
                    .orElseThrow(() -> new AnalysisException("No analyzer named " + analysis.analyzerName() + "."));
            Map<String, Object> kwargs = json.readValue(analysis.parameters(), new TypeReference<LinkedHashMap<String, Object>>() { });
            // A timeline added for a shared index shows events stamped with other timelines' ids.
            Map<Long, String> shownIndices = new LinkedHashMap<>();
            timelineService.eventTimelineIds(timeline).forEach(id -> shownIndices.put(id, index));
            ServerAnalysisContext context = new ServerAnalysisContext(access, analyzer.name(), shownIndices, kwargs,
                    store, listener, resources, services);
            AnalysisResult run = AnalysisRun.run(analyzer, context);
            result = run.summary();
            details = json.writeValueAsString(run.toJson(analysis.sketchId(), analysis.timelineId(), "timesmith"));
            status = run.status() == AnalysisResult.Status.ERROR ? Analysis.ERROR : Analysis.DONE;
        } catch (ApiException | AnalysisException e) {
            result = e.getMessage();
            listener.log("ERROR: " + result);
        } catch (RuntimeException e) {
            LOG.error("analysis {} ({}) failed", analysisId, analysis.analyzerName(), e);
            result = "The analyzer failed: " + e.getMessage();
            listener.log("ERROR: " + result);
        }
        analyses.finish(analysisId, status, result, details);
    }

    private AnalysisListener listener(long analysisId) {
        return new AnalysisListener() {
            private long writtenAt;

            @Override
            public synchronized void log(String line) {
                analyses.appendLog(analysisId, line);
            }

            @Override
            public synchronized void progress(double fraction, long eventsSeen) {
                long now = System.currentTimeMillis();
                if (now - writtenAt >= PROGRESS_INTERVAL_MILLIS || fraction >= 1) {
                    writtenAt = now;
                    analyses.setProgress(analysisId, fraction, eventsSeen);
                }
            }
        };
    }

    private Map<String, Object> sessionModel(AnalysisRepository.Session session, List<Analysis> created) {
        Map<String, Object> user = userModel(session.userId());
        Map<Long, Map<String, Object>> timelineJson = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", session.id());
        model.put("user", user);
        model.put("created_at", session.createdAt());
        model.put("updated_at", session.updatedAt());
        model.put("analyses", created.stream().map(a -> analysisModel(a, timelineJson.computeIfAbsent(a.timelineId(),
                id -> timelines.timeline(id).map(this::timelineModel).orElse(Map.of("id", id))), user)).toList());
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
