package org.timesmith.server.analysis;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.timesmith.server.timeline.DataSource;
import org.timesmith.server.ingest.ImportFinished;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;

/**
 * Runs the deployment's analyzers after every import that leaves its timeline ready, as
 * Timesketch does with its auto-run analyzers: {@code timesmith.analyzers.auto-run} lists them
 * (comma-separated names or patterns; empty: none). They run as the timeline's owner in one
 * analysis session, through the same jobs as the Analyze screen, so they show up among the
 * sketch's analysis sessions; an analyzer that has run on the timeline is not run again. A failure
 * to queue them is logged and never fails the import.
 */
@Component
public class AnalysisAfterImport {

    /** Cheap analyzers that depend on no other one (account_finder needs feature_extraction first). */
    public static final String DEFAULT = "tagger,feature_extraction,domain,browser_search,browser_timeframe,"
            + "phishy_domains,gcp_logging,gcp_servicekey";

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisAfterImport.class);

    private final AnalysisService analyses;
    private final TimelineRepository timelines;
    private final List<String> names;

    public AnalysisAfterImport(AnalysisService analyses, TimelineRepository timelines,
                               @Value("${timesmith.analyzers.auto-run:" + DEFAULT + "}") String names) {
        this.analyses = analyses;
        this.timelines = timelines;
        this.names = Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    /** The analyzer names or patterns run after each import. */
    public List<String> names() {
        return names;
    }

    @EventListener
    public void importFinished(ImportFinished finished) {
        if (names.isEmpty() || !DataSource.READY.equals(finished.status())) {
            return;
        }
        try {
            timelines.timeline(finished.timelineId()).filter(t -> Timeline.READY.equals(t.status()))
                    .ifPresent(timeline -> {
                        int sessions = analyses.runAfterImport(timeline, names).size();
                        LOG.info("after the import of data source {}: {} analysis session(s) queued for timeline {}",
                                finished.dataSourceId(), sessions, timeline.id());
                    });
        } catch (RuntimeException e) {
            LOG.error("cannot queue the analyzers to run after the import of data source {}", finished.dataSourceId(), e);
        }
    }
}
