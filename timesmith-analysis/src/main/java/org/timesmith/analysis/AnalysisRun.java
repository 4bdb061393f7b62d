package org.timesmith.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one analyzer on a context and turns what happened into an {@link AnalysisResult}: the
 * analyzer works against the buffered context ({@code analyze} step), then the findings are
 * committed ({@code commit} step). If the analyzer throws, the buffer is dropped and nothing is
 * written; if the commit fails, it undoes itself (see {@link BufferedAnalysisContext}). Either way
 * the result has status ERROR and says why, and the log's last line says it too. An analyzer that
 * returns an ERROR outcome ({@link AnalyzerOutcome#failedKeepingFindings}) has its findings committed
 * and ends ERROR with its summary as the reason. Never throws for a failing analyzer.
 */
public final class AnalysisRun {

    private AnalysisRun() {
    }

    public static AnalysisResult run(Analyzer analyzer, BufferedAnalysisContext context) {
        AnalyzerOutcome outcome;
        AnalysisContext.Step analyze = context.step("analyze");
        try {
            outcome = analyzer.run(context);
        } catch (AnalysisException e) {
            analyze.close();
            return failed(analyzer, context, e.getMessage());
        } catch (RuntimeException e) {
            analyze.close();
            return failed(analyzer, context, "The analyzer failed: " + describe(e));
        }
        analyze.close();
        AnalysisResult.Created created;
        Map<String, Long> counts = context.counts();
        AnalysisContext.Step commit = context.step("commit");
        try {
            created = context.commit();
        } catch (RuntimeException e) {
            return failed(analyzer, context, "Writing the analyzer's findings failed, nothing was kept: " + describe(e));
        } finally {
            commit.close();
        }
        Map<String, Long> all = new LinkedHashMap<>(counts);
        all.putAll(outcome.counts());
        boolean failed = outcome.status() == AnalysisResult.Status.ERROR;
        if (failed) {
            context.log("ERROR: " + outcome.summary());
        }
        return new AnalysisResult(analyzer.name(), outcome.status(), outcome.priority(), outcome.summary(), all,
                context.steps(), created, outcome.references(),
                failed ? Optional.of(outcome.summary()) : Optional.empty());
    }

    private static AnalysisResult failed(Analyzer analyzer, BufferedAnalysisContext context, String reason) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events_seen", context.counts().get("events_seen"));
        context.discard();
        context.log("ERROR: " + reason);
        return new AnalysisResult(analyzer.name(), AnalysisResult.Status.ERROR, AnalysisResult.Priority.NOTE, reason,
                counts, context.steps(), AnalysisResult.Created.NOTHING, List.of(), Optional.of(reason));
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
