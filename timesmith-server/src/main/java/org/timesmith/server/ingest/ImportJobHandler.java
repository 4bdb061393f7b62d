package org.timesmith.server.ingest;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;
import org.timesmith.core.store.ThreadPriority;

/** Runs {@link ImportJobRequest}s on JobRunr's workers. */
@Component
public class ImportJobHandler implements JobRequestHandler<ImportJobRequest> {

    private final Importer importer;

    public ImportJobHandler(Importer importer) {
        this.importer = importer;
    }

    /**
     * {@link Importer#run} records every failure itself and never throws, so JobRunr only retries
     * an attempt whose node died or stopped mid-import (an orphaned job): any other node's worker
     * then runs it again, and deterministic event ids make the rerun overwrite, not duplicate.
     */
    @Override
    @Job(name = "Import data source %0", retries = 3)
    public void run(ImportJobRequest request) {
        ThreadPriority.background(); // a worker of background jobs: searches go first
        importer.run(request.dataSourceId(), request.attempt());
    }
}
