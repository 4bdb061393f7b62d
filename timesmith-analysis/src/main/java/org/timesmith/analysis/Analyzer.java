package org.timesmith.analysis;

/**
 * An analyzer: a named piece of work over the events of one or more timelines of a sketch, which
 * reads events through its {@link AnalysisContext}, annotates them, adds saved searches, stories,
 * questions and conclusions, and returns an {@link AnalyzerOutcome}. Analyzers are found by name
 * through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/org.timesmith.analysis.Analyzer}), so an analyzer has a public no-argument
 * constructor, holds no per-run state (one instance serves every run, possibly at once) and reaches
 * host services through {@link AnalysisContext#resource}. A run that cannot finish throws
 * {@link AnalysisException} with a message meant for the user; nothing it buffered is written.
 * See docs/analyzers.md.
 */
public interface Analyzer {

    /** The stable name clients run it by (for example {@code sigma}); lowercase, no spaces. */
    String name();

    /** The name shown to users. */
    String displayName();

    String description();

    /** Whether the analyzer fans out into several sub-runs (Timesketch's multi analyzers). */
    default boolean isMulti() {
        return false;
    }

    /**
     * Whether one run covers every ready timeline of the sketch (Timesketch's sketch-wide analyzers,
     * such as {@code llm_log_analyzer}) instead of one run per timeline: a request then starts one
     * analysis, recorded on the first timeline it names.
     */
    default boolean sketchWide() {
        return false;
    }

    /** The keyword arguments it reads, for clients to offer as typed fields (none by default). */
    default java.util.List<AnalyzerParameter> parameters() {
        return java.util.List.of();
    }

    /** Analyses the context's timelines; the summary is one line (for example {@code "12 events tagged for 3 rules"}). */
    AnalyzerOutcome run(AnalysisContext context);
}
