package org.timesmith.server.analysis;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;
import org.timesmith.core.store.ThreadPriority;

/** Runs {@link AnalysisJobRequest}s on JobRunr's workers. */
@Component
public class AnalysisJobHandler implements JobRequestHandler<AnalysisJobRequest> {

    private final AnalysisService service;

    public AnalysisJobHandler(AnalysisService service) {
        this.service = service;
    }

    /** {@link AnalysisService#execute} records every outcome itself; a retry would find the analysis no longer pending. */
    @Override
    @Job(name = "Analysis %0", retries = 0)
    public void run(AnalysisJobRequest request) {
        ThreadPriority.background(); // a worker of background jobs: searches go first
        service.execute(request.analysisId());
    }
}
