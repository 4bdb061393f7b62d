package org.timesmith.analysis.tagger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.support.Annotations;
import org.timesmith.analysis.support.RuleFiles;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import tools.jackson.databind.JsonNode;

/**
 * Tags events by rules of query → tags, labels and emojis, Timesketch's {@code tagger}: the rules
 * come from {@value #FILE} (the deployment's, see {@link org.timesmith.analysis.AnalyzerConfigFiles},
 * else the default shipped with Timesmith). Unlike Timesketch, which runs one sub-analysis per rule
 * and reads every match, a rule with static tags only is one update by query (no event is read);
 * the others stream their matches once. A rule that cannot run (bad regular expression, unknown
 * emoji) is logged and counted, and the other rules still run.
 */
public final class TaggerAnalyzer implements Analyzer {

    public static final String NAME = "tagger";
    static final String FILE = "tags.yaml";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Tagger";
    }

    @Override
    public String description() {
        return "Tag events based on pre-defined rules (tags.yaml)";
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(AnalyzerParameter.optional("tag", AnalyzerParameter.Type.STRING,
                "Run only these rules (names from tags.yaml, comma-separated); all rules without it"));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        RuleFiles.Loaded file = RuleFiles.load(context, FILE, TaggerAnalyzer.class);
        Map<String, JsonNode> rules = selected(file, context.kwarg("tag"));
        Map<String, Long> perRule = new LinkedHashMap<>();
        long failed = 0;
        long tagged = 0;
        Annotations annotations = new Annotations();
        for (Map.Entry<String, JsonNode> entry : rules.entrySet()) {
            TagRule rule;
            try {
                rule = TagRule.parse(entry.getKey(), entry.getValue());
            } catch (IllegalArgumentException e) {
                failed++;
                context.log("rule " + entry.getKey() + " skipped: " + e.getMessage());
                continue;
            }
            long matched = apply(context, rule, annotations);
            perRule.put(rule.name(), matched);
            tagged += matched;
            if (matched > 0) {
                context.log(matched + " events tagged for [" + rule.name() + "]");
                if (rule.saveSearch()) {
                    context.addSavedSearch(rule.searchName(), rule.query(), "Created by the tagger analyzer");
                }
            }
        }
        annotations.commit(context);
        long matchedRules = perRule.values().stream().filter(n -> n > 0).count();
        String summary = tagged + " events tagged for " + matchedRules + " of " + rules.size() + " rules ("
                + file.origin() + ")" + (failed > 0 ? "; " + failed + " rules could not run" : "");
        AnalyzerOutcome outcome = (tagged > 0 ? AnalyzerOutcome.success(summary) : AnalyzerOutcome.noFindings(summary))
                .count("rules", rules.size()).count("rules_matched", matchedRules).count("rules_failed", failed)
                .count("events_matched", tagged);
        for (Map.Entry<String, Long> e : perRule.entrySet()) {
            if (e.getValue() > 0) {
                outcome = outcome.count("rule:" + e.getKey(), e.getValue());
            }
        }
        return outcome;
    }

    private static Map<String, JsonNode> selected(RuleFiles.Loaded file, Optional<String> only) {
        if (only.isEmpty() || only.get().isBlank()) {
            return file.rules();
        }
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        for (String name : only.get().split(",")) {
            JsonNode rule = file.rules().get(name.trim());
            if (rule == null) {
                throw new AnalysisException("no rule " + name.trim() + " in " + file.origin() + " (rules: "
                        + file.rules().keySet() + ")");
            }
            rules.put(name.trim(), rule);
        }
        return rules;
    }

    /** Applies one rule (events it reads get their marks in {@code annotations}); returns the events it matched. */
    private static long apply(AnalysisContext context, TagRule rule, Annotations annotations) {
        if (rule.byQuery()) {
            return context.tagMatching(rule.query(), rule.tags());
        }
        List<EventRef> labelled = new ArrayList<>();
        long matched = 0;
        try (EventStream events = context.stream(rule.query(), rule.fields())) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                if (!rule.matches(event.source())) {
                    continue;
                }
                matched++;
                EventRef ref = EventRef.of(event);
                List<String> tags = new ArrayList<>(rule.tags());
                tags.addAll(rule.dynamicTagsOf(event.source()));
                annotations.tag(ref, tags);
                annotations.emojis(event, rule.emojis());
                if (!rule.labels().isEmpty()) {
                    labelled.add(ref);
                }
            }
        }
        rule.labels().forEach(label -> context.label(labelled, label));
        return matched;
    }
}
