package org.timesmith.analysis.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisResult;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's account finder: sums up the accounts the feature extraction stored in
 * {@code found_account} (Gmail, GitHub, LinkedIn …), per account tag ({@code gmail-account} …):
 * how many events show each account. It annotates nothing; the accounts are in the summary, the
 * log and the counts ({@code <tag>:<account>}). Run it after {@code feature_extraction}.
 */
public final class AccountFinderAnalyzer implements Analyzer {

    public static final String NAME = "account_finder";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Account finder";
    }

    @Override
    public String description() {
        return "Extract accounts found by the feature extraction (run feature_extraction first)";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Map<String, Map<String, Long>> accounts = new TreeMap<>();
        try (EventStream events = context.stream("_exists_:found_account AND _exists_:tag", List.of("found_account", "tag"))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                Object account = event.source().get("found_account");
                if (account == null || !(event.source().get("tag") instanceof Collection<?> tags)) {
                    continue;
                }
                for (Object tag : tags) {
                    if (String.valueOf(tag).contains("-account")) {
                        accounts.computeIfAbsent(String.valueOf(tag), t -> new TreeMap<>())
                                .merge(String.valueOf(account), 1L, Long::sum);
                    }
                }
            }
        }
        if (accounts.isEmpty()) {
            return AnalyzerOutcome.noFindings("Account finder was unable to extract any accounts.").count("accounts", 0);
        }
        long distinct = accounts.values().stream().mapToLong(Map::size).sum();
        AnalyzerOutcome outcome = AnalyzerOutcome.success("Account finder identified use of the following accounts: "
                + accounts).priority(AnalysisResult.Priority.LOW).count("accounts", distinct);
        for (Map.Entry<String, Map<String, Long>> tag : accounts.entrySet()) {
            for (Map.Entry<String, Long> account : tag.getValue().entrySet()) {
                context.log(tag.getKey() + ": " + account.getKey() + " in " + account.getValue() + " events");
                outcome = outcome.count(tag.getKey() + ":" + account.getKey(), account.getValue());
            }
        }
        return outcome;
    }
}
