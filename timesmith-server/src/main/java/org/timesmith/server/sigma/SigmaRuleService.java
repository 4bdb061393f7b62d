package org.timesmith.server.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.timesmith.analysis.sigma.SigmaConverter;
import org.timesmith.analysis.sigma.SigmaException;
import org.timesmith.analysis.sigma.SigmaRule;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;

/**
 * The installed Sigma rules (§2.9): installing checks that a rule parses, has an id and converts to
 * a query (400 naming the construct otherwise; 403 if the id is installed already, as Timesketch
 * answers); any user may list, read and install rules, only the owner or an administrator may
 * update or delete one. {@link #activeRules} feeds the Sigma analyzer.
 */
@Service
public class SigmaRuleService {

    private static final Logger LOG = LoggerFactory.getLogger(SigmaRuleService.class);

    private final SigmaRuleRepository rules;
    private final UserRepository users;
    private final SigmaConverter converter;
    private final LiveSigmaService live;

    public SigmaRuleService(SigmaRuleRepository rules, UserRepository users, SigmaConverter converter,
                            LiveSigmaService live) {
        this.rules = rules;
        this.users = users;
        this.converter = converter;
        this.live = live;
    }

    public List<StoredSigmaRule> list() {
        return rules.all();
    }

    /** The rules whose title, tags and log source contain the given texts and whose status, level and live state are the given ones. */
    public List<StoredSigmaRule> search(SigmaRuleRepository.Search search) {
        return rules.search(search);
    }

    /**
     * Fills level, tags and log source of rules installed before the rule store kept them (the
     * migration adds empty columns; the values are in each rule's YAML).
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void describeOlderRules() {
        for (StoredSigmaRule stored : rules.search(new SigmaRuleRepository.Search("", "", "", "", "", Optional.empty()))) {
            if (!stored.logsource().isEmpty() || !stored.level().isEmpty() || !stored.tags().isEmpty()) {
                continue;
            }
            try {
                SigmaRule rule = SigmaRule.parse(stored.ruleYaml(), stored.title());
                rules.describe(stored.ruleUuid(), rule.level(), String.join(" ", rule.tags()), logsource(rule));
            } catch (SigmaException e) {
                LOG.warn("installed Sigma rule {} no longer parses: {}", stored.ruleUuid(), e.getMessage());
            }
        }
    }

    /** The columns a parsed and converted rule is stored with. */
    static SigmaRuleRepository.Described described(ConvertedRule converted) {
        SigmaRule rule = converted.rule();
        return new SigmaRuleRepository.Described(rule.title(), rule.description(), rule.status(), rule.level(),
                String.join(" ", rule.tags().stream().map(t -> t.replace(' ', '_')).toList()), logsource(rule),
                converted.query(), rule.yaml());
    }

    private static String logsource(SigmaRule rule) {
        List<String> pairs = new ArrayList<>();
        rule.logsource().forEach((key, value) -> pairs.add(key + ":" + value.replace(' ', '_')));
        return String.join(" ", pairs);
    }

    /**
     * Enables or disables a rule for live use on every import. Administrators only: a live rule
     * tags the events of every user's imports, not just the rule owner's.
     */
    public StoredSigmaRule setLive(User user, String ruleUuid, boolean enabled) {
        requireLiveAdmin(user);
        get(ruleUuid);
        StoredSigmaRule stored = rules.setLive(ruleUuid, enabled);
        live.current();
        return stored;
    }

    /** Live rules run on every user's imports: only an administrator switches them. */
    public void requireLiveAdmin(User user) {
        if (!user.admin()) {
            throw ApiException.forbidden("Only an administrator may enable or disable live Sigma rules:"
                    + " they run on every user's imports.");
        }
    }

    /** The rule's live state and counters. */
    public Map<String, Object> liveState(StoredSigmaRule rule) {
        return live.describe(rule);
    }

    public StoredSigmaRule get(String ruleUuid) {
        return rules.byUuid(ruleUuid).orElseThrow(() -> ApiException.notFound("No Sigma rule found with this ID."));
    }

