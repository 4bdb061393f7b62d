package org.timesmith.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an analyzer says about its own run: a status, Timesketch's priority, a one-line summary, its
 * own counts (merged with the counts the context keeps) and references (URLs). The run adds timings
 * and links to what the run created, giving the {@link AnalysisResult}.
 */
public record AnalyzerOutcome(AnalysisResult.Status status, AnalysisResult.Priority priority, String summary,
                              Map<String, Long> counts, List<String> references) {

    public AnalyzerOutcome {
        Objects.requireNonNull(status);
        Objects.requireNonNull(priority);
        Objects.requireNonNull(summary);
        counts = Map.copyOf(counts);
        references = List.copyOf(references);
    }

    public static AnalyzerOutcome success(String summary) {
        return new AnalyzerOutcome(AnalysisResult.Status.SUCCESS, AnalysisResult.Priority.NOTE, summary, Map.of(), List.of());
    }

    public static AnalyzerOutcome noFindings(String summary) {
        return new AnalyzerOutcome(AnalysisResult.Status.NO_FINDINGS, AnalysisResult.Priority.NOTE, summary, Map.of(), List.of());
    }

    /**
     * A run that could not finish but whose findings so far are complete and worth keeping (an
     * external agent that dropped the connection after some findings): they are committed, and the
     * run ends ERROR with this summary as its reason.
     */
    public static AnalyzerOutcome failedKeepingFindings(String summary) {
        return new AnalyzerOutcome(AnalysisResult.Status.ERROR, AnalysisResult.Priority.NOTE, summary, Map.of(), List.of());
    }

    /** This outcome with one more count (the analyzer's own measure, for example {@code rules_failed}). */
    public AnalyzerOutcome count(String name, long value) {
        Map<String, Long> more = new LinkedHashMap<>(counts);
        more.put(name, value);
        return new AnalyzerOutcome(status, priority, summary, more, references);
    }

    public AnalyzerOutcome priority(AnalysisResult.Priority value) {
        return new AnalyzerOutcome(status, value, summary, counts, references);
    }

    public AnalyzerOutcome reference(String url) {
        return new AnalyzerOutcome(status, priority, summary, counts,
                java.util.stream.Stream.concat(references.stream(), java.util.stream.Stream.of(url)).toList());
    }
}
