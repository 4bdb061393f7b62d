package org.timesmith.server.dfiq;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.dfiq.DfiqRecords.Approach;
import org.timesmith.server.dfiq.DfiqRecords.Conclusion;
import org.timesmith.server.dfiq.DfiqRecords.Described;
import org.timesmith.server.dfiq.DfiqRecords.Facet;
import org.timesmith.server.dfiq.DfiqRecords.Question;
import org.timesmith.server.dfiq.DfiqRecords.Scenario;
import org.timesmith.server.searchtemplate.SearchTemplateService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A sketch's DFIQ objects on the wire (§17): scenarios with their facets, facets with their
 * questions, questions with their approaches, conclusions and labels, and conclusions with the
 * events they rest on, in Timesketch's shapes; and the request bodies of those routes decoded and
 * checked into {@link DfiqForms} (400 for a body that is not an object or a field out of its list).
 */
@Component
class DfiqJson {

    private final DfiqRepository repository;
    private final SearchTemplateService templates;
    private final UserRepository users;
    private final ObjectMapper json;

    DfiqJson(DfiqRepository repository, SearchTemplateService templates, UserRepository users, ObjectMapper json) {
        this.repository = repository;
        this.templates = templates;
        this.users = users;
        this.json = json;
    }

    // ---- request bodies

    DfiqForms.ScenarioPick scenarioPick(JsonNode body) {
        JsonNode form = WireValues.object(body);
        return new DfiqForms.ScenarioPick(nonBlank(form, "uuid"), nonBlank(form, "dfiq_id"),
                nonBlank(form, "display_name"));
    }

    /** Timesketch's rename: {@code {"scenario_name": "..."}}, required. */
    String scenarioName(JsonNode body) {
        String name = WireValues.text(WireValues.object(body), "scenario_name").map(String::strip).orElse("");
        if (name.isEmpty()) {
            throw ApiException.badRequest("scenario_name is required.");
        }
        return name;
    }

    /** A scenario's new status, if the body gives one (at most 255 characters). */
    Optional<String> scenarioStatus(JsonNode body) {
        Optional<String> status = WireValues.text(WireValues.object(body), "status").map(String::strip)
                .filter(s -> !s.isEmpty());
        if (status.isPresent() && status.get().length() > 255) {
            throw ApiException.badRequest("A status is at most 255 characters.");
        }
        return status;
    }

    DfiqForms.QuestionForm questionForm(JsonNode body) {
        JsonNode form = WireValues.object(body);
        return new DfiqForms.QuestionForm(optionalId(form, "scenario_id"), optionalId(form, "facet_id"),
                nonBlank(form, "uuid"), nonBlank(form, "template_id"),
                WireValues.text(form, "question_text").map(String::strip).orElse(""));
    }

    DfiqForms.QuestionUpdate questionUpdate(JsonNode body) {
        JsonNode form = WireValues.object(body);
        Optional<String> status = nonEmpty(form, "status");
        if (status.isPresent() && !DfiqService.STATUSES.contains(status.get())) {
            throw ApiException.badRequest("Invalid question status: '" + status.get() + "'. Valid statuses are: "
                    + String.join(", ", DfiqService.STATUSES.stream().sorted().toList()));
        }
        Optional<String> priority = nonEmpty(form, "priority");
        if (priority.isPresent() && !DfiqService.PRIORITY_LABELS.contains(priority.get())) {
            throw ApiException.badRequest("Invalid question priority value: '" + priority.get()
                    + "'. Valid priorities are: " + String.join(", ", DfiqService.PRIORITY_LABELS));
        }
        List<DfiqForms.QuestionAttribute> attributes = new ArrayList<>();
        JsonNode list = form.get("attributes");
        if (list != null && list.isArray()) {
            for (JsonNode attribute : list) {
                Optional<String> name = nonEmpty(attribute, "name");
                Optional<String> value = nonEmpty(attribute, "value");
                if (name.isPresent() && value.isPresent()) {
                    attributes.add(new DfiqForms.QuestionAttribute(name.get(), value.get(),
                            WireValues.text(attribute, "ontology"), WireValues.text(attribute, "description")));
                }
            }
        }
        return new DfiqForms.QuestionUpdate(status, priority, attributes, nonEmpty(form, "name"),
                nonEmpty(form, "display_name"), nonEmpty(form, "description"));
    }

