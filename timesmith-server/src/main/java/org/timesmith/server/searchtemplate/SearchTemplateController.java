package org.timesmith.server.searchtemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.auth.CurrentUser;
import tools.jackson.databind.JsonNode;

/** The search template routes of §17.11: list, create, get, delete and parse ({@code searchtemplates/...}). */
@RestController
@RequestMapping("/api/v1/searchtemplates")
public class SearchTemplateController {

    private final CurrentUser currentUser;
    private final SearchTemplateService templates;

    public SearchTemplateController(CurrentUser currentUser, SearchTemplateService templates) {
        this.currentUser = currentUser;
        this.templates = templates;
    }

    @GetMapping
    Map<String, Object> list() {
        List<SearchTemplate> list = templates.list(currentUser.get());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("collection", templates.collection(list));
        return Envelope.nested(meta, list.stream().map(templates::model).toList());
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
        SearchTemplate created = templates.create(currentUser.get(), body);
        return ResponseEntity.status(HttpStatus.OK).body(Envelope.single(Map.of(), templates.model(created)));
    }

    /**
     * {@code meta.sketch_ids} names the sketch of the saved search the template was made from (the
     * Python client's {@code SearchTemplate.from_saved} reads it); empty for the library's templates.
     */
    @GetMapping("/{templateId}")
    Map<String, Object> get(@PathVariable("templateId") long templateId) {
        SearchTemplate template = templates.get(currentUser.get(), templateId);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("sketch_ids", template.sourceSketchId().stream().toList());
        return Envelope.single(meta, templates.model(template));
    }

    /** Answers the body {@code 200}, as Timesketch does. */
    @DeleteMapping("/{templateId}")
    int delete(@PathVariable("templateId") long templateId) {
        templates.delete(currentUser.get(), templateId);
        return 200;
    }

    @PostMapping("/{templateId}/parse")
    Map<String, Object> parse(@PathVariable("templateId") long templateId,
                              @RequestBody(required = false) JsonNode body) {
        String query = templates.parse(currentUser.get(), templateId, body);
        return Envelope.flat(Map.of(), List.of(Map.of("query_string", query)));
    }
}
