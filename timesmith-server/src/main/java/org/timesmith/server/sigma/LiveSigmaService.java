package org.timesmith.server.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.timesmith.analysis.sigma.LiveSigmaRules;
import org.timesmith.analysis.sigma.SigmaConverter;
import org.timesmith.analysis.sigma.SigmaException;
import org.timesmith.analysis.sigma.SigmaRule;
import org.timesmith.core.store.BulkWriter;

/**
 * The rules enabled for live use, compiled into matchers that every import runs on its events
 * before they are written (issue 16): each import asks for the current set, which is rebuilt only
 * when a rule was enabled, disabled, changed or deleted since (on any node: the enabled rules are
 * read from the metadata database), recompiling only the changed rules. Hits, evaluations and
 * time per rule are counted in this node's memory since it started, and shown with the rule.
 */
@Service
public class LiveSigmaService {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSigmaService.class);

    /** A rule compiled at one version (its updated_at), or why it could not be. */
    private record Compiled(String version, Optional<LiveSigmaRules.Live> live, String error) {
    }

    private record Snapshot(String key, LiveSigmaRules rules) {
    }

    private final SigmaRuleRepository repository;
    private final SigmaConverter converter;
    private final Map<String, LiveSigmaRules.Stats> stats = new ConcurrentHashMap<>();
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();
    private Snapshot current = new Snapshot("", LiveSigmaRules.none());

    public LiveSigmaService(SigmaRuleRepository repository, SigmaConverter converter) {
        this.repository = repository;
        this.converter = converter;
    }

    /** The enabled rules as they are now in the database. */
    public synchronized LiveSigmaRules current() {
        List<StoredSigmaRule> enabled = repository.search(new SigmaRuleRepository.Search("", "", "", "", "",
                Optional.of(true)));
        StringBuilder key = new StringBuilder();
        enabled.forEach(r -> key.append(r.ruleUuid()).append('@').append(r.updatedAt()).append(';'));
        if (key.toString().equals(current.key())) {
            return current.rules();
        }
        List<LiveSigmaRules.Live> live = new ArrayList<>();
        for (StoredSigmaRule rule : enabled) {
            Compiled entry = compiled.get(rule.ruleUuid());
            if (entry == null || !entry.version().equals(rule.updatedAt())) {
                entry = compile(rule);
                compiled.put(rule.ruleUuid(), entry);
            }
            entry.live().ifPresent(live::add);
        }
        current = new Snapshot(key.toString(), new LiveSigmaRules(live));
        return current.rules();
    }

    private Compiled compile(StoredSigmaRule rule) {
        try {
            SigmaRule parsed = SigmaRule.parse(rule.ruleYaml(), rule.title());
            LiveSigmaRules.Stats counters = stats.computeIfAbsent(rule.ruleUuid(), u -> new LiveSigmaRules.Stats());
            return new Compiled(rule.updatedAt(), Optional.of(new LiveSigmaRules.Live(converter.toMatcher(parsed), counters)), "");
        } catch (SigmaException e) {
            // Installed rules converted when they were installed; only a converter change gets here.
            LOG.warn("live Sigma rule {} does not compile: {}", rule.ruleUuid(), e.getMessage());
            return new Compiled(rule.updatedAt(), Optional.empty(), e.getMessage());
        }
    }

    /** The writer with the live rules run on each event before it is written; the writer itself if none are enabled. */
    public BulkWriter wrap(BulkWriter writer) {
        return current().writer(writer);
    }

    /** The rule's live state and counters as the API shows them under {@code live}. */
    public Map<String, Object> describe(StoredSigmaRule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("enabled", rule.live());
        LiveSigmaRules.Stats counters = stats.get(rule.ruleUuid());
        json.put("hits", counters == null ? 0 : counters.hits());
        json.put("events_evaluated", counters == null ? 0 : counters.evaluated());
        json.put("cost_ms", counters == null ? 0.0 : counters.nanos() / 1e6);
        Compiled entry = compiled.get(rule.ruleUuid());
        if (rule.live() && entry != null && !entry.error().isEmpty()) {
            json.put("error", entry.error());
        }
        return json;
    }

    /** Forgets a deleted rule's counters. */
    void forget(String ruleUuid) {
        stats.remove(ruleUuid);
        compiled.remove(ruleUuid);
    }
}
