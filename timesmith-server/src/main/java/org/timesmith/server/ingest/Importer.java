package org.timesmith.server.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.timesmith.core.filter.EventFilter;
import org.timesmith.core.filter.EventFilterSyntaxException;
import org.timesmith.core.ingest.CrashPoint;
import org.timesmith.core.ingest.ImportListener;
import org.timesmith.core.ingest.ImportPipeline;
import org.timesmith.core.ingest.ImportSummary;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.normalize.NormalizerOptions;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.Format;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.api.Times;
import org.timesmith.server.config.TimesmithProperties;
import org.timesmith.server.jobs.JobNodes;
import org.timesmith.server.sigma.LiveSigmaService;
import org.timesmith.server.timeline.DataSource;
import org.timesmith.server.timeline.SearchIndex;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;
import org.timesmith.server.timeline.TimelineService;
import tools.jackson.databind.ObjectMapper;

/**
 * Imports a staged upload into the event store in the background: reader → normaliser → bulk
 * writer (with the live Sigma rules run on each event before it is written), with the data source moving {@code queueing → processing → ready | fail} and its counts
 * and first rejections recorded. Event ids derive from the upload's content, so an import that is
 * run again (after a restart, or a re-sent batch) overwrites instead of duplicating. On start, every
 * unfinished import that no live node will finish is queued again (an attempt still queued in JobRunr,
 * or running on a node whose job server still beats, is left alone: with several nodes, one node's
 * start must not restart another's imports); an attempt whose staged file is gone fails with the
 * reason, so no timeline stays in {@code processing}. That check runs once all beans exist and
 * before the web server accepts uploads or the demo setup queues its timeline.
 */
