package org.timesmith.server.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisListener;
import org.timesmith.analysis.AnalyzerResources;
import org.timesmith.analysis.BufferedAnalysisContext;
import org.timesmith.analysis.Findings;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.aggregation.AggregationJson;
import org.timesmith.server.aggregation.AggregationService;
import org.timesmith.server.annotation.EventService;
import org.timesmith.server.dfiq.DfiqService;
import org.timesmith.server.story.StoryJson;
import org.timesmith.server.story.StoryService;
import org.timesmith.server.view.ViewJson;
import org.timesmith.server.view.ViewService;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The analyzer context of a server run: the run's findings become saved searches, aggregations,
 * stories, DFIQ questions and automated conclusions with their fact links through the feature
 * services, all in one metadata transaction at commit, as the user who ran the analyzer (whose
 * write access {@link AnalysisService} checked when the job started). If the annotations fail
 * afterwards, {@link #deleteObjects} removes what the transaction created.
 */
final class ServerAnalysisContext extends BufferedAnalysisContext {

    /** Slices a parallel read uses at once; the server shares its cores with web requests and imports. */
    private static final int PARALLELISM = 2;

    /** What the services need to create the objects. */
    record Services(ViewService views, ViewJson viewJson, AggregationService aggregations,
                    AggregationJson aggregationJson, StoryService stories, StoryJson storyJson, DfiqService dfiq,
                    TransactionTemplate transactions, ObjectMapper json) {
    }

    private final SketchAccess access;
    private final String analyzerName;
    private final Services services;
    /** Conclusions the last commit found rather than created (not deleted on undo). */
    private final java.util.Set<Long> reusedConclusions = new java.util.HashSet<>();

    ServerAnalysisContext(SketchAccess access, String analyzerName, Map<Long, String> timelineIndices,
                          Map<String, Object> kwargs, EventStore store, AnalysisListener listener,
                          AnalyzerResources resources, Services services) {
        super(access.sketchId(), timelineIndices, kwargs, store, listener, resources, PARALLELISM);
        this.access = access;
        this.analyzerName = analyzerName;
        this.services = services;
    }

    @Override
    protected long userId() {
        return access.user().id();
    }

    @Override
    protected OptionalLong existingQuestion(String text) {
        return services.dfiq().questionByText(access, text).map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    @Override
    protected Map<Integer, Long> createObjects(Findings findings) {
        ObjectMapper json = services.json();
        return services.transactions().execute(tx -> {
            Map<Integer, Long> ids = new HashMap<>();
            for (Findings.SavedSearch s : findings.savedSearches()) {
                ObjectNode body = json.createObjectNode().put("name", s.name()).put("query", s.query())
                        .put("description", s.description());
                ids.put(s.key(), services.views().create(access, services.viewJson().fields(body)).id());
            }
            for (Findings.Aggregation a : findings.aggregations()) {
                ObjectNode body = json.createObjectNode().put("name", a.name()).put("agg_type", a.aggregator())
                        .put("parameters", json.writeValueAsString(a.parameters())).put("chart_type", a.chartType());
                ids.put(a.key(), services.aggregations().create(access, services.aggregationJson().fields(access, body)).id());
            }
            for (Findings.Story s : findings.stories()) {
                ArrayNode blocks = json.createArrayNode();
                s.blocks().forEach(text -> blocks.add(StoryJson.textBlock(json, text)));
                ObjectNode body = json.createObjectNode().put("title", s.title()).put("content", json.writeValueAsString(blocks));
                ids.put(s.key(), services.stories().create(access, services.storyJson().fields(body)).id());
            }
            for (Findings.Question q : findings.questions()) {
                long id = q.existingId().isPresent() ? q.existingId().getAsLong()
                        : services.dfiq().addAnalyzerQuestion(access, q.text());
                ids.put(q.key(), id);
                // the status (pending-review) is set below, only where a conclusion is new: a question an
                // analyst has verified stays verified when a later run finds nothing new
                q.marks().ifPresent(m -> services.dfiq().markAnalyzerQuestion(access, id, m.priority(), Optional.empty(),
                        m.attributes()));
            }
            Set<Integer> newlyConcluded = new HashSet<>();
            reusedConclusions.clear();
            for (Findings.Conclusion c : findings.conclusions()) {
                List<EventService.EventRef> facts = c.facts().stream()
                        .map(f -> new EventService.EventRef(f.index(), f.id())).toList();
                long questionId = ids.get(c.questionKey());
                if (c.marks().isEmpty()) {
                    ids.put(c.key(), services.dfiq().addAnalyzerConclusion(access, questionId, c.text(), analyzerName,
                            facts));
                    continue;
                }
                AnalysisContext.ConclusionMarks m = c.marks().get();
                Map.Entry<Long, Boolean> added = services.dfiq().addMarkedConclusion(access, questionId, c.text(),
                        m.source(), m.status(), m.priority(), json.writeValueAsString(m.attributes()), facts);
                ids.put(c.key(), added.getKey());
                if (!added.getValue()) {
                    reusedConclusions.add(added.getKey());
                } else {
                    newlyConcluded.add(c.questionKey());
                }
            }
            for (Findings.Question q : findings.questions()) {
                Optional<String> status = q.marks().flatMap(AnalysisContext.QuestionMarks::status);
                if (status.isPresent() && (q.existingId().isEmpty() || newlyConcluded.contains(q.key()))) {
                    services.dfiq().markAnalyzerQuestion(access, ids.get(q.key()), Optional.empty(), status, Map.of());
                }
            }
            return ids;
        });
    }

    @Override
    protected void deleteObjects(Findings findings, Map<Integer, Long> ids) {
        services.transactions().executeWithoutResult(tx -> {
            // a conclusion the sketch had before keeps existing (the fact links this run added stay: known limit)
            findings.conclusions().stream().filter(c -> !reusedConclusions.contains(ids.get(c.key())))
                    .forEach(c -> services.dfiq().deleteAnalyzerConclusion(access, ids.get(c.key())));
            findings.questions().stream().filter(q -> q.existingId().isEmpty())
                    .forEach(q -> services.dfiq().deleteAnalyzerQuestion(access, ids.get(q.key())));
            findings.stories().forEach(s -> services.stories().delete(access, ids.get(s.key())));
            findings.aggregations().forEach(a -> services.aggregations().delete(access, ids.get(a.key())));
            findings.savedSearches().forEach(s -> services.views().delete(access, ids.get(s.key())));
        });
    }

}
