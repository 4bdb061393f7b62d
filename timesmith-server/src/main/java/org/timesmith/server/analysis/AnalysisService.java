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

    /** The analyzers on offer. */
    List<Analyzer> available() {
        return analyzers.all();
    }

    /**
     * Creates a session per ready timeline with a PENDING analysis per matching analyzer that has
     * not run on it (or every one with {@code force}) and queues them; the sessions created (none
     * when everything had run already).
     */
    List<AnalysisRuns.SessionRun> run(SketchAccess access, AnalysisRuns.Request request) {
        List<Analyzer> selected = analyzers.matching(request.analyzerNames());
        if (selected.isEmpty()) {
            throw ApiException.badRequest("No analyzer matches " + request.analyzerNames() + "; available: "
                    + analyzers.all().stream().map(Analyzer::name).toList());
        }
        List<Timeline> targets = new ArrayList<>();
        for (long id : new LinkedHashSet<>(request.timelineIds())) {
            targets.add(timelineService.timelineOf(access, id));
        }
        return queue(access.sketchId(), access.user().id(), targets, selected, request);
    }

    /**
     * Runs the analyzers on a timeline whose import has just ended, as its owner and through the
     * same sessions and jobs as a request of the Analyze screen; analyzers that have run on the
     * timeline already are left out. Returns the session created, if any.
     */
    public List<AnalysisRuns.SessionRun> runAfterImport(Timeline timeline, List<String> analyzerNames) {
        List<Analyzer> selected = analyzers.matching(analyzerNames);
        if (selected.isEmpty()) {
            return List.of();
        }
        return queue(timeline.sketchId(), timeline.userId(), List.of(timeline), selected,
                new AnalysisRuns.Request(List.of(timeline.id()), analyzerNames, Map.of(), false));
    }

    /** One session per ready timeline with one PENDING analysis per analyzer to run; each queued as a job. */
    private List<AnalysisRuns.SessionRun> queue(long sketchId, long userId, List<Timeline> targets,
                                                List<Analyzer> selected, AnalysisRuns.Request request) {
        List<AnalysisRuns.SessionRun> sessions = new ArrayList<>();
        List<Long> queued = new ArrayList<>();
        Set<String> sketchWideQueued = new java.util.HashSet<>();
        for (Timeline timeline : targets) {
            if (!Timeline.READY.equals(timeline.status())) {
                continue;
            }
            AnalysisRepository.Session session = null;
            List<Analysis> created = new ArrayList<>();
            for (Analyzer analyzer : selected) {
                // a sketch-wide analyzer runs once per request, recorded on the first ready timeline
                if (analyzer.sketchWide() && !sketchWideQueued.add(analyzer.name())) {
                    continue;
                }
                if (!request.force() && analyses.hasRun(timeline.id(), analyzer.name())) {
                    continue;
                }
                if (session == null) {
                    session = analyses.createSession(sketchId, userId);
                }
                Analysis analysis = analyses.create(session.id(), sketchId, timeline.id(), userId,
                        analyzer.name(), analyzer.description(), request.kwargsOf(analyzer.name()));
                created.add(analysis);
                queued.add(analysis.id());
            }
            if (session != null) {
                sessions.add(new AnalysisRuns.SessionRun(session, created));
            }
        }
        queued.forEach(id -> scheduler.enqueue(UUID.randomUUID(), new AnalysisJobRequest(id)));
        return sessions;
    }

    /** The analyses of a timeline of the sketch, oldest first. */
    AnalysisRuns.OfTimeline ofTimeline(SketchAccess access, long timelineId) {
        Timeline timeline = timelineService.timelineOf(access, timelineId);
        return new AnalysisRuns.OfTimeline(timeline, analyses.ofTimeline(timeline.id()));
    }

    /** The sketch's sessions with an analysis still PENDING or STARTED, and their analyses counted by status. */
    AnalysisRuns.Active activeSessions(SketchAccess access) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of(Analysis.PENDING, Analysis.STARTED, Analysis.ERROR, Analysis.DONE)) {
            counts.put(status, 0L);
        }
        List<AnalysisRuns.SessionRun> sessions = new ArrayList<>();
        for (AnalysisRepository.Session session : analyses.activeSessions(access.sketchId())) {
            List<Analysis> inSession = analyses.ofSession(session.id());
            inSession.forEach(a -> counts.merge(a.status(), 1L, Long::sum));
            sessions.add(new AnalysisRuns.SessionRun(session, inSession));
        }
        return new AnalysisRuns.Active(counts, sessions);
    }

    /** One analyzer session of the sketch with its analyses (404 if the session belongs to another sketch). */
    AnalysisRuns.SessionRun session(SketchAccess access, long sessionId) {
        AnalysisRepository.Session session = analyses.session(sessionId).filter(s -> s.sketchId() == access.sketchId())
                .orElseThrow(() -> ApiException.notFound("No analyzer session found with this ID."));
        return new AnalysisRuns.SessionRun(session, analyses.ofSession(session.id()));
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
            if (analyzer.sketchWide()) {
                shownIndices.putAll(readyTimelineIndices(access, timeline));
            }
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

    /** The events of every other ready timeline of the sketch (a sketch-wide run), by event timeline id. */
    private Map<Long, String> readyTimelineIndices(SketchAccess access, Timeline first) {
        Map<Long, String> indices = new LinkedHashMap<>();
        for (Timeline other : timelineService.timelines(access)) {
            if (other.id() == first.id() || !Timeline.READY.equals(other.status())) {
                continue;
            }
            timelines.index(other.searchIndexId()).map(SearchIndex::indexName).ifPresent(index ->
                    timelineService.eventTimelineIds(other).forEach(id -> indices.putIfAbsent(id, index)));
        }
        return indices;
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
}
