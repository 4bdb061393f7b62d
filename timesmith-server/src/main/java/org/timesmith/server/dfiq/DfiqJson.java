package org.timesmith.server.dfiq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.dfiq.DfiqRecords.Approach;
import org.timesmith.server.dfiq.DfiqRecords.Conclusion;
import org.timesmith.server.dfiq.DfiqRecords.Described;
import org.timesmith.server.dfiq.DfiqRecords.Facet;
import org.timesmith.server.dfiq.DfiqRecords.Question;
import org.timesmith.server.dfiq.DfiqRecords.Scenario;
import org.timesmith.server.searchtemplate.SearchTemplateService;
import tools.jackson.databind.ObjectMapper;

/**
 * A sketch's DFIQ objects on the wire (§17): scenarios with their facets, facets with their
 * questions, questions with their approaches, conclusions and labels, and conclusions with the
 * events they rest on, in Timesketch's shapes.
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
