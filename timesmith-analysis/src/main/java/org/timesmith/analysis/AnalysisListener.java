package org.timesmith.analysis;

/**
 * Where a run reports to while it works: lines for the session log the user reads, and progress as
 * the number of events handled so far. Implementations must be cheap; analyzers call them often.
 */
public interface AnalysisListener {

    /** Ignores everything (for runs nobody watches). */
    AnalysisListener NONE = new AnalysisListener() {
        @Override
        public void log(String line) {
        }

        @Override
        public void progress(long eventsDone) {
        }
    };

    /** Appends one line to the session log. */
    void log(String line);

    /** The number of events handled so far (monotonic within a run). */
    void progress(long eventsDone);
}
