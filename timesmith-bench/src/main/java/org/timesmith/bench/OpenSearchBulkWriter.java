package org.timesmith.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.timesmith.core.event.Event;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.StoreException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads events into OpenSearch the way Timesketch does: {@code _bulk} requests of
 * {@value #EVENTS_PER_BULK} events (Timesketch's {@code DEFAULT_FLUSH_INTERVAL}) with plain
 * {@code index} actions and ids chosen by OpenSearch, here from {@value #SENDERS} concurrent
 * senders (Timesketch runs one per import worker). {@link #add} blocks while both senders are busy.
 */
final class OpenSearchBulkWriter implements BulkWriter {

    static final int EVENTS_PER_BULK = 1000;
    static final int SENDERS = 2;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI bulk;
    private final byte[] action;
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    private final Semaphore free = new Semaphore(SENDERS);
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 20);
    private int batched;

    OpenSearchBulkWriter(HttpClient http, URI base, String index) {
        this.http = http;
        this.bulk = base.resolve("/_bulk");
        this.action = ("{\"index\":{\"_index\":\"" + index + "\"}}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void add(Event event) {
        batch.writeBytes(action);
        batch.writeBytes(JSON.writeValueAsBytes(event.source()));
        batch.write('\n');
        if (++batched == EVENTS_PER_BULK) {
            send();
        }
    }

    private void send() {
        throwIfFailed();
        byte[] body = batch.toByteArray();
        int events = batched;
        batch = new ByteArrayOutputStream(1 << 20);
        batched = 0;
        free.acquireUninterruptibly();
        senders.execute(() -> {
            try {
                Optional<String> problem = postBulk(http, bulk, body);
                if (problem.isPresent()) {
                    failure.compareAndSet(null, problem.get());
                } else {
                    written.addAndGet(events);
                }
            } finally {
                free.release();
            }
        });
    }

    /** Sends one {@code _bulk} body; what went wrong, if anything (HTTP status or item errors). */
    static Optional<String> postBulk(HttpClient http, URI bulk, byte[] body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(bulk)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String answer = response.body();
            if (response.statusCode() != 200 || answer.contains("\"errors\":true")) {
                return Optional.of("bulk request failed with HTTP " + response.statusCode() + ": "
                        + answer.substring(0, Math.min(answer.length(), 500)));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("bulk request failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("bulk request interrupted");
        }
    }

    @Override
    public void flush() {
        if (batched > 0) {
            send();
        }
        free.acquireUninterruptibly(SENDERS);
        free.release(SENDERS);
        throwIfFailed();
    }

    private void throwIfFailed() {
        if (failure.get() != null) {
            throw new StoreException(failure.get());
        }
    }

    @Override
    public long written() {
        return written.get();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            senders.shutdown();
        }
    }
}
