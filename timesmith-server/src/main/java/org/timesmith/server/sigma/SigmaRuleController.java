package org.timesmith.server.sigma;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.CurrentUser;
import tools.jackson.databind.JsonNode;

/** The Sigma rule endpoints of §2.9: list, install, read, update, delete, and convert rule text. */
@RestController
@RequestMapping("/api/v1/sigmarules")
public class SigmaRuleController {

    private final CurrentUser currentUser;
    private final SigmaRuleService rules;

    public SigmaRuleController(CurrentUser currentUser, SigmaRuleService rules) {
        this.currentUser = currentUser;
        this.rules = rules;
    }

    @GetMapping
    Map<String, Object> list() {
        currentUser.get();
        var all = rules.list();
        return Envelope.flat(Map.of("rules_count", all.size()), all.stream().map(rules::listEntry).toList());
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
        StoredSigmaRule rule = rules.create(currentUser.get(), WireValues.text(body, "rule_yaml").orElse(""));
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), rules.created(rule)));
    }

    @PostMapping("/text")
    Map<String, Object> parseText(@RequestBody(required = false) JsonNode body) {
        currentUser.get();
        String title = WireValues.text(body, "title").filter(t -> !t.isBlank()).orElse("rule text");
        SigmaRuleService.ConvertedRule converted = rules.parse(WireValues.text(body, "content").orElse(""), title);
        Map<String, Object> document = rules.document(converted);
        document.put("rule_yaml", converted.rule().yaml());
        return Envelope.single(Map.of("parsed", true), document);
    }

    @GetMapping("/{ruleUuid}")
    Map<String, Object> get(@PathVariable("ruleUuid") String ruleUuid) {
        currentUser.get();
        return Envelope.single(Map.of(), rules.detail(rules.get(ruleUuid)));
    }

    /** Timesketch's PUT {@code {"rule_yaml": "..."}}: answers the updated rule as the create response does, with 200. */
    @PutMapping("/{ruleUuid}")
    Map<String, Object> update(@PathVariable("ruleUuid") String ruleUuid, @RequestBody(required = false) JsonNode body) {
        StoredSigmaRule rule = rules.update(currentUser.get(), ruleUuid, WireValues.text(body, "rule_yaml").orElse(""));
        return Envelope.single(Map.of(), rules.created(rule));
    }

    @DeleteMapping("/{ruleUuid}")
    int delete(@PathVariable("ruleUuid") String ruleUuid) {
        rules.delete(currentUser.get(), ruleUuid);
        return 200;
    }
}
