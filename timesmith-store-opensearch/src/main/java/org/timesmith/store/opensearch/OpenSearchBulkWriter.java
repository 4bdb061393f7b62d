package org.timesmith.store.opensearch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.timesmith.core.event.Event;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.StoreException;
import tools.jackson.databind.JsonNode;

/**
 * Sends events to one index in bulk requests of at most {@code bulkEvents} events or
 * {@code bulkBytes} bytes, keeping at most {@code maxInFlightBulks} requests in flight and as many
 * more ready to go, so the cluster never waits for the producer to fill a batch: {@link #add}
 * blocks while they are all busy, so memory stays bounded however fast the producer is. A bulk
 * that the cluster rejects as a whole (429, 502–504, a timeout or a lost connection) is sent again
 * after an exponential backoff; so are single items rejected with 429 or a 5xx status (a full write
 * queue, a shard without primary while a replica is promoted). Ids are deterministic, so a resent
 * event overwrites itself: nothing is lost and nothing duplicated. Any other item failure, or
 * running out of retries, fails the writer with a message naming the events. One writer serves one
 * producing thread.
 */
final class OpenSearchBulkWriter implements BulkWriter {

    private static final System.Logger LOG = System.getLogger(OpenSearchBulkWriter.class.getName());
    private static final byte[] NEWLINE = {'\n'};
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /**
     * Only what the writer reads from a bulk answer: per item its status and error, else the
     * request's error. The full answer (index, id, version, shards, sequence numbers per item) is
     * several times larger than the statuses and would all be parsed.
     */
    private static final Map<String, String> RESPONSE_FILTER =
            Map.of("filter_path", "errors,error,status,items.*.status,items.*.error");

    /** One event ready to send: its bulk action line and its document line. */
    private record Item(String id, byte[] action, byte[] document) {
        int bytes() {
            return action.length + document.length + 2;
        }
    }

    private final ClusterClient client;
    private final String index;
    private final String clusterIndex;
    private final OpenSearchStoreConfig config;
    private final ExecutorService senders;
    /** Bulks handed over and not yet answered: twice the requests in flight, so one waits ready to go. */
    private final Semaphore inFlight;
    private final int maxPending;
    /** Bulk requests on the wire. */
    private final Semaphore sending;
    private final Runnable onClose;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicReference<StoreException> failure = new AtomicReference<>();
    private final long maxBatchAgeNanos = Duration.ofMillis(500).toNanos();
    private List<Item> batch = new ArrayList<>();
    private int batchBytes;
    private long batchStartedNanos;
    private boolean closed;

    OpenSearchBulkWriter(ClusterClient client, String index, String clusterIndex, OpenSearchStoreConfig config,
                         ExecutorService senders, Runnable onClose) {
        this.client = client;
        this.index = index;
        this.clusterIndex = clusterIndex;
        this.config = config;
        this.senders = senders;
        this.maxPending = 2 * config.maxInFlightBulks();
        this.inFlight = new Semaphore(maxPending);
        this.sending = new Semaphore(config.maxInFlightBulks());
        this.onClose = onClose;
    }

    static void validate(Event event) {
        if (!(event.source().get(Event.TIMESTAMP) instanceof Number)) {
            throw new IllegalArgumentException("event " + event.id() + " has no numeric 'timestamp' field");
        }
    }

    @Override
    public void add(Event event) {
        ensureOpen();
        throwIfFailed();
        validate(event);
        Item item = item(event);
        if (!batch.isEmpty() && batchBytes + item.bytes() > config.bulkBytes()) {
            submit();
        }
        if (batch.isEmpty()) {
            batchStartedNanos = System.nanoTime();
        }
        batch.add(item);
        batchBytes += item.bytes();
        if (batch.size() >= config.bulkEvents() || batchAged()) {
            submit();
        }
    }

    /**
     * A slow producer must not keep events unsearchable for much longer than a refresh period, so
     * an old partial batch is sent, but only when none of this writer's bulks is in flight: while
     * one is, the cluster is busy with this writer anyway, and when the cluster is the bottleneck a
     * producer held back by it fills batches slowly, so age alone would send more, smaller bulks
     * than a plain bulk load of the same events.
     */
    private boolean batchAged() {
        return System.nanoTime() - batchStartedNanos > maxBatchAgeNanos
                && inFlight.availablePermits() == maxPending;
    }