    DfiqForms.ConclusionForm conclusionForm(JsonNode body) {
        JsonNode form = WireValues.object(body);
        Set<String> fields = new HashSet<>();
        form.propertyNames().forEach(fields::add);
        return new DfiqForms.ConclusionForm(WireValues.bool(form.get("automated")),
                WireValues.text(form, "conclusionText"), conclusionPriority(form), conclusionStatus(form),
                conclusionSource(form), conclusionAttributes(form), fields);
    }

    private static Optional<String> conclusionPriority(JsonNode form) {
        String prefix = DfiqService.PRIORITY_PREFIX;
        Optional<String> value = WireValues.text(form, "priority").map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).map(s -> s.startsWith(prefix) ? s.substring(prefix.length()) : s);
        if (value.isPresent() && !List.of("low", "medium", "high").contains(value.get())) {
            throw ApiException.badRequest("Invalid conclusion priority: '" + value.get() + "'. Valid priorities are:"
                    + " low, medium, high");
        }
        return value;
    }

    private static Optional<String> conclusionStatus(JsonNode form) {
        Optional<String> value = WireValues.text(form, "status").map(String::strip).filter(s -> !s.isEmpty());
        if (value.isPresent() && !DfiqService.STATUSES.contains(value.get())) {
            throw ApiException.badRequest("Invalid conclusion status: '" + value.get() + "'. Valid statuses are: "
                    + String.join(", ", DfiqService.STATUSES.stream().sorted().toList()));
        }
        return value;
    }

    private static Optional<String> conclusionSource(JsonNode form) {
        Optional<String> value = WireValues.text(form, "source").map(s -> s.strip().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty());
        if (value.isPresent() && !DfiqService.SOURCES.contains(value.get())) {
            throw ApiException.badRequest("Invalid conclusion source: '" + value.get() + "'. Valid sources are:"
                    + " AI_GENERATED, USER");
        }
        return value;
    }

    private Optional<String> conclusionAttributes(JsonNode form) {
        JsonNode node = form.get("attributes");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isString()) {
            try {
                node = json.readTree(node.asString());
            } catch (JacksonException e) {
                throw ApiException.badRequest("attributes is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("attributes must be a JSON object, e.g. {\"attack_stage\": \"execution\"}.");
        }
        return Optional.of(json.writeValueAsString(node));
    }

    private static Optional<String> nonBlank(JsonNode form, String field) {
        return WireValues.text(form, field).filter(s -> !s.isBlank());
    }

    private static Optional<String> nonEmpty(JsonNode form, String field) {
        return WireValues.text(form, field).filter(s -> !s.isEmpty());
    }

    private static Optional<Long> optionalId(JsonNode form, String field) {
        JsonNode node = form.get(field);
        return node == null || node.isNull() || (node.isString() && node.asString().isBlank())
                ? Optional.empty() : Optional.of(WireValues.id(node, field));
    }

    // ---- models

    Map<String, Object> scenarioJson(Scenario scenario) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", scenario.id());
        model.put("status", scenario.status().map(s -> List.of(status(scenario.id(), s, scenario.statusAt().orElse(null))))
                .orElse(List.of()));
        described(model, scenario.text());
        model.put("user", user(scenario.userId()));
        model.put("facets", repository.facets(scenario.sketchId(), scenario.id()).stream().map(this::facetJson).toList());
        model.put("created_at", scenario.createdAt());
        model.put("updated_at", scenario.updatedAt());
        return model;
    }

    Map<String, Object> facetJson(Facet facet) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", facet.id());
        described(model, facet.text());
        model.put("user", user(facet.userId()));
        model.put("questions", repository.facetQuestions(facet.sketchId(), facet.id()).stream()
                .map(this::questionJson).toList());
        model.put("stories", List.of());
        model.put("saved_searches", List.of());
        model.put("saved_graphs", List.of());
        model.put("saved_aggregations", List.of());
        model.put("created_at", facet.createdAt());
        model.put("updated_at", facet.updatedAt());
        return model;
    }

    Map<String, Object> questionJson(Question question) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", question.id());
        described(model, question.text());
        model.put("user", user(question.userId()));
        model.put("approaches", repository.approaches(question.id()).stream().map(this::approachJson).toList());
        model.put("conclusions", repository.conclusions(question.sketchId(), question.id()).stream()
                .map(this::conclusionJson).toList());
        model.put("created_at", question.createdAt());
        model.put("updated_at", question.updatedAt());
        model.put("labels", repository.labels(question.id()).stream().map(l -> {
            Map<String, Object> label = new LinkedHashMap<>();
            label.put("name", l.label());
            label.put("user", user(l.userId()));
            label.put("created_at", l.createdAt());
            label.put("updated_at", l.createdAt());
            return label;
        }).toList());
        model.put("status", status(question.id(), question.status(), question.statusAt()));
        // attributes such as source AI_GENERATED and attack_stage_suggestion of the LLM log analyzer
        model.put("attributes", repository.attributes(question.id()).stream()
                .map(a -> {
                    Map<String, Object> attribute = new LinkedHashMap<>();
                    attribute.put("name", a.getKey());
                    attribute.put("value", a.getValue());
                    return attribute;
                }).toList());
        model.put("scenario_id", question.scenarioId().orElse(null));
        model.put("facet_id", question.facetId().orElse(null));
        return model;
    }

    private Map<String, Object> approachJson(Approach approach) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", approach.id());
        model.put("name", approach.text().name());
        model.put("display_name", approach.text().displayName());
        model.put("description", approach.text().description().orElse(null));
        model.put("spec_json", approach.text().specJson().orElse(null));
        model.put("search_templates", templates.byIds(repository.templateIds(approach.id())).stream()
                .map(templates::model).toList());
        model.put("created_at", approach.createdAt());
        model.put("updated_at", approach.updatedAt());
        return model;
    }

    Map<String, Object> conclusionJson(Conclusion conclusion) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", conclusion.id());
        model.put("user", conclusion.userId().map(this::user).orElseGet(SearchTemplateService::noUser));
        model.put("conclusion", conclusion.conclusion());
        model.put("automated", conclusion.automated());
        model.put("created_at", conclusion.createdAt());
        model.put("updated_at", conclusion.updatedAt());
        model.put("conclusion_events", repository.conclusionEvents(conclusion.id()).stream().map(e -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", e.id());
            event.put("sketch_id", e.sketchId());
            event.put("document_id", e.documentId());
            event.put("searchindex_name", e.searchindexName());
            return event;
        }).toList());
        model.put("source", conclusion.source());
        model.put("priority", conclusion.priority().isEmpty() ? null : conclusion.priority());
        model.put("status", conclusion.status().isEmpty() ? null : conclusion.status());
        model.put("attributes", json.readTree(conclusion.attributes()));
        return model;
    }

    private static Map<String, Object> status(long id, String status, String at) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("status", status);
        model.put("created_at", at);
        model.put("updated_at", at);
        return model;
    }

    private static void described(Map<String, Object> model, Described text) {
        model.put("name", text.name());
        model.put("display_name", text.displayName());
        model.put("description", text.description().orElse(null));
        model.put("dfiq_identifier", text.dfiqIdentifier().orElse(null));
        model.put("uuid", text.uuid().orElse(null));
        model.put("spec_json", text.specJson().orElse(null));
    }

    private Map<String, Object> user(long userId) {
        return users.byId(userId).map(User::toJson).orElseGet(SearchTemplateService::noUser);
    }
}
