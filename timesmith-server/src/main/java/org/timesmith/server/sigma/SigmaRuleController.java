package org.timesmith.server.sigma;

import java.util.Map;
import java.util.Optional;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;
import org.springframework.web.bind.annotation.RequestParam;
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

/**
 * The Sigma rule endpoints of §2.9 (list, install, read, update, delete, convert rule text) and the
 * rule store's own: search parameters on the list, bulk import of a zip, and live use.
 */
@RestController
@RequestMapping("/api/v1/sigmarules")
public class SigmaRuleController {

    private final CurrentUser currentUser;
    private final SigmaRuleService rules;
    private final SigmaRuleImport ruleImport;

    public SigmaRuleController(CurrentUser currentUser, SigmaRuleService rules, SigmaRuleImport ruleImport) {
        this.currentUser = currentUser;
        this.rules = rules;
        this.ruleImport = ruleImport;
    }

    /**
     * Every rule, or those matching the search parameters: {@code title}, {@code tag} and
     * {@code logsource} (case-insensitive parts, log source as {@code product:windows}),
     * {@code status}, {@code level}, {@code live} ({@code true}/{@code false}).
     */
    @GetMapping
    Map<String, Object> list(@RequestParam(name = "title", defaultValue = "") String title,
                             @RequestParam(name = "tag", defaultValue = "") String tag,
                             @RequestParam(name = "logsource", defaultValue = "") String logsource,
                             @RequestParam(name = "status", defaultValue = "") String status,
                             @RequestParam(name = "level", defaultValue = "") String level,
                             @RequestParam(name = "live", defaultValue = "") String live) {
        currentUser.get();
        Optional<Boolean> liveOnly = switch (live.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "" -> Optional.empty();
            case "true", "1" -> Optional.of(true);
            case "false", "0" -> Optional.of(false);
            default -> throw ApiException.badRequest("live must be true or false, not '" + live + "'.");
        };
        var found = rules.search(new SigmaRuleRepository.Search(title, tag, logsource, status, level, liveOnly));
        return Envelope.flat(Map.of("rules_count", found.size()), found.stream().map(rules::listEntry).toList());
    }

    /** Installs every rule of a zip of a SigmaHQ-layout folder (the body, any content type); answers what was installed and skipped. */
    @PostMapping("/import")
    Map<String, Object> importZip(@RequestBody(required = false) byte[] zip) {
        return Envelope.single(Map.of(), ruleImport.importZip(currentUser.get(), zip).toJson());
    }

    /** {@code {"enabled": true|false}}: runs the rule on every imported event, or stops (administrators only). */
    @PostMapping("/{ruleUuid}/live")
    Map<String, Object> live(@PathVariable("ruleUuid") String ruleUuid, @RequestBody(required = false) JsonNode body) {
        JsonNode enabled = body == null ? null : body.get("enabled");
        User user = currentUser.get();
        rules.requireLiveAdmin(user);
        if (enabled == null || !enabled.isBoolean()) {
            throw ApiException.badRequest("Give {\"enabled\": true} or {\"enabled\": false}.");
        }
        return Envelope.single(Map.of(), rules.listEntry(rules.setLive(user, ruleUuid, enabled.asBoolean())));
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
