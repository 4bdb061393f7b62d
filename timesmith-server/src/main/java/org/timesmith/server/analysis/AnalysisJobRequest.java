package org.timesmith.server.analysis;

import org.jobrunr.jobs.lambdas.JobRequest;

/** A JobRunr job running one analysis (the analysis row holds the analyzer, timeline and kwargs). */
public record AnalysisJobRequest(long analysisId) implements JobRequest {

    @Override
    public Class<AnalysisJobHandler> getJobRequestHandler() {
        return AnalysisJobHandler.class;
    }
}
