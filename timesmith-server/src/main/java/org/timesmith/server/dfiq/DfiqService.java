package org.timesmith.server.dfiq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.annotation.EventService;
import org.timesmith.server.annotation.FactAnnotator;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.dfiq.DfiqRecords.Conclusion;
import org.timesmith.server.dfiq.DfiqRecords.Described;
import org.timesmith.server.dfiq.DfiqRecords.Facet;
import org.timesmith.server.dfiq.DfiqRecords.Label;
import org.timesmith.server.dfiq.DfiqRecords.Question;
import org.timesmith.server.dfiq.DfiqRecords.Scenario;
import org.timesmith.server.searchtemplate.SearchTemplate;
import org.timesmith.server.searchtemplate.SearchTemplateService;
import tools.jackson.databind.ObjectMapper;

/**
 * A sketch's DFIQ work: adding scenarios and questions from the library (with their facets,
 * questions and approaches, whose query steps link to search templates), the user's own questions,
 * question status, priority and attributes, conclusions and the events they rest on. The wire
 * models of Timesketch's {@code scenario}, {@code facet}, {@code investigativequestion},
 * {@code investigativequestionapproach} and {@code investigativequestionconclusion} are
 * {@link DfiqJson}'s. Callers have done the sketch permission check; every lookup is scoped to the sketch, so an id of another sketch
 * is not found (404).
 */
@Service
public class DfiqService implements FactAnnotator {

    /** The statuses of a question (and of a conclusion), as Timesketch allows them. */
    public static final Set<String> STATUSES = Set.of("new", "pending-review", "verified", "rejected");
    /** The priority labels of a question. */
    public static final List<String> PRIORITY_LABELS = List.of("__ts_priority_low", "__ts_priority_medium",
            "__ts_priority_high");
    /** The sources an API client may give a conclusion; analyzers' conclusions carry {@code ANALYZER}. */
    public static final Set<String> SOURCES = Set.of("USER", "AI_GENERATED");
    static final String PRIORITY_PREFIX = "__ts_priority_";
    private static final Logger LOG = LoggerFactory.getLogger(DfiqService.class);

    private final DfiqLibrary library;
    private final DfiqRepository repository;
    private final SearchTemplateService templates;
    private final TransactionTemplate transactions;
    private final EventService events;
    private final ObjectMapper json;

    public DfiqService(DfiqLibrary library, DfiqRepository repository, SearchTemplateService templates,
                       TransactionTemplate transactions, EventService events, ObjectMapper json) {
        this.events = events;
        this.library = library;
        this.repository = repository;
        this.templates = templates;
        this.transactions = transactions;
        this.json = json;
    }

    // The library

    /** The library's scenarios as Timesketch lists them ({@code scenarios/}); empty without a library. */
    public List<Map<String, Object>> scenarioTemplates() {
        return library.catalog().map(c -> c.all(DfiqTemplate.Type.SCENARIO).stream().map(c::json).toList())
                .orElse(List.of());
    }

    /** The library's questions ({@code questions/}); empty without a library. */
    public List<Map<String, Object>> questionTemplates() {
        return library.catalog().map(c -> c.all(DfiqTemplate.Type.QUESTION).stream().map(c::json).toList())
                .orElse(List.of());
    }

    /** On start, every query step of the library's approaches becomes (or updates) a public search template. */
    @EventListener(ApplicationReadyEvent.class)
    public void syncLibraryTemplates() {
        library.catalog().ifPresent(catalog -> {
            int count = 0;
            for (DfiqTemplate question : catalog.all(DfiqTemplate.Type.QUESTION)) {
                for (int a = 0; a < question.approaches().size(); a++) {
                    count += templatesFor(question, a).size();
                }
            }
            LOG.info("DFIQ library: {} search templates from approaches' query steps", count);
        });
    }

