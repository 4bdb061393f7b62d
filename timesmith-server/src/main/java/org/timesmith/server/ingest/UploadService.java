package org.timesmith.server.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.timesmith.core.filter.EventFilter;
import org.timesmith.core.ingest.CrashPoint;
import org.timesmith.core.reader.CsvEventReader;
import org.timesmith.core.reader.Format;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Times;
import org.timesmith.server.config.TimesmithProperties;
import org.timesmith.server.timeline.DataSource;
import org.timesmith.server.timeline.SearchIndex;
import org.timesmith.server.timeline.SearchIndexAccess;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;
import org.timesmith.server.timeline.TimelineService;

/**
 * Stages uploads under {@code uploads/} and hands them to the {@link Importer}: streamed JSONL
 * batches, whole files and files sent in chunks at byte offsets. Every received byte is written once:
 * a batch or file straight to its staged file ({@link #receive}), a chunk straight to its offset in
 * the partial file. File names on disk are generated (a client's name never becomes a path). A
 * batch, file or chunk that is sent again is recognised by its content (or chunk key and index) and
 * does not import twice, also when two nodes receive it at once: the import is claimed by a row of
 * {@code upload_claim} (one per timeline and content key) in the same transaction that creates the
 * data source, and a chunk by its {@code upload_chunk} row.
 */
@Service
public class UploadService {

    /**
     * What the client asked to upload, from the multipart form (§11.2), with how to read a CSV file and
     * the parsed {@code plaso_event_filter} selecting the events to import.
     */
    public record UploadForm(String timelineName, String dataLabel, String provider, Optional<String> indexName,
                             String context, HeadersMapping headersMapping, Optional<Character> delimiter,
                             Optional<EventFilter> eventFilter) {

        public UploadForm(String timelineName, String dataLabel, String provider, Optional<String> indexName,
                          String context, HeadersMapping headersMapping, Optional<Character> delimiter) {
            this(timelineName, dataLabel, provider, indexName, context, headersMapping, delimiter, Optional.empty());
        }

        public UploadForm(String timelineName, String dataLabel, String provider, Optional<String> indexName,
                          String context) {
            this(timelineName, dataLabel, provider, indexName, context, HeadersMapping.NONE, Optional.empty());
        }
    }

    /** Where a chunk goes (§11.2 chunk fields). */
    public record Chunk(String key, int index, int totalChunks, long byteOffset, long totalFileSize) {
    }

    /** The outcome: the timeline and task when an import was queued (or found queued), else chunk progress. */
    public record Result(Optional<Timeline> timeline, Optional<DataSource> dataSource, boolean complete, long receivedBytes) {
    }

    private final TimelineRepository timelines;
    private final TimelineService timelineService;
    private final SearchIndexAccess indexAccess;
    private final TaskRepository tasks;
    private final Importer importer;
    private final TimesmithProperties properties;
    private final JdbcClient jdbc;
    private final Times times;
    private final TransactionTemplate transactions;

    public UploadService(TimelineRepository timelines, TimelineService timelineService, SearchIndexAccess indexAccess,
                         TaskRepository tasks, Importer importer, TimesmithProperties properties, JdbcClient jdbc,
                         Times times, TransactionTemplate transactions) {
        this.timelines = timelines;
        this.timelineService = timelineService;
        this.indexAccess = indexAccess;
        this.tasks = tasks;
        this.importer = importer;
        this.properties = properties;
        this.jdbc = jdbc;
        this.times = times;
        this.transactions = transactions;
    }

    /**
     * A part received into its staged file under {@code uploads/}, with its size and SHA-256; queueing
     * it imports that very file, so its bytes are not written again.
     */
    public record Received(Path path, long size, String sha256) {
    }

