package org.timesmith.server.annotation;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;
import org.timesmith.core.store.ThreadPriority;

/** Runs {@link BulkUpdateJobRequest}s on JobRunr's workers. */
@Component
public class BulkUpdateJobHandler implements JobRequestHandler<BulkUpdateJobRequest> {

    private final BulkUpdateService service;

    public BulkUpdateJobHandler(BulkUpdateService service) {
        this.service = service;
    }

    @Override
    @Job(name = "Bulk annotation %0", retries = 0)
    public void run(BulkUpdateJobRequest request) {
        ThreadPriority.background(); // a worker of background jobs: searches go first
        service.run(request.taskId());
    }
}