    /**
     * The search templates of one approach: {@code opensearch-query} steps become public templates
     * (their uuid derived from the question, approach and step, so it stays the same across
     * restarts and nodes); a {@code timesketch-searchtemplate} step links the template of that uuid
     * if the server has it.
     */
    List<SearchTemplate> templatesFor(DfiqTemplate question, int approachIndex) {
        DfiqApproach approach = question.approaches().get(approachIndex);
        List<SearchTemplate> found = new ArrayList<>();
        for (DfiqApproach.QueryStep step : approach.querySteps()) {
            if (step.namesTemplate()) {
                templates.byUuid(step.value()).ifPresent(found::add);
                continue;
            }
            String uuid = UUID.nameUUIDFromBytes(("dfiq:" + question.uuid() + ":" + approachIndex + ":" + step.index())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            String name = step.name().isEmpty() ? approach.name() : step.name();
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("dfiq_question_uuid", question.uuid());
            spec.put("dfiq_question_id", question.dfiqId().orElse(null));
            spec.put("approach", approach.name());
            spec.put("step", approach.spec().path("steps").get(step.index()));
            found.add(templates.libraryTemplate(uuid, name, question.dfiqId().orElse(""),
                    question.name() + " (" + approach.name() + ")", step.value(), spec));
        }
        return found;
    }

    private DfiqCatalog catalog() {
        return library.catalog().orElseThrow(() -> ApiException.notFound("DFIQ is not configured on this server"));
    }

    // Scenarios

    public List<Scenario> scenarios(SketchAccess access, Optional<String> status) {
        return repository.scenarios(access.sketchId(), status.filter(s -> !s.isBlank()));
    }

    public Scenario scenario(SketchAccess access, long scenarioId) {
        return repository.scenario(access.sketchId(), scenarioId)
                .orElseThrow(() -> ApiException.notFound("No scenario found with this ID"));
    }

    /**
     * Adds a scenario from the library, found by {@code uuid}, else {@code dfiq_id}, else its
     * {@code display_name}; with its facets, their questions and the scenario's own questions.
     */
    Scenario addScenario(SketchAccess access, DfiqForms.ScenarioPick pick) {
        DfiqCatalog catalog = catalog();
        Optional<String> uuid = pick.uuid();
        Optional<String> dfiqId = pick.dfiqId();
        Optional<String> displayName = pick.displayName();
        Optional<DfiqTemplate> template;
        if (uuid.isPresent()) {
            template = catalog.byUuid(uuid.get());
        } else if (dfiqId.isPresent()) {
            template = catalog.byId(dfiqId.get());
        } else if (displayName.isPresent()) {
            template = catalog.all(DfiqTemplate.Type.SCENARIO).stream()
                    .filter(s -> s.name().equals(displayName.get())).findFirst();
        } else {
            throw ApiException.badRequest("uuid, dfiq_id or display_name of a scenario template is needed.");
        }
        DfiqTemplate scenario = template.filter(t -> t.type() == DfiqTemplate.Type.SCENARIO)
                .orElseThrow(() -> ApiException.notFound("No scenario template found matching the provided data."));
        long userId = access.user().id();
        long sketchId = access.sketchId();
        long id = transactions.execute(status -> {
            long scenarioId = repository.insertScenario(sketchId, userId,
                    described(catalog, scenario, displayName.orElse(scenario.name())));
            for (DfiqTemplate facet : catalog.children(scenario, DfiqTemplate.Type.FACET)) {
                long facetId = repository.insertFacet(sketchId, scenarioId, userId, described(catalog, facet, facet.name()));
                for (DfiqTemplate question : catalog.children(facet, DfiqTemplate.Type.QUESTION)) {
                    insertQuestion(access, catalog, question, Optional.empty(), Optional.of(facetId));
                }
            }
            for (DfiqTemplate question : catalog.children(scenario, DfiqTemplate.Type.QUESTION)) {
                insertQuestion(access, catalog, question, Optional.of(scenarioId), Optional.empty());
            }
            return scenarioId;
        });
        return scenario(access, id);
    }

    /** Timesketch's rename: {@code {"scenario_name": "..."}} sets the display name. */
    Scenario renameScenario(SketchAccess access, Scenario scenario, String name) {
        repository.renameScenario(access.sketchId(), scenario.id(), name);
        return scenario(access, scenario.id());
    }

    /** Sets the scenario's status when one is given (DfiqJson checked its length). */
    Scenario setScenarioStatus(SketchAccess access, Scenario scenario, Optional<String> status) {
        status.ifPresent(s -> repository.setScenarioStatus(access.sketchId(), scenario.id(), s));
        return scenario(access, scenario.id());
    }

    public List<Facet> facets(SketchAccess access, long scenarioId) {
        scenario(access, scenarioId);
        return repository.facets(access.sketchId(), scenarioId);
    }

    // Questions

    public List<Question> orphanQuestions(SketchAccess access) {
        return repository.orphanQuestions(access.sketchId());
    }

    public List<Question> scenarioQuestions(SketchAccess access, long scenarioId) {
        scenario(access, scenarioId);
        return repository.scenarioQuestions(access.sketchId(), scenarioId);
    }

    public List<Question> facetQuestions(SketchAccess access, long scenarioId, long facetId) {
        scenario(access, scenarioId);
        Facet facet = repository.facet(access.sketchId(), facetId).filter(f -> f.scenarioId() == scenarioId)
                .orElseThrow(() -> ApiException.notFound("No facet found with this ID in this scenario"));
        return repository.facetQuestions(access.sketchId(), facet.id());
    }

    public Question question(SketchAccess access, long questionId) {
        return repository.question(access.sketchId(), questionId)
                .orElseThrow(() -> ApiException.notFound("No question found with this ID"));
    }

    /**
     * A question from the library ({@code uuid} or {@code template_id}) or the user's own
     * ({@code question_text}), optionally under {@code scenario_id} and/or {@code facet_id} of this sketch.
     */
    Question addQuestion(SketchAccess access, DfiqForms.QuestionForm form) {
        Optional<Long> scenarioId = form.scenarioId();
        Optional<Long> facetId = form.facetId();
        scenarioId.ifPresent(id -> scenario(access, id));
        facetId.ifPresent(id -> repository.facet(access.sketchId(), id)
                .orElseThrow(() -> ApiException.notFound("No facet found with this ID")));
        Optional<String> uuid = form.uuid();
        Optional<String> templateId = form.templateId();
        if (uuid.isPresent() || templateId.isPresent()) {
            DfiqCatalog catalog = catalog();
            DfiqTemplate template = (uuid.isPresent() ? catalog.byUuid(uuid.get()) : catalog.byId(templateId.get()))
                    .filter(t -> t.type() == DfiqTemplate.Type.QUESTION)
                    .orElseThrow(() -> ApiException.notFound("DFIQ Question template not found."));
            long id = transactions.execute(status -> insertQuestion(access, catalog, template, scenarioId, facetId));
            return question(access, id);
        }
        String text = form.text();
        if (text.isEmpty()) {
            throw ApiException.badRequest("Question is missing");
        }
        long id = repository.insertQuestion(access.sketchId(), scenarioId, facetId, access.user().id(),
                new Described(Optional.empty(), Optional.of(UUID.randomUUID().toString()), text, text, Optional.empty(),
                        Optional.empty()));
        return question(access, id);
    }

    private long insertQuestion(SketchAccess access, DfiqCatalog catalog, DfiqTemplate template,
                                Optional<Long> scenarioId, Optional<Long> facetId) {
        long userId = access.user().id();
        long questionId = repository.insertQuestion(access.sketchId(), scenarioId, facetId, userId,
                described(catalog, template, template.name()));
        for (int i = 0; i < template.approaches().size(); i++) {
            DfiqApproach approach = template.approaches().get(i);
            long approachId = repository.insertApproach(questionId, userId, new Described(Optional.empty(),
                    Optional.empty(), approach.name(), approach.name(), approach.description(),
                    Optional.of(json.writeValueAsString(DfiqCatalog.approachJson(approach)))));
            List<SearchTemplate> linked = templatesFor(template, i);
            for (int order = 0; order < linked.size(); order++) {
                repository.linkTemplate(approachId, linked.get(order).id(), order);
            }
        }
        return questionId;
    }

    /** Timesketch's question update: attributes, status, name, display_name, description, priority. */
    Question updateQuestion(SketchAccess access, Question question, DfiqForms.QuestionUpdate update) {
        long questionId = question.id();
        long userId = access.user().id();
        transactions.executeWithoutResult(tx -> {
            for (DfiqForms.QuestionAttribute attribute : update.attributes()) {
                repository.addAttribute(questionId, attribute.name(), attribute.value(), attribute.ontology(),
                        attribute.description(), userId);
            }
            update.status().ifPresent(s -> repository.setQuestionStatus(access.sketchId(), questionId, s));
            if (update.name().isPresent() || update.displayName().isPresent() || update.description().isPresent()) {
                repository.updateQuestion(access.sketchId(), questionId, update.name().orElse(question.text().name()),
                        update.displayName().orElse(question.text().displayName()),
                        update.description().or(() -> question.text().description()));
            }
            update.priority().ifPresent(p -> repository.replaceLabel(questionId, PRIORITY_PREFIX, p, userId));
        });
        return question(access, questionId);
    }

    // Conclusions

    public List<Conclusion> conclusions(SketchAccess access, long questionId) {
        question(access, questionId);
        return repository.conclusions(access.sketchId(), questionId);
    }

    public Conclusion conclusion(SketchAccess access, long conclusionId) {
        return repository.conclusion(access.sketchId(), conclusionId)
                .orElseThrow(() -> ApiException.notFound("No conclusion found with this ID"));
    }

    /**
     * Timesketch's conclusion POST: {@code conclusionText}, {@code automated}; a user has one own
     * conclusion per question (posting again edits it), automated ones are added each time. Timesmith
     * also reads {@code priority}, {@code status}, {@code source} and {@code attributes}.
     *
     * @return the id of the conclusion created or edited
     */
    long addConclusion(SketchAccess access, Question question, DfiqForms.ConclusionForm form) {
        long questionId = question.id();
        boolean automated = form.automated();
        Optional<String> text = form.text();
        String priority = form.priority().orElse("");
        String status = form.status().orElse("");
        String attributes = form.attributes().orElse("{}");
        String source = form.source().orElse(automated ? "AI_GENERATED" : "USER");
        if (automated) {
            return repository.insertConclusion(access.sketchId(), questionId, Optional.empty(), text.orElse(""), true,
                    source, priority, status, attributes);
        }
        Optional<Conclusion> own = repository.userConclusion(access.sketchId(), questionId, access.user().id());
        if (own.isEmpty()) {
            return repository.insertConclusion(access.sketchId(), questionId, Optional.of(access.user().id()),
                    text.orElse(""), false, source, priority, status, attributes);
        }
        Conclusion c = own.get();
        repository.updateConclusion(new Conclusion(c.id(), c.sketchId(), c.questionId(), c.userId(),
                text.filter(t -> !t.isEmpty()).orElse(c.conclusion()), false, c.source(),
                form.has("priority") ? priority : c.priority(), form.has("status") ? status : c.status(),
                form.has("attributes") ? attributes : c.attributes(), c.createdAt(), c.updatedAt()));
        return c.id();
    }

    /**
     * The conclusion the user may edit with this form (404 if there is no such conclusion, 403 if not
     * this one): their own, or an automated one (an analyzer's or an LLM's) when the form only sets
     * its review {@code status} (verified, rejected …): someone with write access has to accept or
     * reject what was generated, but nobody rewrites its text.
     */
    Conclusion editableConclusion(SketchAccess access, long questionId, long conclusionId, DfiqForms.ConclusionForm form) {
        Conclusion c = questionConclusion(access, questionId, conclusionId);
        boolean own = c.userId().map(u -> u == access.user().id()).orElse(false);
        if (!own && !(c.automated() && form.fields().equals(Set.of("status")))) {
            throw ApiException.forbidden(c.automated() ? "Of an automated conclusion only the review status can be changed."
                    : "You can only edit your own conclusion.");
        }
        return c;
    }

    /** Edits the user's own conclusion ({@code conclusionText}, and Timesmith's extra fields); empty fields keep theirs. */
    void editConclusion(Conclusion c, DfiqForms.ConclusionForm form) {
        repository.updateConclusion(new Conclusion(c.id(), c.sketchId(), c.questionId(), c.userId(),
                form.text().filter(t -> !t.isEmpty()).orElse(c.conclusion()), c.automated(),
                c.source(), form.priority().orElse(c.priority()), form.status().orElse(c.status()),
                form.attributes().orElse(c.attributes()), c.createdAt(), c.updatedAt()));
    }

    /** Deletes the user's own or an automated conclusion of this question, with its event links. */
    public Conclusion deleteConclusion(SketchAccess access, long questionId, long conclusionId) {
        Conclusion c = questionConclusion(access, questionId, conclusionId);
        boolean own = c.userId().map(u -> u == access.user().id()).orElse(false);
        if (!own && !c.automated()) {
            throw ApiException.forbidden("You can only delete your own conclusions or those generated by AI.");
        }
        String label = factLabel(conclusionId);
        for (DfiqRecords.ConclusionEvent event : repository.conclusionEvents(conclusionId)) {
            try {
                events.label(access, List.of(new EventService.EventRef(event.searchindexName(), event.documentId())),
                        label, true);
            } catch (ApiException e) {
                LOG.info("Fact label {} not removed from event {} of {}: {}", label, event.documentId(),
                        event.searchindexName(), e.getMessage());
            }
        }
        transactions.executeWithoutResult(tx -> repository.deleteConclusion(access.sketchId(), conclusionId));
        return c;
    }

    // Analyzers (analysis.ServerAnalysisContext): called inside the run's commit transaction.

    /** The sketch's question with this text (its name), if any. */
    public Optional<Long> questionByText(SketchAccess access, String text) {
        return repository.questionIdByName(access.sketchId(), text);
    }

    /** A question of the user's own kind, asked by an analyzer run of this user. */
    public long addAnalyzerQuestion(SketchAccess access, String text) {
        return repository.insertQuestion(access.sketchId(), Optional.empty(), Optional.empty(), access.user().id(),
                new Described(Optional.empty(), Optional.of(UUID.randomUUID().toString()), text, text, Optional.empty(),
                        Optional.empty()));
    }

    /**
     * An automated conclusion an analyzer reached, with source {@code ANALYZER} and attribute
     * {@code analyzer}, linked to its facts (the events get the fact label from the analysis run).
     */
    public long addAnalyzerConclusion(SketchAccess access, long questionId, String text, String analyzerName,
                                      List<EventService.EventRef> facts) {
        question(access, questionId);
        long id = repository.insertConclusion(access.sketchId(), questionId, Optional.empty(), text, true, "ANALYZER",
                "", "", json.writeValueAsString(Map.of("analyzer", analyzerName)));
        for (EventService.EventRef fact : facts) {
            repository.linkEvent(id, access.sketchId(), fact.index(), fact.id());
        }
        return id;
    }

    /**
     * Marks a question an analyzer asked: its priority label rises to {@code priority} (never falls),
     * its status becomes {@code status}, and each attribute it does not hold with that value is added.
     */
    public void markAnalyzerQuestion(SketchAccess access, long questionId, Optional<String> priority,
                                     Optional<String> status, Map<String, String> attributes) {
        question(access, questionId);
        long userId = access.user().id();
        priority.ifPresent(p -> {
            int current = repository.labels(questionId).stream().map(Label::label).mapToInt(PRIORITY_LABELS::indexOf)
                    .max().orElse(-1);
            int wanted = PRIORITY_LABELS.indexOf(PRIORITY_PREFIX + p);
            if (wanted > current) {
                repository.replaceLabel(questionId, PRIORITY_PREFIX, PRIORITY_PREFIX + p, userId);
            }
        });
        status.ifPresent(s -> repository.setQuestionStatus(access.sketchId(), questionId, s));
        List<Map.Entry<String, String>> held = repository.attributes(questionId);
        attributes.forEach((name, value) -> {
            if (!held.contains(Map.entry(name, value))) {
                repository.addAttribute(questionId, name, value, Optional.empty(), Optional.empty(), userId);
            }
        });
    }

    /**
     * An automated conclusion with its source, status, priority and attributes (JSON object text),
     * resting on {@code facts}; if the question has an automated conclusion with this text already,
     * the facts are linked to that one instead.
     *
     * @return the conclusion's id and whether it was created (false: an existing one was used)
     */
    public Map.Entry<Long, Boolean> addMarkedConclusion(SketchAccess access, long questionId, String text,
                                                        String source, String status, String priority,
                                                        String attributes, List<EventService.EventRef> facts) {
        question(access, questionId);
        Optional<Conclusion> same = repository.conclusions(access.sketchId(), questionId).stream()
                .filter(c -> c.automated() && c.conclusion().equals(text)).findFirst();
        long id = same.map(Conclusion::id).orElseGet(() -> repository.insertConclusion(access.sketchId(), questionId,
                Optional.empty(), text, true, source, priority, status, attributes));
        for (EventService.EventRef fact : facts) {
            repository.linkEvent(id, access.sketchId(), fact.index(), fact.id());
        }
        return Map.entry(id, same.isEmpty());
    }

    /** Undoes {@link #addAnalyzerConclusion} (a run whose commit failed). */
    public void deleteAnalyzerConclusion(SketchAccess access, long conclusionId) {
        repository.deleteConclusion(access.sketchId(), conclusionId);
    }

    /** Undoes {@link #addAnalyzerQuestion}. */
    public void deleteAnalyzerQuestion(SketchAccess access, long questionId) {
        repository.deleteQuestion(access.sketchId(), questionId);
    }

    /** Timesketch's label of the events a conclusion rests on. */
    public static String factLabel(long conclusionId) {
        return "__ts_fact_" + conclusionId;
    }

    /**
     * Timesketch's annotate with a {@code __ts_fact} label and a {@code conclusion_id}: the events
     * get (or, toggled or with {@code remove}, lose) the label {@code __ts_fact_<conclusion_id>} and
     * are linked to (or unlinked from) the conclusion, which must be of this sketch.
     *
     * @return the label annotations, as the annotate route answers them
     */
    @Override
    public List<Map<String, Object>> annotateFacts(SketchAccess access, Optional<Long> conclusionId,
                                                   List<EventService.EventRef> refs, boolean remove) {
        long id = conclusionId.orElseThrow(() -> ApiException.badRequest("Conclusion ID is required to add a fact."));
        conclusion(access, id);
        List<Map<String, Object>> items = events.label(access, refs, factLabel(id), remove);
        for (int i = 0; i < refs.size() && i < items.size(); i++) {
            setFact(access, id, refs.get(i).index(), refs.get(i).id(), "added".equals(items.get(i).get("action")));
        }
        return items;
    }

    /** The events a conclusion rests on, as {@code (index name, event id)}. */
    public List<DfiqRecords.ConclusionEvent> conclusionEvents(Conclusion conclusion) {
        return repository.conclusionEvents(conclusion.id());
    }

    /** Links ({@code add}) or unlinks an event as a fact of a conclusion of this sketch. */
    public void setFact(SketchAccess access, long conclusionId, String indexName, String eventId, boolean add) {
        conclusion(access, conclusionId);
        if (add) {
            repository.linkEvent(conclusionId, access.sketchId(), indexName, eventId);
        } else {
            repository.unlinkEvent(conclusionId, indexName, eventId);
        }
    }

    private Conclusion questionConclusion(SketchAccess access, long questionId, long conclusionId) {
        question(access, questionId);
        return repository.conclusion(access.sketchId(), conclusionId).filter(c -> c.questionId() == questionId)
                .orElseThrow(() -> ApiException.notFound("No conclusion found with this ID for this question"));
    }

    private Described described(DfiqCatalog catalog, DfiqTemplate template, String displayName) {
        return new Described(template.dfiqId(), Optional.of(template.uuid()), template.name(), displayName,
                template.description(), Optional.of(json.writeValueAsString(catalog.json(template))));
    }
}