    /**
     * Streams an uploaded part to a new staged file, refusing a part larger than
     * {@code timesmith.max-upload-size} (413).
     *
     * @param partName  the form part, for the message
     * @param extension the staged file's extension (from {@link #extension})
     */
    public Received receive(InputStream content, String partName, String extension) throws IOException {
        try {
            return stage(limited(content, partName), extension);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes a received part that will not be queued. */
    public void discard(Received received) {
        delete(received.path());
    }

    /** The content, failing with 413 once it runs past {@code timesmith.max-upload-size}. */
    public InputStream limited(InputStream content, String partName) {
        long limit = properties.maxUploadSize().toBytes();
        return new FilterInputStream(content) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                count += n;
                if (count > limit) {
                    throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The " + partName
                            + " part is larger than the server accepts (" + limit + " bytes).");
                }
            }
        };
    }

    /** A streamed JSONL batch (the importer's {@code events} field). */
    public Result events(SketchAccess access, UploadForm form, InputStream events) {
        return events(access, form, stage(events, "jsonl"));
    }

    /** A JSONL batch already received with {@link #receive}. */
    public Result events(SketchAccess access, UploadForm form, Received staged) {
        Timeline timeline;
        try {
            timeline = timelineFor(access, form);
        } catch (RuntimeException e) {
            discard(staged);
            throw e;
        }
        return queue(access, form, timeline, staged, contentKey(form, "events:" + staged.sha256()), "", "JSONL", true);
    }

    /** A whole file in one request. */
    public Result file(SketchAccess access, UploadForm form, String fileName, long totalFileSize, InputStream content) {
        return file(access, form, fileName, totalFileSize, content, true);
    }

    /**
     * A whole file; with {@code queueJob} false the data source is created but no background job is
     * queued, for a caller that runs the import itself ({@link Importer#runNow}).
     */
    public Result file(SketchAccess access, UploadForm form, String fileName, long totalFileSize, InputStream content,
                       boolean queueJob) {
        return file(access, form, fileName, totalFileSize, stage(content, extension(fileName)), queueJob);
    }

    /** A whole file already received with {@link #receive}; it is queued as it is, or deleted. */
    public Result file(SketchAccess access, UploadForm form, String fileName, long totalFileSize, Received staged,
                       boolean queueJob) {
        String extension = extension(fileName);
        if (totalFileSize > 0 && staged.size() != totalFileSize) {
            delete(staged.path());
            throw ApiException.badRequest("Unable to upload file: inconsistent file size (" + staged.size()
                    + " bytes received, total_file_size " + totalFileSize + ").");
        }
        Timeline timeline;
        try {
            checkCsvHeader(form, fileName, formatOf(extension), staged.path());
            timeline = timelineFor(access, form);
        } catch (RuntimeException e) {
            delete(staged.path());
            throw e;
        }
        return queue(access, form, timeline, staged, contentKey(form, "file:" + staged.sha256()), fileName,
                formatOf(extension), queueJob);
    }

    /** One chunk of a file; the import is queued when the last missing chunk arrives. */
    public Result chunk(SketchAccess access, UploadForm form, String fileName, Chunk chunk, InputStream content) {
        if (chunk.totalChunks() < 1 || chunk.index() < 0 || chunk.index() >= chunk.totalChunks()
                || chunk.byteOffset() < 0 || chunk.byteOffset() >= chunk.totalFileSize()) {
            throw ApiException.badRequest("Inconsistent chunk: index " + chunk.index() + " of " + chunk.totalChunks()
                    + " at byte " + chunk.byteOffset() + " of " + chunk.totalFileSize() + ".");
        }
        String key = sha256Hex(access.sketchId() + ":" + chunk.key());
        requireRoomFor(chunk.totalFileSize() - receivedBytes(key));
        String contentKey = contentKey(form, "chunked:" + key);
        Path partial = uploads().resolve("chunks").resolve(key + ".part");
        Optional<DataSource> done = uploadedInSketch(access, contentKey);
        if (done.isPresent()) {
            return new Result(timelines.timeline(done.get().timelineId()), done, true, chunk.totalFileSize());
        }
        long written;
        try {
            Files.createDirectories(partial.getParent());
            written = writeAt(partial, chunk.byteOffset(), chunk.totalFileSize(), content);
            CrashPoint.reach(CrashPoint.STAGING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage chunk " + chunk.index(), e);
        }
        recordChunk(key, chunk, written);
        long received = jdbc.sql("SELECT COUNT(*) FROM upload_chunk WHERE upload_key = ?").param(key)
                .query(Long.class).single();
        long bytes = receivedBytes(key);
        if (received < chunk.totalChunks()) {
            return new Result(Optional.empty(), Optional.empty(), false, bytes);
        }
        if (bytes != chunk.totalFileSize()) {
            throw ApiException.badRequest("Unable to upload file: inconsistent file size (" + bytes
                    + " bytes in " + received + " chunks, total_file_size " + chunk.totalFileSize() + ").");
        }
        // Whoever deletes the chunk rows finishes the upload: when the last chunk reaches two nodes at
        // once, the other deletes none and answers with the finished upload, if it is queued by then.
        if (jdbc.sql("DELETE FROM upload_chunk WHERE upload_key = ?").param(key).update() == 0) {
            Optional<DataSource> finished = uploadedInSketch(access, contentKey);
            return new Result(finished.flatMap(s -> timelines.timeline(s.timelineId())), finished, finished.isPresent(),
                    bytes);
        }
        String extension = extension(fileName);
        try {
            checkCsvHeader(form, fileName, formatOf(extension), partial);
        } catch (RuntimeException e) {
            delete(partial);
            throw e;
        }
        Path staged = uploads().resolve(key + "." + extension);
        try {
            Files.move(partial, staged, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the chunked upload", e);
        }
        Timeline timeline = timelineFor(access, form);
        return queue(access, form, timeline, new Received(staged, bytes, key), contentKey, fileName, formatOf(extension), true);
    }

    /** The bytes of the chunks of an upload received so far (they are in its partial file already). */
    private long receivedBytes(String key) {
        return jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM upload_chunk WHERE upload_key = ?").param(key)
                .query(Long.class).single();
    }

    /** The chunk's row; a re-sent chunk (on any node) finds it there and adds nothing. */
    private void recordChunk(String key, Chunk chunk, long size) {
        jdbc.sql("INSERT INTO upload_chunk (upload_key, chunk_index, byte_offset, size, created_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (upload_key, chunk_index) DO NOTHING")
                .params(key, chunk.index(), chunk.byteOffset(), size, times.now()).update();
    }

    /**
     * Creates the data source and queues its import, unless an upload with the same content key already
     * did for this timeline: the {@code upload_claim} row inserted in the same transaction as the data
     * source decides, so of two nodes queueing the same upload at once one imports and the other
     * answers with that data source.
     */
    private Result queue(SketchAccess access, UploadForm form, Timeline timeline, Received staged, String contentKey,
                         String originalFilename, String format, boolean queueJob) {
        Optional<DataSource> created = Optional.empty();
        if (timelines.dataSourceByContent(timeline.id(), contentKey).isEmpty()) {
            created = transactions.execute(status -> {
                int claimed = jdbc.sql("INSERT INTO upload_claim (timeline_id, content_key, created_at)"
                                + " VALUES (?, ?, ?) ON CONFLICT (timeline_id, content_key) DO NOTHING")
                        .params(timeline.id(), contentKey, times.now()).update();
                if (claimed == 0) {
                    return Optional.<DataSource>empty();
                }
                String taskId = UUID.randomUUID().toString().replace("-", "");
                tasks.create(taskId, "import", access.sketchId(), access.user().id(), "datasource");
                DataSource source = timelines.createDataSource(timeline.id(), access.user().id(), form.provider(),
                        form.context(), uploads().relativize(staged.path()).toString(), staged.size(),
                        originalFilename, form.dataLabel(), format, contentKey, DataSource.QUEUEING, taskId, "",
                        form.headersMapping().toJson(), form.delimiter().map(String::valueOf).orElse(""),
                        form.eventFilter().map(EventFilter::expression).orElse(""));
                timelines.setTimelineStatus(timeline.id(), Timeline.PROCESSING);
                timelines.setIndexStatus(timeline.searchIndexId(), Timeline.PROCESSING);
                return Optional.of(source);
            });
        }
        if (created.isEmpty()) {
            delete(staged.path());
            Optional<DataSource> existing = timelines.dataSourceByContent(timeline.id(), contentKey);
            return new Result(timelines.timeline(timeline.id()), existing, true, staged.size());
        }
        if (queueJob) {
            importer.enqueue(created.get());
        }
        return new Result(timelines.timeline(timeline.id()), timelines.dataSource(created.get().id()), true,
                staged.size());
    }

    /**
     * The timeline an upload goes to (§11.4): the named index if the user may use it, and there the
     * timeline of that name (a new one sharing the index if there is none); otherwise a new index and
     * timeline (a clashing name gets a suffix).
     */
    private synchronized Timeline timelineFor(SketchAccess access, UploadForm form) {
        long sketchId = access.sketchId();
        Optional<SearchIndex> named = form.indexName().flatMap(timelines::indexByName).filter(i -> !i.deleted());
        if (named.isPresent()) {
            SearchIndex index = named.get();
            if (!indexAccess.canUse(access.user(), index)) {
                throw ApiException.forbidden("User does not have write access to the index " + index.indexName() + ".");
            }
            // As Timesketch: another name on the same index is another timeline sharing it.
            Optional<Timeline> onIndex = timelines.timelines(sketchId).stream()
                    .filter(t -> t.searchIndexId() == index.id() && t.name().equals(form.timelineName()))
                    .findFirst();
            if (onIndex.isPresent()) {
                return onIndex.get();
            }
            return timelines.createTimeline(sketchId, index.id(), form.timelineName(), "",
                    timelineService.colorFor(sketchId), Timeline.PROCESSING, access.user().id());
        }
        String indexName = form.indexName().orElseGet(timelineService::newIndexName);
        SearchIndex index = timelines.createIndex(form.timelineName(), indexName, "", access.user().id(),
                Timeline.PROCESSING, form.dataLabel().isEmpty() ? "" : "[\"" + form.dataLabel().replace("\"", "") + "\"]");
        return timelines.createTimeline(sketchId, index.id(), uniqueName(sketchId, form.timelineName()), "",
                timelineService.colorFor(sketchId), Timeline.PROCESSING, access.user().id());
    }

    /**
     * With a headers mapping, a CSV file's header must hold every mapped source column and, after the
     * mapping, Timesketch's mandatory columns (message, timestamp_desc, and datetime or timestamp);
     * 400 otherwise, before anything is imported.
     */
    private static void checkCsvHeader(UploadForm form, String fileName, String format, Path file) {
        if (form.headersMapping().isEmpty() || !format.equals("CSV")) {
            return;
        }
        List<String> header;
        // The header as the import will read it: core's CSV reader (delimiter sniffing, quotes, BOM, gzip).
        try (CsvEventReader reader = CsvEventReader.open(file, new ReaderOptions(Format.CSV, fileName, form.delimiter(),
                Optional.empty()))) {
            header = reader.header();
        } catch (InputFormatException e) {
            throw ApiException.badRequest("headersMapping: " + e.getMessage());
        }
        Set<String> missingSources = new TreeSet<>(form.headersMapping().sourceColumns());
        header.forEach(missingSources::remove);
        if (!missingSources.isEmpty()) {
            throw ApiException.badRequest("headersMapping: " + fileName + " has no column " + String.join(", ",
                    missingSources) + " (its header: " + String.join(", ", header) + ").");
        }
        Set<String> after = form.headersMapping().columnsAfter(new HashSet<>(header));
        List<String> missing = new ArrayList<>();
        for (String mandatory : List.of("message", "datetime", "timestamp_desc")) {
            if (!after.contains(mandatory) && !(mandatory.equals("datetime") && after.contains("timestamp"))) {
                missing.add(mandatory);
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("Missing mandatory CSV headers in " + fileName + " after the headersMapping: "
                    + String.join(", ", missing) + " (its header: " + String.join(", ", header)
                    + "); map a column or give a default_value for each.");
        }
    }

    /**
     * The key recognising a re-sent upload: its content, and its event filter if it has one (the same
     * file sent again with another filter is another import). {@link Importer#eventIdSeed} leaves the
     * filter out again, so the events two such imports share keep one id and are not duplicated.
     */
    static String contentKey(UploadForm form, String content) {
        return form.eventFilter().map(f -> content + Importer.FILTER_KEY + sha256Hex(f.expression()).substring(0, 16))
                .orElse(content);
    }

    private String uniqueName(long sketchId, String name) {
        boolean clash = timelines.timelines(sketchId).stream().anyMatch(t -> t.name().equals(name));
        return clash ? name + "_" + timelineService.newIndexName().substring(0, 5) : name;
    }

    private Received stage(InputStream content, String extension) {
        Path target = uploads().resolve(UUID.randomUUID() + "." + extension);
        try {
            Files.createDirectories(uploads());
            MessageDigest digest = sha256();
            long size;
            try (InputStream in = new DigestInputStream(content, digest);
                 OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                size = in.transferTo(out);
            }
            return new Received(target, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot stage the upload", io);
            }
            throw (RuntimeException) e;
        }
    }

    private static long writeAt(Path file, long offset, long totalSize, InputStream content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[1 << 16];
            long position = offset;
            int n;
            while ((n = content.read(buffer)) > 0) {
                if (position + n > totalSize) {
                    throw ApiException.badRequest("The chunk at byte " + offset + " runs past total_file_size "
                            + totalSize + ".");
                }
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    position += channel.write(bytes, position);
                }
            }
            return position - offset;
        }
    }

    /** The data source of the sketch that already holds this content (a chunked upload finished before). */
    private Optional<DataSource> uploadedInSketch(SketchAccess access, String contentKey) {
        return timelines.timelines(access.sketchId()).stream()
                .flatMap(t -> timelines.dataSourceByContent(t.id(), contentKey).stream()).findFirst();
    }

    /**
     * A chunk is written at its byte offset into a file of total_file_size bytes; a size the upload
     * folder cannot hold (10^18 bytes, say) is refused up front instead of failing the write with
     * "File too large" (a 500). What the earlier chunks of the upload brought is on disk already and
     * not needed again: counting it refused a file larger than half the free space halfway through.
     */
    private void requireRoomFor(long stillToReceive) {
        long usable;
        try {
            Path dir = uploads();
            Files.createDirectories(dir);
            usable = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of the upload folder", e);
        }
        if (stillToReceive > usable) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The rest of this upload (" + stillToReceive
                    + " bytes of total_file_size) is more than the upload folder can hold (" + usable + " bytes free).");
        }
    }

    private Path uploads() {
        return properties.uploads();
    }

    /** The extension of a client's file name, reduced to a safe lowercase token (never part of a path). */
    static String extension(String fileName) {
        String name = fileName == null ? "" : fileName;
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return extension.matches("[a-z0-9]{1,10}") ? extension : "bin";
    }

    /** The format the upload's extension names when a reader claims it ({@code csv}, {@code jsonl}, …), else AUTO. */
    private static String formatOf(String extension) {
        return Readers.formatOfExtension(extension).orElse(Format.AUTO).name();
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
