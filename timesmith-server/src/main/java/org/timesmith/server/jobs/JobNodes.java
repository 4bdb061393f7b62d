package org.timesmith.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.timesmith.server.api.Times;

/**
 * What the nodes sharing the job storage are doing, for a node that starts and finds work left
 * unfinished: a job processing on a node whose job server still beats is running there and must be
 * left alone; one processing on a node that stopped beating was abandoned. So was one processing on a
 * job server of this node's own name (host and data directory, see {@code TimesmithServer}) that is
 * not this process's: that was this node before it was killed, however fresh its last heartbeat.
 */
@Component
public class JobNodes {

    /** What becomes of a job without help. */
    public enum Attempt {
        /** Queued in JobRunr (waiting, scheduled for a retry or enqueued): any node's worker takes it. */
        QUEUED,
        /** Processing on a node whose job server still beats. */
        RUNNING_ON_LIVE_NODE,
        /** Gone, finished, or processing on a node that stopped. */
        ABANDONED
    }

    /** Far more jobs than the workers of all nodes can process at once. */
    private static final int MAX_PROCESSING = 10_000;

    private final StorageProvider jobStorage;
    private final Times times;
    private final int serverTimeoutPolls;
    private final String nodeName;
    private final ObjectProvider<BackgroundJobServer> ownServer;

    public JobNodes(StorageProvider jobStorage, Times times,
                    @Value("${jobrunr.background-job-server.server-timeout-poll-interval-multiplicand:4}")
                    int serverTimeoutPolls, @Value("${jobrunr.background-job-server.name:}") String nodeName,
                    ObjectProvider<BackgroundJobServer> ownServer) {
        this.jobStorage = jobStorage;
        this.times = times;
        this.serverTimeoutPolls = serverTimeoutPolls;
        this.nodeName = nodeName;
        this.ownServer = ownServer;
    }

    /** The ids of the job servers whose last heartbeat is recent. */
    public Set<UUID> liveServers() {
        Instant now = times.instant();
        UUID own = Optional.ofNullable(ownServer.getIfAvailable()).map(BackgroundJobServer::getId).orElse(null);
        Set<UUID> live = new HashSet<>();
        for (BackgroundJobServerStatus server : jobStorage.getBackgroundJobServers()) {
            Duration timeout = Duration.ofSeconds((long) server.getPollIntervalInSeconds() * serverTimeoutPolls);
            if (server.isRunning() && server.getLastHeartbeat().plus(timeout).isAfter(now)
                    && !formerSelf(server, own)) {
                live.add(server.getId());
            }
        }
        return live;
    }

    /** A job server with this node's name that is not this process's own: this node before a crash. */
    private boolean formerSelf(BackgroundJobServerStatus server, UUID own) {
        return !nodeName.isBlank() && nodeName.equals(server.getName()) && !server.getId().equals(own);
    }

    /** The state of one job; an id that is no job's (or no UUID) counts as abandoned. */
    public Attempt attempt(String jobId, Set<UUID> liveServers) {
        Job job;
        try {
            job = jobStorage.getJobById(UUID.fromString(jobId));
        } catch (IllegalArgumentException | JobNotFoundException e) {
            return Attempt.ABANDONED;
        }
        return switch (job.getState()) {
            case AWAITING, SCHEDULED, ENQUEUED -> Attempt.QUEUED;
            case PROCESSING -> processingOn(job, liveServers) ? Attempt.RUNNING_ON_LIVE_NODE : Attempt.ABANDONED;
            case FAILED, SUCCEEDED, DELETED -> Attempt.ABANDONED;
        };
    }

    /** The arguments (job requests) of the jobs processing on live nodes. */
    public List<Object> processingOnLiveNodes() {
        Set<UUID> live = liveServers();
        return jobStorage.getJobList(StateName.PROCESSING, new AmountRequest("updatedAt:ASC", MAX_PROCESSING))
                .stream()
                .filter(job -> processingOn(job, live))
                .flatMap(job -> List.of(job.getJobDetails().getJobParameterValues()).stream())
                .toList();
    }

    private static boolean processingOn(Job job, Set<UUID> liveServers) {
        return liveServers.contains(job.<ProcessingState>getJobState().getServerId());
    }
}