    /** A rule's YAML parsed and converted; 400 with the reason if it does not parse or convert. */
    public ConvertedRule parse(String yaml, String source) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiException.badRequest("No Sigma rule given.");
        }
        try {
            SigmaRule rule = SigmaRule.parse(yaml, source);
            return new ConvertedRule(rule, converter.toQuery(rule));
        } catch (SigmaException e) {
            throw ApiException.badRequest("Unable to parse the Sigma rule: " + e.getMessage());
        }
    }

    /** A parsed rule and the query it converts to. */
    public record ConvertedRule(SigmaRule rule, String query) {
    }

    public StoredSigmaRule create(User user, String yaml) {
        ConvertedRule converted = parse(yaml, "rule_yaml");
        SigmaRule rule = converted.rule();
        String uuid = rule.id().orElseThrow(() -> ApiException.badRequest("The Sigma rule has no id."));
        if (rules.byUuid(uuid).isPresent()) {
            throw ApiException.forbidden("A Sigma rule with id " + uuid + " already exists.");
        }
        try {
            return rules.create(uuid, user.id(), described(converted));
        } catch (DuplicateKeyException e) {
            throw ApiException.forbidden("A Sigma rule with id " + uuid + " already exists.");
        }
    }

    /**
     * Replaces an installed rule by new YAML with the same id (Timesketch's PUT): 400 if the YAML
     * does not parse or convert or names another id, 404 for an unknown rule, 403 unless the user
     * installed the rule or is an administrator (the same rule as for deleting it).
     */
    public StoredSigmaRule update(User user, String ruleUuid, String yaml) {
        // who may update comes first: a user who may not gets 403 whatever the body says
        StoredSigmaRule stored = get(ruleUuid);
        requireOwnerOrAdmin(user, stored, "update");
        if (yaml == null || yaml.isBlank()) {
            throw ApiException.badRequest("Error parsing Sigma rule " + ruleUuid + ": no YAML provided");
        }
        ConvertedRule converted = parse(yaml, "rule_yaml");
        SigmaRule rule = converted.rule();
        String yamlId = rule.id().orElse("");
        if (!ruleUuid.equals(yamlId)) {
            throw ApiException.badRequest("Rule ID mismatch parameter: " + ruleUuid + " and YAML content: " + yamlId);
        }
        StoredSigmaRule updated = rules.update(ruleUuid, described(converted));
        live.current();
        return updated;
    }

    public void delete(User user, String ruleUuid) {
        StoredSigmaRule rule = get(ruleUuid);
        requireOwnerOrAdmin(user, rule, "delete");
        rules.delete(ruleUuid);
        live.forget(ruleUuid);
        live.current();
    }

    private static void requireOwnerOrAdmin(User user, StoredSigmaRule rule, String action) {
        if (rule.userId() != user.id() && !user.admin()) {
            throw ApiException.forbidden("Only the user who installed the Sigma rule or an administrator may "
                    + action + " it.");
        }
    }

    /** Every installed rule the analyzer should run, parsed; a stored rule that no longer parses is logged and left out. */
    public List<SigmaRule> activeRules() {
        List<SigmaRule> active = new ArrayList<>();
        for (StoredSigmaRule stored : rules.all()) {
            try {
                SigmaRule rule = SigmaRule.parse(stored.ruleYaml(), stored.title());
                if (rule.active()) {
                    active.add(rule);
                }
            } catch (SigmaException e) {
                LOG.warn("installed Sigma rule {} no longer parses: {}", stored.ruleUuid(), e.getMessage());
            }
        }
        return active;
    }

    /** A list entry: the stored fields (Timesketch's enriched list entry) plus the converted query. */
    public Map<String, Object> listEntry(StoredSigmaRule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule_uuid", rule.ruleUuid());
        json.put("id", rule.ruleUuid());
        json.put("title", rule.title());
        json.put("description", rule.description());
        json.put("status", rule.status());
        json.put("level", rule.level());
        json.put("tags", rule.tagList());
        json.put("logsource", rule.logsourceMap());
        json.put("live", live.describe(rule));
        json.put("search_query", rule.queryString());
        json.put("es_query", rule.queryString());
        json.put("rule_yaml", rule.ruleYaml());
        json.put("created_at", rule.createdAt());
        json.put("updated_at", rule.updatedAt());
        return json;
    }

    /** The full rule: every key of its YAML plus search_query (and es_query), file_name, rule_uuid, rule_yaml and the times. */
    public Map<String, Object> detail(StoredSigmaRule stored) {
        SigmaRule rule;
        try {
            rule = SigmaRule.parse(stored.ruleYaml(), stored.title());
        } catch (SigmaException e) {
            // Installed rules parsed when they were installed; this only happens after a parser change.
            throw new IllegalStateException("installed Sigma rule " + stored.ruleUuid() + " no longer parses", e);
        }
        Map<String, Object> json = document(new ConvertedRule(rule, stored.queryString()));
        json.put("rule_uuid", stored.ruleUuid());
        json.put("live", live.describe(stored));
        json.put("rule_yaml", stored.ruleYaml());
        json.put("created_at", stored.createdAt());
        json.put("updated_at", stored.updatedAt());
        return json;
    }

    /** The parsed rule's keys plus search_query (and es_query), file_name and rule_uuid (empty when the rule has no id). */
    public Map<String, Object> document(ConvertedRule converted) {
        Map<String, Object> json = new LinkedHashMap<>();
        converted.rule().document().properties().forEach(e -> json.put(e.getKey(), e.getValue()));
        json.put("search_query", converted.query());
        // The API client page prints a rule with es_query (Timesketch's older name): both, same value.
        json.put("es_query", converted.query());
        json.put("file_name", "");
        json.put("rule_uuid", converted.rule().id().orElse(""));
        return json;
    }

    /** The create response: Timesketch's {@code sigmarule_fields}. */
    public Map<String, Object> created(StoredSigmaRule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", rule.id());
        json.put("rule_uuid", rule.ruleUuid());
        json.put("title", rule.title());
        json.put("description", rule.description());
        json.put("query_string", rule.queryString());
        json.put("status", rule.status());
        json.put("level", rule.level());
        json.put("tags", rule.tagList());
        json.put("logsource", rule.logsourceMap());
        json.put("live", live.describe(rule));
        json.put("user", users.byId(rule.userId()).map(User::toJson).orElse(Map.of()));
        json.put("rule_yaml", rule.ruleYaml());
        json.put("created_at", rule.createdAt());
        json.put("updated_at", rule.updatedAt());
        return json;
    }
}
