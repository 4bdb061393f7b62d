package org.timesmith.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.timesmith.core.event.Event;
import org.timesmith.core.ingest.ImportListener;
import org.timesmith.core.ingest.ImportPipeline;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.normalize.NormalizerOptions;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.Format;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.store.BulkWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline of {@code OpenSearchBench}: the documents Timesmith's OpenSearch store would write
 * (same ids, same source with the id field the store adds, same split into bulks by event count and
 * body size), serialised once into an NDJSON file before the clock starts, then sent as plain
 * {@code _bulk} requests with the same number in flight. Only the bytes on disk are kept, so memory
 * does not grow with the number of events.
 */
final class RawBulkLoad {

    /** The field the OpenSearch store adds to every document (its sort tie-break). */
    static final String EVENT_ID_FIELD = "__ts_event_id";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path ndjson;
    private final List<Long> bulkLengths;
    private final long events;
    private final List<String> sampleIds;

    private RawBulkLoad(Path ndjson, List<Long> bulkLengths, long events, List<String> sampleIds) {
        this.ndjson = ndjson;
        this.bulkLengths = bulkLengths;
        this.events = events;
        this.sampleIds = sampleIds;
    }

    /** Reads and normalises the CSV as Timesmith does and writes the bulk bodies to {@code ndjson}. */
    static RawBulkLoad prepare(Path csv, String dataSource, int bulkEvents, int bulkBytes, Path ndjson)
            throws IOException {
        ReaderOptions options = new ReaderOptions(Format.CSV, csv.getFileName().toString(), Optional.of(','),
                Optional.empty());
        try (EventReader reader = Readers.open(csv, options);
             Batcher batcher = new Batcher(new BufferedOutputStream(Files.newOutputStream(ndjson), 1 << 20),
                     bulkEvents, bulkBytes)) {
            ImportPipeline.run(reader, new Normalizer(NormalizerOptions.defaults(dataSource, 1)), batcher,
                    ImportListener.NONE);
            return new RawBulkLoad(ndjson, List.copyOf(batcher.lengths), batcher.written(),
                    List.copyOf(batcher.samples));
        }
    }

    long events() {
        return events;
    }

    int bulks() {
        return bulkLengths.size();
    }

    /** A few ids spread over the file (first, every ten-thousandth, last) to compare stored documents. */
    List<String> sampleIds() {
        return sampleIds;
    }

    /**
     * Sends every bulk to {@code index} with at most {@code inFlight} requests at a time; returns the
     * number of documents the node acknowledged. Any failure (status or item error) is an exception.
     */
    long load(HttpClient http, URI base, String index, int inFlight) throws IOException, InterruptedException {
        URI bulk = base.resolve("/" + index + "/_bulk");
        Semaphore free = new Semaphore(inFlight);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(inFlight);
             RandomAccessFile file = new RandomAccessFile(ndjson.toFile(), "r")) {
            for (long length : bulkLengths) {
                byte[] body = new byte[Math.toIntExact(length)];
                file.readFully(body);
                free.acquire();
                if (failure.get() != null) {
                    free.release();
                    break;
                }
                senders.execute(() -> {
                    try {
                        Optional<String> problem = OpenSearchBulkWriter.postBulk(http, bulk, body);
                        if (problem.isPresent()) {
                            failure.compareAndSet(null, problem.get());
                        } else {
                            acknowledged.addAndGet(countItems(body));
                        }
                    } finally {
                        free.release();
                    }
                });
            }
        }
        if (failure.get() != null) {
            throw new IOException("raw bulk load into " + index + " failed: " + failure.get());
        }
        return acknowledged.get();
    }

    /** Two lines per document. */
    private static long countItems(byte[] body) {
        long lines = 0;
        for (byte b : body) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines / 2;
    }

    /** Splits documents into bulks exactly as the store's writer does: by event count, then by bytes. */
    private static final class Batcher implements BulkWriter {
        private final OutputStream out;
        private final int bulkEvents;
        private final int bulkBytes;
        private final List<Long> lengths = new ArrayList<>();
        private final List<String> samples = new ArrayList<>();
        private final List<byte[]> batch = new ArrayList<>();
        private long batchBytes;
        private long written;
        private String last;

        Batcher(OutputStream out, int bulkEvents, int bulkBytes) {
            this.out = out;
            this.bulkEvents = bulkEvents;
            this.bulkBytes = bulkBytes;
        }

        @Override
        public void add(Event event) {
            String id = JSON.writeValueAsString(event.id());
            byte[] source = JSON.writeValueAsBytes(event.source());
            ByteArrayOutputStream lines = new ByteArrayOutputStream(source.length + 2 * id.length() + 64);
            lines.writeBytes(("{\"index\":{\"_id\":" + id + "}}\n").getBytes(StandardCharsets.UTF_8));
            lines.write(source, 0, source.length - 1);
            lines.writeBytes(((event.source().isEmpty() ? "" : ",") + "\"" + EVENT_ID_FIELD + "\":" + id + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] line = lines.toByteArray();
            if (!batch.isEmpty() && batchBytes + line.length > bulkBytes) {
                writeBatch();
            }
            batch.add(line);
            batchBytes += line.length;
            if (written % 10_000 == 0) {
                samples.add(event.id());
            }
            last = event.id();
            written++;
            if (batch.size() >= bulkEvents) {
                writeBatch();
            }
        }

        private void writeBatch() {
            if (batch.isEmpty()) {
                return;
            }
            try {
                for (byte[] line : batch) {
                    out.write(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lengths.add(batchBytes);
            batch.clear();
            batchBytes = 0;
        }

        @Override
        public void flush() {
            writeBatch();
            if (last != null && !samples.contains(last)) {
                samples.add(last);
            }
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long written() {
            return written;
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
