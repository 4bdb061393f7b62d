package org.timesmith.analysis.sigma;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import tools.jackson.databind.JsonNode;

/**
 * Runs Sigma 2 correlation rules over the store: each referenced rule's events are found with its
 * converted query (as the {@code sigma} analyzer finds them), grouped by the correlation's
 * {@code group-by} fields (through its aliases and the field mapping), and a sliding window of the
 * correlation's {@code timespan} over each group's events decides: {@code event_count} counts
 * events, {@code value_count} distinct values of its field, {@code temporal} distinct rules, and
 * {@code temporal_ordered} needs the rules' events in the listed order. The events of every window
 * that satisfies the condition are tagged {@code sigma_<title>} and get {@code sigma_correlation}
 * (the titles); the summary counts groups and events. Rules come in the keyword argument
 * {@code rule_yaml} (documents separated by {@code ---}: correlations and, optionally, their base
 * rules); a referenced rule not in it is looked up among the host's installed rules by id or name.
 * A single window can only hold one group's matches, so memory grows with the matches of the
 * referenced rules, not with the timeline. Correlations of correlations (chaining) are refused with
 * that reason, as is an event without a group-by field (it belongs to no group and is skipped).
 */
public final class SigmaCorrelationAnalyzer implements Analyzer {

    public static final String NAME = "sigma_correlation";

