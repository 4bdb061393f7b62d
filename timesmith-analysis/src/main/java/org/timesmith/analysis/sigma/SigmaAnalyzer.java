package org.timesmith.analysis.sigma;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.core.store.StoreException;

/**
 * Runs every active Sigma rule over the timelines and tags the matching events
 * {@code sigma_<rule title>} (the rule id when it has no title), as Timesketch's Sigma analyzer does.
 * A rule that does not convert, or whose query the store refuses, is skipped with its reason in the
 * session log and counted in the result, so no rule is dropped silently. The keyword argument
 * {@code rule_uuid} restricts the run to one rule.
 */
public final class SigmaAnalyzer implements Analyzer {

    public static final String NAME = "sigma";

    /**
     * The host's installed rules and the converter with its field mapping, offered to the analyzer
     * as an {@link org.timesmith.analysis.AnalyzerResources} entry (the server's sigma package does).
     */
    public interface RuleSource {
        /** The installed rules, asked for at the start of every run. */
        Collection<SigmaRule> rules();

        SigmaConverter converter();

        static RuleSource of(Supplier<? extends Collection<SigmaRule>> rules, SigmaConverter converter) {
            return new RuleSource() {
                @Override
                public Collection<SigmaRule> rules() {
                    return List.copyOf(rules.get());
                }

                @Override
                public SigmaConverter converter() {
                    return converter;
                }
            };
        }
    }

    /** The {@link java.util.ServiceLoader} constructor: rules come from the run's {@link RuleSource}. */
    public SigmaAnalyzer() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Sigma";
    }

    @Override
    public String description() {
        return "Run the installed Sigma rules (all but deprecated and unsupported ones) and tag matching events";
    }

    @Override
    public List<org.timesmith.analysis.AnalyzerParameter> parameters() {
        return List.of(org.timesmith.analysis.AnalyzerParameter.optional("rule_uuid",
                org.timesmith.analysis.AnalyzerParameter.Type.STRING, "Run only the Sigma rule with this id"));
    }

    /** The tag a rule gives its matches. */
    public static String tag(SigmaRule rule) {
        return rule.matchTag();
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        RuleSource source = context.resource(RuleSource.class)
                .orElseThrow(() -> new AnalysisException("This server offers no Sigma rules to the analyzer."));
        SigmaConverter converter = source.converter();
        Optional<String> only = context.kwarg("rule_uuid");
        List<SigmaRule> selected = source.rules().stream()
                .filter(SigmaRule::active)
                .filter(r -> only.isEmpty() || only.equals(r.id()))
                .toList();
        if (only.isPresent() && selected.isEmpty()) {
            throw new AnalysisException("No active Sigma rule with id " + only.get() + ".");
        }
        long tagged = 0;
        int matchingRules = 0;
        int failedRules = 0;
        int done = 0;
        Map<String, Long> hitsByRule = new LinkedHashMap<>();
        Map<String, Long> millisByRule = new LinkedHashMap<>();
        for (SigmaRule rule : selected) {
            context.progress(selected.isEmpty() ? 1 : (double) done++ / selected.size(), tagged);
            String query;
            try {
                query = converter.toQuery(rule);
            } catch (SigmaException e) {
                context.log("skipped " + e.getMessage());
                failedRules++;
                continue;
            }
            long matches;
            long started = System.nanoTime();
            try {
                matches = context.tagMatching(query, List.of(tag(rule)));
            } catch (StoreException e) {
                throw e;
            } catch (RuntimeException e) {
                // The store refuses a query as IllegalArgumentException, or (Lucene) with its own
                // exceptions for queries over its size limits; either way only this rule cannot run.
                context.log("skipped rule '" + rule.source() + "': the event store refused its query: " + e.getMessage());
                failedRules++;
                continue;
            }
            if (matches > 0) {
                matchingRules++;
                tagged += matches;
                hitsByRule.merge(tag(rule), matches, Long::sum);
                context.log(matches + " events tagged " + tag(rule) + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            millisByRule.merge(tag(rule), (System.nanoTime() - started) / 1_000_000, Long::sum);
        }
        context.progress(1, tagged);
        context.log("slowest rules: " + millisByRule.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5).map(e -> e.getKey() + " " + e.getValue() + " ms").collect(java.util.stream.Collectors.joining(", ")));
        if (failedRules > 0 && failedRules == selected.size()) {
            throw new AnalysisException("None of the " + failedRules + " Sigma rules could run; see the log.");
        }
        String summary = tagged + " events tagged for " + matchingRules + " rules"
                + (failedRules > 0 ? " (" + failedRules + " of " + selected.size() + " rules could not run; see the log)" : "");
        AnalyzerOutcome outcome = (tagged > 0 ? AnalyzerOutcome.success(summary) : AnalyzerOutcome.noFindings(summary))
                .count("rules", selected.size()).count("rules_matching", matchingRules).count("rules_failed", failedRules);
        for (Map.Entry<String, Long> hits : hitsByRule.entrySet()) {
            outcome = outcome.count(hits.getKey(), hits.getValue());
        }
        return outcome;
    }
}
