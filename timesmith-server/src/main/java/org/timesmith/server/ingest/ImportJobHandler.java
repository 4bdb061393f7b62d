package org.timesmith.server.ingest;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

/** Runs {@link ImportJobRequest}s on JobRunr's workers. */
@Component
public class ImportJobHandler implements JobRequestHandler<ImportJobRequest> {

    private final Importer importer;

    public ImportJobHandler(Importer importer) {
        this.importer = importer;
    }

    @Override
    @Job(name = "Import data source %0", retries = 0)
    public void run(ImportJobRequest request) {
        importer.run(request.dataSourceId(), request.attempt());
    }
}
