package org.timesmith.server.ingest;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * A JobRunr job importing one data source (kept in the metadata DB, so it survives a restart).
 * {@code attempt} is the job id it was queued under: only the data source's current attempt runs.
 */
public record ImportJobRequest(long dataSourceId, String attempt) implements JobRequest {

    @Override
    public Class<ImportJobHandler> getJobRequestHandler() {
        return ImportJobHandler.class;
    }
}