    /** The source as stored: the event's fields plus the id field used as sort tie-break. */
    private static Item item(Event event) {
        String id = ClusterClient.JSON.writeValueAsString(event.id());
        byte[] action = ("{\"index\":{\"_id\":" + id + "}}").getBytes(StandardCharsets.UTF_8);
        byte[] source = ClusterClient.JSON.writeValueAsBytes(event.source());
        byte[] idField = ((event.source().isEmpty() ? "" : ",") + "\"" + IndexMapping.EVENT_ID + "\":" + id + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] document = new byte[source.length - 1 + idField.length];
        System.arraycopy(source, 0, document, 0, source.length - 1);
        System.arraycopy(idField, 0, document, source.length - 1, idField.length);
        return new Item(event.id(), action, document);
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        List<Item> work = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        acquire(1);
        try {
            senders.execute(() -> {
                try {
                    sending.acquireUninterruptibly();
                    try {
                        send(work);
                    } finally {
                        sending.release();
                    }
                } catch (StoreException e) {
                    failure.compareAndSet(null, e);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, new StoreException("bulk write to " + index + " failed: " + e, e));
                } finally {
                    inFlight.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release();
            throw new StoreException("bulk write to " + index + ": the store is closed", e);
        }
    }

    /** Sends the items, resending what the cluster could not take yet, until all are in or it gives up. */
    private void send(List<Item> items) {
        List<Item> pending = items;
        String lastProblem = "";
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                if (attempt > config.maxRetries()) {
                    throw new StoreException("bulk write to " + index + " gave up after " + config.maxRetries()
                            + " retries with " + pending.size() + " events not written (first: " + pending.getFirst().id()
                            + "): " + lastProblem);
                }
                retries.incrementAndGet();
                pause(attempt);
            }
            ClusterClient.Reply reply;
            try {
                reply = client.sendNdjson("/" + ClusterClient.encode(clusterIndex) + "/_bulk", RESPONSE_FILTER,
                        body(pending));
            } catch (IOException e) {
                lastProblem = "the cluster did not answer: " + e.getMessage();
                LOG.log(System.Logger.Level.WARNING, "bulk to {0}: {1}; retrying", index, lastProblem);
                continue;
            }
            int status = reply.status();
            if (status == 429 || status == 502 || status == 503 || status == 504) {
                lastProblem = reply.reason();
                LOG.log(System.Logger.Level.WARNING, "bulk to {0}: {1}; retrying", index, lastProblem);
                continue;
            }
            if (!reply.ok()) {
                throw new StoreException("bulk write to " + index + " failed: " + reply.reason());
            }
            List<Item> again = new ArrayList<>();
            List<String> rejected = new ArrayList<>();
            JsonNode results = reply.body().path("items");
            for (int i = 0; i < pending.size(); i++) {
                JsonNode result = results.path(i).path("index");
                int itemStatus = result.path("status").asInt(0);
                if (itemStatus >= 200 && itemStatus < 300) {
                    accepted.incrementAndGet();
                } else if (itemStatus == 429 || itemStatus >= 500 || itemStatus == 0) {
                    again.add(pending.get(i));
                    lastProblem = describe(pending.get(i), result);
                } else {
                    rejected.add(describe(pending.get(i), result));
                }
            }
            if (!rejected.isEmpty()) {
                throw new StoreException("bulk write to " + index + ": " + rejected.size() + " events rejected: "
                        + String.join("; ", rejected.subList(0, Math.min(5, rejected.size())))
                        + (rejected.size() > 5 ? "; …" : ""));
            }
            if (again.isEmpty()) {
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "bulk to {0}: {1} events not taken yet ({2}); retrying", index,
                    again.size(), lastProblem);
            pending = again;
        }
    }

    private static String describe(Item item, JsonNode result) {
        JsonNode error = result.path("error");
        return "event " + item.id() + ": " + error.path("type").asString("status " + result.path("status").asInt())
                + " " + error.path("reason").asString("");
    }

    private void pause(int attempt) {
        long millis = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        try {
            Thread.sleep(Math.min(millis, MAX_BACKOFF.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("bulk write to " + index + " interrupted while waiting to retry", e);
        }
    }

    private static byte[] body(List<Item> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.stream().mapToInt(Item::bytes).sum());
        for (Item item : items) {
            out.writeBytes(item.action());
            out.writeBytes(NEWLINE);
            out.writeBytes(item.document());
            out.writeBytes(NEWLINE);
        }
        return out.toByteArray();
    }

    private void acquire(int permits) {
        try {
            inFlight.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("bulk write to " + index + ": interrupted while writing", e);
        }
    }

    /** Waits for every bulk sent so far; then refreshes the index so they are searchable. */
    @Override
    public void flush() {
        ensureOpen();
        submit();
        acquire(maxPending);
        inFlight.release(maxPending);
        throwIfFailed();
        client.call("refresh of " + index, "POST", "/" + ClusterClient.encode(clusterIndex) + "/_refresh", null);
    }

    @Override
    public long written() {
        return accepted.get();
    }

    /** How many times a bulk or part of one was resent. */
    long retries() {
        return retries.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            onClose.run();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("bulk writer for index " + index + " is closed");
        }
    }

    private void throwIfFailed() {
        StoreException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
