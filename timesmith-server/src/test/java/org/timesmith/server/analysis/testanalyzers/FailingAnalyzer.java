package org.timesmith.server.analysis.testanalyzers;

import java.util.List;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/** Test analyzer: finds things (conclusion, tag, saved search, story), then fails. */
public final class FailingAnalyzer implements Analyzer {

    public static final String QUESTION = "Does a failing analyzer leave anything behind?";

    @Override
    public String name() {
        return "test_failing";
    }

    @Override
    public String displayName() {
        return "Test: fails after finding things";
    }

    @Override
    public String description() {
        return "Fails half-way (test)";
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        AnalysisContext.Pending question = context.question(QUESTION);
        try (EventStream events = context.stream("*", List.of())) {
            StoredEvent first = events.next();
            context.addConclusion(question, "half-way", List.of(EventRef.of(first)));
            context.tag(List.of(EventRef.of(first)), List.of("half_written"));
        }
        context.tagMatching("*", List.of("half_written_all"));
        context.addSavedSearch("Half written", "tag:half_written", "");
        context.addStory("Half written", List.of("should not exist"));
        throw new AnalysisException("The test analyzer fails on purpose half-way.");
    }
}
