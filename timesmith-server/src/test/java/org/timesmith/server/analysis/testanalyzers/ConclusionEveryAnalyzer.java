package org.timesmith.server.analysis.testanalyzers;

import java.util.List;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Test analyzer (found by ServiceLoader from the test class path): streams every event and adds one
 * conclusion per {@code every} events (kwarg, default 10) to the question "Which events start a
 * group?", the group's first event as its fact; tags that event and saves a search for the tag.
 */
public final class ConclusionEveryAnalyzer implements Analyzer {

    public static final String QUESTION = "Which events start a group?";

    @Override
    public String name() {
        return "test_conclusion_every";
    }

    @Override
    public String displayName() {
        return "Test: a conclusion every N events";
    }

    @Override
    public String description() {
        return "Adds one conclusion per N events (test)";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        int every = context.kwarg("every").map(Integer::parseInt).orElse(10);
        AnalysisContext.Pending question = context.question(QUESTION);
        long n = 0;
        long groups = 0;
        try (EventStream events = context.stream("*", List.of("message"))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                if (n++ % every == 0) {
                    groups++;
                    context.addConclusion(question, "group " + groups + " starts at " + event.source().get("message"),
                            List.of(EventRef.of(event)));
                    context.tag(List.of(EventRef.of(event)), List.of("group_start"));
                }
            }
        }
        context.addSavedSearch("Group starts", "tag:group_start", "Events that start a group of " + every);
        context.log(groups + " groups of " + every);
        return AnalyzerOutcome.success(groups + " conclusions over " + n + " events").count("groups", groups);
    }
}
