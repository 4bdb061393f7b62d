package org.timesmith.analysis;

/**
 * Where a run reports to while it works: lines for the session log the user reads, and progress as
 * a fraction and the number of events seen so far. Implementations must be cheap and thread-safe;
 * analyzers call them often, from parallel slices too.
 */
public interface AnalysisListener {

    /** Ignores everything (for runs nobody watches). */
    AnalysisListener NONE = new AnalysisListener() {
        @Override
        public void log(String line) {
        }

        @Override
        public void progress(double fraction, long eventsSeen) {
        }
    };

    /** Appends one line to the session log. */
    void log(String line);

    /** The fraction done (0..1, negative if unknown) and the events seen so far (monotonic within a run). */
    void progress(double fraction, long eventsSeen);
}
