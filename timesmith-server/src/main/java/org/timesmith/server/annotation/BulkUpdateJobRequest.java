package org.timesmith.server.annotation;

import org.jobrunr.jobs.lambdas.JobRequest;

/** A JobRunr job applying one bulk annotation (the task row holds the query and the change). */
public record BulkUpdateJobRequest(String taskId) implements JobRequest {

    @Override
    public Class<BulkUpdateJobHandler> getJobRequestHandler() {
        return BulkUpdateJobHandler.class;
    }
}
