package org.timesmith.analysis.llm;

import java.util.List;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;

/**
 * {@code llm_log_analyzer} (Timesketch's analyzer of the same name): the background-job face of
 * the {@link LogAnalyzer} feature. One run covers every ready timeline of the sketch; it takes the
 * provider configured for the {@code log_analyzer} feature from the host ({@link LlmProviders}) and
 * summarises what the feature did as "Processed N findings: …". A failure after findings arrived
 * keeps them and ends the run ERROR with the reason.
 */
public final class LlmLogAnalyzer implements Analyzer {

    public static final String NAME = "llm_log_analyzer";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "LLM Log Analyzer";
    }

    @Override
    public String description() {
        return "Streams every event of the sketch's timelines to the configured log analysis agent and turns its "
                + "findings into investigative questions and conclusions for review";
    }

    @Override
    public boolean sketchWide() {
        return true;
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(new AnalyzerParameter("query", AnalyzerParameter.Type.STRING,
                        "Only the events matching this query (default: all)", false, java.util.Optional.of("*")),
                new AnalyzerParameter("fields", AnalyzerParameter.Type.STRING,
                        "Only these fields of each event, comma-separated (default: the whole event)", false,
                        java.util.Optional.empty()),
                new AnalyzerParameter("parallel", AnalyzerParameter.Type.BOOLEAN,
                        "Read the timelines in parallel slices (faster; events then not in one time order)", false,
                        java.util.Optional.of("false")));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        LlmProvider provider = context.resource(LlmProviders.class).orElse(LlmProviders.NONE)
                .forFeature(LogAnalyzer.FEATURE)
                .orElseThrow(() -> new AnalysisException("No LLM provider is configured for the " + LogAnalyzer.FEATURE
                        + " feature (timesmith.llm.features." + LogAnalyzer.FEATURE + ".provider)."));
        String query = context.kwarg("query").filter(q -> !q.isBlank()).orElse("*");
        List<String> fields = context.kwarg("fields").map(f -> java.util.Arrays.stream(f.split(","))
                .map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
        boolean parallel = context.kwarg("parallel").map(p -> p.equalsIgnoreCase("true")).orElse(false);
        LogAnalyzer.Report report;
        AnalysisContext.Step step = context.step("agent");
        try {
            LogAnalyzer.Options defaults = LogAnalyzer.Options.defaults(query, NAME);
            report = new LogAnalyzer().execute(context, provider, new LogAnalyzer.Options(query, fields, parallel,
                    defaults.maxLineBytes(), defaults.maxErrorLines(), NAME));
        } catch (LlmException e) {
            throw new AnalysisException(e.getMessage(), e);
        } finally {
            step.close();
        }
        context.log(report.summary());
        AnalyzerOutcome outcome = report.failure().isPresent() ? AnalyzerOutcome.failedKeepingFindings(report.summary())
                : report.findings() == 0 ? AnalyzerOutcome.noFindings(report.summary())
                : AnalyzerOutcome.success(report.summary());
        for (var count : report.counts().entrySet()) {
            outcome = outcome.count(count.getKey(), count.getValue());
        }
        return outcome;
    }
}
