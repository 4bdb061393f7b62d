package org.timesmith.server.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.jobs.JobNodes;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;

/** A starting node fails the analyses a stopped node left running, never those a live node runs. */
class AnalysisRestartTest {

    @Test
    void startingFailsOnlyAnalysesNoLiveNodeIsRunning() {
        TestServer server = TestServer.shared();
        TsClient alice = server.login("alice");
        long sketchId = Fixtures.sketch(alice, "Analysis restart");
        long timelineId = Fixtures.timeline(server, alice, sketchId, "restart", List.of(Map.of("message", "m",
                "datetime", "2024-01-01T00:00:00+00:00", "timestamp", 1_704_067_200_000_000L,
                "timestamp_desc", "Event Time"))).timelineId();
        long userId = server.bean(UserRepository.class).byUsername("alice").orElseThrow().id();
        AnalysisRepository analyses = server.bean(AnalysisRepository.class);
        AnalysisRepository.Session session = analyses.createSession(sketchId, userId);
        Analysis abandoned = analyses.create(session.id(), sketchId, timelineId, userId, "domain", "", "{}");
        Analysis runningElsewhere = analyses.create(session.id(), sketchId, timelineId, userId, "domain", "", "{}");
        analyses.start(abandoned.id());
        analyses.start(runningElsewhere.id());
        // the job of the second is processing on a node whose job server beats
        StorageProvider jobStorage = server.bean(StorageProvider.class);
        UUID liveServer = server.bean(JobNodes.class).liveServers().iterator().next();
        Job job = new Job(new JobDetails(new AnalysisJobRequest(runningElsewhere.id())),
                new ProcessingState(liveServer, "another node"));
        jobStorage.save(job);
        try {
            server.bean(AnalysisService.class).failInterrupted();
        } finally {
            jobStorage.deletePermanently(job.getId());
        }
        Analysis failed = analyses.byId(abandoned.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(Analysis.ERROR);
        assertThat(failed.result()).hasValueSatisfying(result -> assertThat(result).contains("server stopped"));
        assertThat(analyses.byId(runningElsewhere.id()).orElseThrow().status()).isEqualTo(Analysis.STARTED);
    }
}