    /** One base-rule match: when, which referenced rule (its position in the list), its group and value. */
    private record Hit(long timestamp, int rule, String value, EventRef event) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Sigma correlations";
    }

    @Override
    public String description() {
        return "Run Sigma correlation rules (event_count, value_count, temporal, temporal_ordered) and tag the events of each match";
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(AnalyzerParameter.optional("rule_yaml", AnalyzerParameter.Type.STRING,
                "Correlation rules and their base rules as YAML documents separated by ---"));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        String yaml = context.kwarg("rule_yaml").filter(y -> !y.isBlank())
                .orElseThrow(() -> new AnalysisException("Give the correlation rules as rule_yaml."));
        Optional<SigmaAnalyzer.RuleSource> host = context.resource(SigmaAnalyzer.RuleSource.class);
        SigmaConverter converter = host.map(SigmaAnalyzer.RuleSource::converter)
                .orElseGet(() -> new SigmaConverter(SigmaConfig.timesketch()));
        List<SigmaCorrelation> correlations = new ArrayList<>();
        Map<String, SigmaRule> rules = new HashMap<>();
        Set<String> correlationNames = new LinkedHashSet<>();
        try {
            host.ifPresent(h -> h.rules().forEach(r -> register(rules, r)));
            for (Map.Entry<String, JsonNode> document : SigmaCorrelation.documents(yaml, "rule_yaml")) {
                if (SigmaCorrelation.isCorrelation(document.getValue())) {
                    SigmaCorrelation correlation = SigmaCorrelation.parse(document.getValue(), "rule_yaml");
                    correlations.add(correlation);
                    correlation.id().ifPresent(correlationNames::add);
                    String name = document.getValue().path("name").asString("");
                    if (!name.isBlank()) {
                        correlationNames.add(name);
                    }
                } else {
                    register(rules, SigmaRule.parse(document.getKey(), "rule_yaml"));
                }
            }
        } catch (SigmaException e) {
            throw new AnalysisException(e.getMessage());
        }
        if (correlations.isEmpty()) {
            throw new AnalysisException("rule_yaml holds no correlation rule (a document with a correlation mapping).");
        }
        long taggedEvents = 0;
        long groups = 0;
        int done = 0;
        for (SigmaCorrelation correlation : correlations) {
            context.progress((double) done++ / correlations.size(), taggedEvents);
            List<SigmaRule> referenced = new ArrayList<>();
            for (String reference : correlation.rules()) {
                if (correlationNames.contains(reference)) {
                    throw new AnalysisException("correlation '" + correlation.title() + "' refers to the correlation '"
                            + reference + "'; correlations of correlations are not supported");
                }
                SigmaRule rule = rules.get(reference);
                if (rule == null) {
                    throw new AnalysisException("correlation '" + correlation.title() + "' refers to rule '" + reference
                            + "', which is neither in rule_yaml nor installed");
                }
                referenced.add(rule);
            }
            Map<List<String>, List<Hit>> byGroup = hits(context, converter, correlation, referenced);
            Set<EventRef> matched = new LinkedHashSet<>();
            for (List<Hit> group : byGroup.values()) {
                group.sort(Comparator.comparingLong(Hit::timestamp));
                int before = matched.size();
                if (correlation.type() == SigmaCorrelation.Type.TEMPORAL_ORDERED) {
                    ordered(correlation, referenced.size(), group, matched);
                } else {
                    windows(correlation, group, matched);
                }
                groups += matched.size() > before ? 1 : 0;
            }
            if (!matched.isEmpty()) {
                context.tag(matched, List.of(correlation.matchTag()));
                context.addAttributes(matched, Map.of("sigma_correlation", correlation.title()));
                context.log(matched.size() + " events tagged " + correlation.matchTag());
            }
            taggedEvents += matched.size();
        }
        context.progress(1, taggedEvents);
        String summary = taggedEvents + " events tagged in " + groups + " matching groups for " + correlations.size()
                + " correlation rules";
        return (taggedEvents > 0 ? AnalyzerOutcome.success(summary) : AnalyzerOutcome.noFindings(summary))
                .count("correlations", correlations.size()).count("groups", groups);
    }

    private static void register(Map<String, SigmaRule> rules, SigmaRule rule) {
        rule.id().ifPresent(id -> rules.put(id, rule));
        String name = rule.document().path("name").asString("");
        if (!name.isBlank()) {
            rules.put(name, rule);
        }
    }

    /** Every referenced rule's matches with their group (events lacking a group-by field are skipped). */
    private static Map<List<String>, List<Hit>> hits(AnalysisContext context, SigmaConverter converter,
                                                     SigmaCorrelation correlation, List<SigmaRule> referenced) {
        Map<List<String>, List<Hit>> byGroup = new LinkedHashMap<>();
        for (int r = 0; r < referenced.size(); r++) {
            SigmaRule rule = referenced.get(r);
            String name = rule.document().path("name").asString("");
            List<List<String>> groupFields = new ArrayList<>();
            for (String field : correlation.groupBy()) {
                String aliased = correlation.aliases().getOrDefault(field, Map.of()).getOrDefault(name, field);
                groupFields.add(converter.eventFields(rule, aliased));
            }
            List<String> valueFields = correlation.field().map(f -> converter.eventFields(rule, f)).orElse(List.of());
            List<String> read = new ArrayList<>(List.of("timestamp"));
            groupFields.forEach(read::addAll);
            read.addAll(valueFields);
            String query;
            try {
                query = converter.toQuery(rule);
            } catch (SigmaException e) {
                throw new AnalysisException("correlation '" + correlation.title() + "': " + e.getMessage());
            }
            try (EventStream events = context.stream(query, read)) {
                while (events.hasNext()) {
                    StoredEvent event = events.next();
                    EventFields fields = new EventFields(event.source());
                    List<String> group = new ArrayList<>();
                    for (List<String> targets : groupFields) {
                        first(fields, targets).ifPresent(group::add);
                    }
                    if (group.size() < groupFields.size()) {
                        continue;
                    }
                    String value = first(fields, valueFields).orElse(null);
                    byGroup.computeIfAbsent(group, g -> new ArrayList<>())
                            .add(new Hit(event.timestamp(), r, value, EventRef.of(event)));
                }
            } catch (RuntimeException e) {
                if (e instanceof AnalysisException) {
                    throw e;
                }
                throw new AnalysisException("correlation '" + correlation.title() + "': the event store refused the"
                        + " query of rule '" + rule.source() + "': " + e.getMessage());
            }
        }
        return byGroup;
    }

    private static Optional<String> first(EventFields fields, List<String> targets) {
        for (String target : targets) {
            List<String> texts = fields.texts(target);
            if (!texts.isEmpty()) {
                return Optional.of(texts.getFirst());
            }
        }
        return Optional.empty();
    }

    /**
     * event_count, value_count, temporal: a window ending at each event and reaching back
     * {@code timespan}; its events count when the window's metric satisfies the condition.
     */
    private static void windows(SigmaCorrelation correlation, List<Hit> group, Set<EventRef> matched) {
        Map<String, Integer> values = new HashMap<>();
        Map<Integer, Integer> rules = new HashMap<>();
        int start = 0;
        int markedUpTo = -1;
        for (int end = 0; end < group.size(); end++) {
            Hit hit = group.get(end);
            add(values, rules, hit, 1);
            while (hit.timestamp() - group.get(start).timestamp() > correlation.timespanMicros()) {
                add(values, rules, group.get(start++), -1);
            }
            long metric = switch (correlation.type()) {
                case EVENT_COUNT -> end - start + 1;
                case VALUE_COUNT -> values.size();
                default -> rules.size();
            };
            if (correlation.holds(metric)) {
                for (int i = Math.max(start, markedUpTo + 1); i <= end; i++) {
                    matched.add(group.get(i).event());
                }
                markedUpTo = end;
            }
        }
    }

    private static void add(Map<String, Integer> values, Map<Integer, Integer> rules, Hit hit, int delta) {
        if (hit.value() != null) {
            values.merge(hit.value(), delta, (a, b) -> a + b == 0 ? null : a + b);
        }
        rules.merge(hit.rule(), delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    /**
     * temporal_ordered: for each event of the last listed rule, the latest events of the earlier
     * rules before it, in the listed order, all within {@code timespan}; such a chain matches.
     */
    private static void ordered(SigmaCorrelation correlation, int ruleCount, List<Hit> group, Set<EventRef> matched) {
        for (int end = 0; end < group.size(); end++) {
            Hit last = group.get(end);
            if (last.rule() != ruleCount - 1) {
                continue;
            }
            List<EventRef> chain = new ArrayList<>(List.of(last.event()));
            int need = ruleCount - 2;
            for (int k = end - 1; k >= 0 && need >= 0; k--) {
                Hit hit = group.get(k);
                if (last.timestamp() - hit.timestamp() > correlation.timespanMicros()) {
                    break;
                }
                if (hit.rule() == need && hit.timestamp() <= last.timestamp()) {
                    chain.add(hit.event());
                    need--;
                }
            }
            if (need < 0) {
                matched.addAll(chain);
            }
        }
    }
}