@Service
public class Importer implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    /** Separates a content key from the hash of the upload's event filter ({@link UploadService#contentKey}). */
    static final String FILTER_KEY = " filter:";

    private final TimelineRepository timelines;
    private final TimelineService timelineService;
    private final TaskRepository tasks;
    private final EventStore store;
    private final JobRequestScheduler scheduler;
    private final TimesmithProperties properties;
    private final Times times;
    private final boolean backgroundJobs;
    private final ObjectMapper json;
    private final JobNodes jobNodes;
    private final int mappingUpperLimit;
    private final List<Long> resumedAtStart = new ArrayList<>();
    private final org.springframework.context.ApplicationEventPublisher events;
    private final LiveSigmaService liveSigma;

    public Importer(TimelineRepository timelines, TimelineService timelineService, TaskRepository tasks,
                    EventStore store, JobRequestScheduler scheduler, TimesmithProperties properties, Times times,
                    @Value("${timesmith.background-jobs:true}") boolean backgroundJobs, ObjectMapper json,
                    JobNodes jobNodes, @Value("${timesmith.mapping-upper-limit:1000}") int mappingUpperLimit,
                    org.springframework.context.ApplicationEventPublisher events, LiveSigmaService liveSigma) {
        this.liveSigma = liveSigma;
        this.mappingUpperLimit = mappingUpperLimit;
        this.events = events;
        this.timelines = timelines;
        this.timelineService = timelineService;
        this.tasks = tasks;
        this.store = store;
        this.scheduler = scheduler;
        this.properties = properties;
        this.times = times;
        this.backgroundJobs = backgroundJobs;
        this.json = json;
        this.jobNodes = jobNodes;
    }

    /** Queues a new attempt for the data source; an older attempt still known to JobRunr becomes a no-op. */
    public void enqueue(DataSource source) {
        UUID jobId = UUID.randomUUID();
        timelines.setDataSourceJob(source.id(), jobId.toString(), DataSource.QUEUEING);
        scheduler.enqueue(jobId, new ImportJobRequest(source.id(), jobId.toString()));
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (backgroundJobs) {
            resumeUnfinished();
        }
    }

    /** The data sources this start queued again because no live node would finish them. */
    public List<Long> resumedAtStart() {
        return List.copyOf(resumedAtStart);
    }

    private void resumeUnfinished() {
        Set<UUID> liveServers = jobNodes.liveServers();
        for (DataSource source : timelines.unfinishedDataSources()) {
            JobNodes.Attempt attempt = jobNodes.attempt(source.jobId(), liveServers);
            if (attempt == JobNodes.Attempt.RUNNING_ON_LIVE_NODE) {
                LOG.info("the import of data source {} is running on a live node; left alone", source.id());
                continue;
            }
            Path staged = properties.uploads().resolve(source.fileOnDisk());
            if (source.fileOnDisk().isEmpty() || !Files.isRegularFile(staged)) {
                finish(source, DataSource.FAIL, 0, 0, 0,
                        "The server stopped during the import and the uploaded file is gone; upload it again.");
            } else if (attempt == JobNodes.Attempt.QUEUED) {
                LOG.info("the import of data source {} is queued; a worker will run it", source.id());
            } else {
                LOG.info("the import of data source {} was left unfinished and no live node runs it; importing it again",
                        source.id());
                resumedAtStart.add(source.id());
                enqueue(source);
            }
        }
    }

    /** Imports a queued data source in the calling thread instead of a background job; returns its outcome. */
    public DataSource runNow(DataSource source) {
        String jobId = UUID.randomUUID().toString();
        timelines.setDataSourceJob(source.id(), jobId, DataSource.QUEUEING);
        run(source.id(), jobId);
        return timelines.dataSource(source.id()).orElseThrow();
    }

    /** Runs one attempt; does nothing if the data source was deleted or another attempt replaced this one. */
    public void run(long dataSourceId, String jobId) {
        Optional<DataSource> found = timelines.dataSource(dataSourceId);
        if (found.isEmpty() || !found.get().unfinished() || !jobId.equals(found.get().jobId())) {
            return;
        }
        DataSource source = found.get();
        Optional<Timeline> timeline = timelines.timeline(source.timelineId());
        if (timeline.isEmpty()) {
            return;
        }
        SearchIndex index = timelines.index(timeline.get().searchIndexId()).orElseThrow();
        LOG.info("import of data source {} into {} started", source.id(), index.indexName());
        timelines.setDataSourceResult(source.id(), DataSource.PROCESSING, 0, 0, 0, 0, "");
        tasks.setState(source.taskId(), Task.STARTED, "");
        timelineService.refreshStatus(source.timelineId());
        Path staged = properties.uploads().resolve(source.fileOnDisk());
        String sourceName = source.originalFilename().isEmpty() ? "events" : source.originalFilename();
        if (!Files.isRegularFile(staged)) {
            finish(source, DataSource.FAIL, 0, 0, 0, "The uploaded file " + sourceName + " is not in this node's"
                    + " uploads folder " + properties.uploads() + "; every node must share the same uploads folder"
                    + " (timesmith.uploads). Upload the file again.");
            return;
        }
        Optional<EventFilter> filter;
        try {
            filter = source.plasoEventFilter().isBlank() ? Optional.empty()
                    : Optional.of(EventFilter.parse(source.plasoEventFilter()));
        } catch (EventFilterSyntaxException e) {
            // Checked at upload; only an expression stored by another version of the server gets here.
            finish(source, DataSource.FAIL, 0, 0, 0, 0, "plaso_event_filter: " + e.getMessage());
            return;
        }
        try {
            Format format = Format.parse(source.format());
            Optional<Character> delimiter = source.delimiter().isEmpty() ? Optional.empty()
                    : Optional.of(source.delimiter().charAt(0));
            ReaderOptions options = new ReaderOptions(Format.AUTO.equals(format) ? Readers.detect(staged) : format, sourceName,
                    delimiter, Optional.empty());
            HeadersMapping mapping = HeadersMapping.parse(source.headersMapping(), json);
            store.createIndex(index.indexName());
            store.openIndex(index.indexName()); // an archived index takes new events again
            ImportSummary summary;
            try (EventReader reader = mapping.wrap(Readers.open(staged, options));
                 // The live Sigma rules see each event as it will be stored and add their tags before
                 // the mapping limit counts its fields.
                 BulkWriter writer = liveSigma.wrap(new MappingLimit(store.bulkWriter(index.indexName()),
                         mappingUpperLimit, timeline.get().name(), index.indexName()))) {
                Normalizer normalizer = new Normalizer(NormalizerOptions.defaults(
                        eventIdSeed(source.contentKey()) + "@" + source.timelineId(), source.timelineId()), sourceName);
                summary = ImportPipeline.run(reader, normalizer, writer, filter, progress(source.id()));
            }
            store.refresh(index.indexName());
            CrashPoint.reach(CrashPoint.READY);
            // Nothing indexed because every record was rejected fails; because the filter matched nothing does not.
            boolean failed = summary.indexed() == 0 && summary.rejected() > 0 && summary.filtered() == 0;
            String report = summary.rejected() > 0 ? summary.rejectionReport() : "";
            if (summary.read() == 0) {
                failed = true;
                report = sourceName + ": no records found";
            }
            finish(source, failed ? DataSource.FAIL : DataSource.READY, summary.read(), summary.indexed(),
                    summary.rejected(), summary.filtered(), report);
        } catch (InputFormatException e) {
            finish(source, DataSource.FAIL, 0, 0, 0, 0, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (interrupted(e)) {
                // The node is stopping: leave the data source and its staged file as they are so the
                // job's retry (here after a restart, or on another node) imports it again; the
                // deterministic event ids make the redo overwrite instead of duplicate.
                throw new IllegalStateException("import of data source " + source.id() + " interrupted", e);
            }
            LOG.error("import of data source {} failed", source.id(), e);
            finish(source, DataSource.FAIL, 0, 0, 0, 0, failure(e));
        }
    }

    /**
     * What event ids derive from: the content key without the event filter's hash, so that the events
     * two imports of one file with different filters share get the same ids in a timeline.
     */
    static String eventIdSeed(String contentKey) {
        int filter = contentKey.indexOf(FILTER_KEY);
        return filter < 0 ? contentKey : contentKey.substring(0, filter);
    }

    /**
     * The failure as the user reads it. A full disk shows as "No space left on device" deep in Lucene's
     * or OpenSearch's error, or as SQLite's SQLITE_FULL when the progress could not be recorded; either
     * way the user needs to know the disk is full, not which layer noticed first.
     */
    static String failure(Exception error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("No space left on device") || message.contains("SQLITE_FULL")) {
                return "Import failed: no space left on device (the disk of the data directory or uploads folder is"
                        + " full). The events indexed before this import are intact; free space, then upload the file"
                        + " again.";
            }
        }
        return "Import failed: " + error.getMessage();
    }

    private static boolean interrupted(Throwable error) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private ImportListener progress(long dataSourceId) {
        Instant[] last = {times.instant()};
        return new ImportListener() {
            @Override
            public void progress(long read, long indexed, long rejected, long bytes) {
                progress(read, indexed, rejected, 0, bytes);
            }

            @Override
            public void progress(long read, long indexed, long rejected, long filtered, long bytes) {
                Instant now = times.instant();
                if (Duration.between(last[0], now).compareTo(PROGRESS_INTERVAL) >= 0) {
                    last[0] = now;
                    timelines.setDataSourceResult(dataSourceId, DataSource.PROCESSING, read, indexed, rejected,
                            filtered, "");
                }
            }
        };
    }

    private void finish(DataSource source, String status, long read, long indexed, long rejected, String message) {
        finish(source, status, read, indexed, rejected, 0, message);
    }

    private void finish(DataSource source, String status, long read, long indexed, long rejected, long filtered,
                        String message) {
        LOG.info("import of data source {} ended {}: {} read, {} indexed, {} rejected, {} filtered out", source.id(),
                status, read, indexed, rejected, filtered);
        if (DataSource.FAIL.equals(status)) {
            // first, as a failed import's file is not needed again: when the disk is full, its space
            // is what lets the metadata database record the failure at all
            deleteStaged(source);
        }
        timelines.setDataSourceResult(source.id(), status, read, indexed, rejected, filtered, message);
        tasks.setState(source.taskId(), DataSource.READY.equals(status) ? Task.SUCCESS : Task.FAILURE,
                DataSource.READY.equals(status) ? "indexed " + indexed + " of " + read + " records"
                        + (filtered > 0 ? " (" + filtered + " left out by the plaso_event_filter)" : "") : message);
        timelineService.refreshStatus(source.timelineId());
        deleteStaged(source);
        events.publishEvent(new ImportFinished(source.id(), source.timelineId(), status));
    }

    private void deleteStaged(DataSource source) {
        if (!source.fileOnDisk().isEmpty()) {
            try {
                Files.deleteIfExists(properties.uploads().resolve(source.fileOnDisk()));
            } catch (IOException e) {
                LOG.warn("cannot remove the staged upload {}", source.fileOnDisk(), e);
            }
        }
    }
}
