package org.timesmith.analysis;

/**
 * An analyzer: a named piece of work over the events of one or more timelines of a sketch, which
 * reads events through its {@link AnalysisContext} (search, stream, count), annotates them (tags,
 * labels, attributes) and returns a one-line summary of what it did. Analyzers hold no per-run
 * state, so one instance serves every run; a run that cannot finish throws
 * {@link AnalysisException} with a message meant for the user.
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
     * Analyses the context's timelines and returns the result summary (for example
     * {@code "12 events tagged for 3 rules"}).
     */
    String run(AnalysisContext context);
}
