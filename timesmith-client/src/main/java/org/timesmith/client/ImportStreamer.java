package org.timesmith.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.dflib.DataFrame;
import org.timesmith.core.normalize.PythonFormat;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.Format;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;
import org.timesmith.core.time.TimeParser;
import org.timesmith.core.time.UnparseableTimeException;
import org.timesmith.core.time.UtcMicros;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Streams events into a sketch as one timeline, the Java form of Timesketch's
 * {@code ImportStreamer}: configure it with the fluent setters, add maps, JSON objects, data
 * frames or files, and {@link #close()} (try-with-resources) to send what is left. Events are
 * completed on this side the way the Timesketch importer does it (a {@code message} from the
 * format string, a {@code timestamp_desc}, a {@code datetime} from the first time-like field) and
 * sent as JSON Lines in batches of {@link #entryThreshold(int)} events, so each batch is indexed
 * as soon as it arrives and memory holds one batch at most. Plaso files are sent as they are, in
 * chunks the server reassembles. Records that cannot be completed are counted and described in
 * {@link #rejections()}, never dropped silently; rows the server refuses are reported on the
 * timeline ({@link Timeline#problems()}).
 */
public final class ImportStreamer implements AutoCloseable {

    public static final int DEFAULT_ENTRY_THRESHOLD = 50_000;
    public static final long DEFAULT_FILE_SIZE_THRESHOLD = 104_857_600L;
    private static final long MAX_PAYLOAD_BYTES = 199L * 1024 * 1024;
    private static final int KEPT_REJECTIONS = 100;
    private static final List<String> NOT_IN_MESSAGE = List.of("timestamp_desc", "time", "timestamp", "data_type",
            "datetime", "source_short", "source_long", "source");

    private Optional<Sketch> sketch = Optional.empty();
    private String timelineName = "";
    private Optional<String> indexName = Optional.empty();
    private String timestampDescription = "Time Logged";
    private Optional<PythonFormat> messageFormat = Optional.empty();
    private Optional<String> datetimeField = Optional.empty();
    private String provider = "Importer library";
    private String dataLabel = "";
    private String context = "";
    private int entryThreshold = DEFAULT_ENTRY_THRESHOLD;
    private long fileSizeThreshold = DEFAULT_FILE_SIZE_THRESHOLD;
    private Consumer<ImportProgress> progressListener = p -> { };

    private final TimeParser timeParser = new TimeParser(ZoneOffset.UTC);
    private final Multipart.LineBuffer buffer = new Multipart.LineBuffer();
    private int buffered;
    private long eventsAdded;
    private long rejected;
    private long uploads;
    private long currentFileBytes;
    private long currentFileSize;
    private final List<String> rejections = new ArrayList<>();
    private Optional<Long> timelineId = Optional.empty();
    private String timelineNameFromServer = "";
    private boolean closed;

    /** A streamer for {@code sketch}; the same as {@code new ImportStreamer().setSketch(sketch)}. */
    public ImportStreamer(Sketch sketch) {
        setSketch(sketch);
    }

    /** A streamer without a sketch yet: call {@link #setSketch(Sketch)} before adding data (the page's form). */
    public ImportStreamer() {
    }

    /**
     * The sketch to import into (Timesketch's {@code set_sketch}); it cannot change once data has
     * been sent, because the data already sent went to the first sketch's timeline.
     */
    public ImportStreamer setSketch(Sketch target) {
        java.util.Objects.requireNonNull(target, "sketch");
        if (uploads > 0 && sketch.filter(s -> s.id() == target.id()).isEmpty()) {
            throw new IllegalStateException("Data has already been sent to sketch " + sketch.get().id()
                    + "; use a new streamer for sketch " + target.id() + ".");
        }
        this.sketch = Optional.of(target);
        return this;
    }

    /** The sketch data goes to, once set. */
    public Optional<Sketch> sketch() {
        return sketch;
    }

    private Sketch requireSketch() {
        return sketch.orElseThrow(() -> new IllegalStateException(
                "The streamer has no sketch: call setSketch(sketch) before adding data."));
    }

    // ---------------------------------------------------------------------------- settings

    public ImportStreamer timelineName(String name) {
        this.timelineName = name;
        return this;
    }

    /** The search index to write to: lowercase, none of {@code \ / * ? " < > | , #} or spaces, not starting with - _ +. */
    public ImportStreamer indexName(String name) {
        if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.matches(".*[\\\\/*?\"<>| ,#].*")
                || name.startsWith("-") || name.startsWith("_") || name.startsWith("+") || name.isEmpty()) {
            throw new IllegalArgumentException("Invalid index name \"" + name + "\": use lowercase, no \\ / * ? \" < > | , # "
                    + "or spaces, and do not start with - _ +.");
        }
        this.indexName = Optional.of(name);
        return this;
    }

    public ImportStreamer timestampDescription(String description) {
        this.timestampDescription = description;
        return this;
    }

    /** A Python format string such as {@code "{src_ip:s} connected to {dst_ip:s}"} for events without a message. */
    public ImportStreamer messageFormatString(String format) {
        this.messageFormat = Optional.of(PythonFormat.compile(format));
        return this;
    }

    /** The field holding each event's time, when it is not the first field whose name contains "time". */
    public ImportStreamer datetimeField(String field) {
        this.datetimeField = Optional.of(field);
        return this;
    }

    public ImportStreamer provider(String newProvider) {
        this.provider = newProvider;
        return this;
    }

    public ImportStreamer dataLabel(String label) {
        this.dataLabel = label;
        return this;
    }

    public ImportStreamer context(String newContext) {
        this.context = newContext;
        return this;
    }

    /** Events per upload batch (default 50,000). */
    public ImportStreamer entryThreshold(int entries) {
        if (entries <= 0) {
            throw new IllegalArgumentException("The entry threshold must be positive.");
        }
        this.entryThreshold = entries;
        return this;
    }

    /** Files larger than this are uploaded in chunks of this size (default 100 MiB). */
    public ImportStreamer fileSizeThreshold(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("The file size threshold must be positive.");
        }
        this.fileSizeThreshold = bytes;
        return this;
    }

    public ImportStreamer onProgress(Consumer<ImportProgress> listener) {
        this.progressListener = listener;
        return this;
    }

    // ---------------------------------------------------------------------------- input

    /**
     * Adds one event; its values may be strings, numbers, booleans, lists, maps and date-time
     * objects ({@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}, {@code Date};
     * {@code LocalDateTime} and {@code LocalDate} are taken as UTC), which are sent as UTC text.
     */
    public void addDict(Map<String, ?> entry) {
        addRecord(entry, "entry " + (eventsAdded + rejected + 1));
    }

    /** Adds one event given as a JSON object. */
    public void addJson(String json) {
        JsonNode node;
        try {
            node = ApiSession.JSON.readTree(json);
        } catch (JacksonException e) {
            reject("entry " + (eventsAdded + rejected + 1) + ": not valid JSON: " + e.getOriginalMessage());
            return;
        }
        if (!node.isObject()) {
            reject("entry " + (eventsAdded + rejected + 1) + ": a JSON event must be an object, not " + node.getNodeType());
            return;
        }
        addDict(Json.toMap(node));
    }

    /** Adds every row of a data frame (column names become field names). */
    public void addDataFrame(DataFrame frame) {
        String[] columns = frame.getColumnsIndex().toArray();
        for (int row = 0; row < frame.height(); row++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            for (int c = 0; c < columns.length; c++) {
                Object value = frame.getColumn(c).get(row);
                if (value != null) {
                    entry.put(columns[c], value);
                }
            }
            addDict(entry);
        }
    }

    /**
     * Adds a file: CSV, JSONL, L2T CSV or Excel is read here and streamed in batches; a plaso file
     * is uploaded as it is (in chunks when larger than the file size threshold). The timeline
     * name defaults to the file name, the data label to its extension.
     */
    public void addFile(Path file) {
        requireSketch();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ApiException("Cannot read " + file + ": " + (Files.exists(file) ? "permission denied or not a file"
                    : "no such file") + ".");
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        if (timelineName.isBlank()) {
            timelineName = dot > 0 ? fileName.substring(0, dot) : fileName;
        }
        if (dataLabel.isBlank() && dot > 0) {
            dataLabel = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        }
        Format format;
        try {
            format = Readers.detect(file);
        } catch (InputFormatException | UncheckedIOException e) {
            throw new ApiException("Cannot import " + file + ": " + e.getMessage());
        }
        if (format.equals(Format.PLASO)) {
            uploadBinary(file);
            return;
        }
        readRecords(file, format);
    }

    public void addExcelFile(Path file) {
        addFile(file);
    }

    private void readRecords(Path file, Format format) {
        try {
            currentFileSize = Files.size(file);
        } catch (IOException e) {
            throw new ApiException("Cannot read " + file + ": " + e.getMessage());
        }
        String source = file.getFileName().toString();
        try (EventReader reader = Readers.open(file, new ReaderOptions(format, source, Optional.empty(), Optional.empty()))) {
            long count = 0;
            while (reader.hasNext()) {
                ReadItem item = reader.next();
                switch (item) {
                    case SourceRecord record -> addRecord(record.fields(), source + " line " + record.line()
                            + " (record " + record.recordNumber() + ")");
                    case Rejection rejection -> reject(rejection.describe());
                }
                if (++count % 1000 == 0) {
                    currentFileBytes = reader.bytesRead();
                    report();
                }
            }
            currentFileBytes = currentFileSize;
            report();
        } catch (InputFormatException e) {
            throw new ApiException("Cannot import " + file + ": " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new ApiException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private void addRecord(Map<String, ?> entry, String where) {
        if (closed) {
            throw new IllegalStateException("The streamer is closed.");
        }
        requireSketch();
        Map<String, Object> event = new LinkedHashMap<>();
        entry.forEach((key, value) -> {
            if (!key.startsWith("_") && !key.equals("label")) {
                event.put(key, DateTimes.toWire(value));
            }
        });
        try {
            if (!completeDatetime(event)) {
                reject(where + ": no datetime, and no field whose name contains \"time\"");
                return;
            }
        } catch (UnparseableTimeException e) {
            reject(where + ", field datetime: " + e.getMessage());
            return;
        }
        if (!event.containsKey("message") || event.get("message") == null) {
            try {
                event.put("message", messageFormat.map(f -> f.format(event)).orElseGet(() -> defaultMessage(event)));
            } catch (PythonFormat.ValueException e) {
                reject(where + ", field " + e.field() + ": " + e.getMessage());
                return;
            }
        }
        event.putIfAbsent("timestamp_desc", timestampDescription);
        buffer.writeBytes(ApiSession.JSON.writeValueAsBytes(event));
        buffer.write('\n');
        buffered++;
        eventsAdded++;
        if (buffered >= entryThreshold || buffer.size() >= MAX_PAYLOAD_BYTES) {
            uploadEvents(true);
        }
    }

    /**
     * Sets {@code datetime} and {@code timestamp} from {@code datetime}, the configured field or the
     * first "time" field (text, or a number of µs); false when the event has no such field.
     */
    private boolean completeDatetime(Map<String, Object> event) {
        Object source = event.get("datetime");
        if (source == null && event.get("timestamp") != null && !event.containsKey("datetime")) {
            source = event.get("timestamp");
        }
        if (source == null) {
            String field = datetimeField.orElseGet(() -> event.keySet().stream()
                    .filter(k -> k.toLowerCase(Locale.ROOT).contains("time") && !k.equals("timestamp_desc"))
                    .findFirst().orElse(null));
            if (field == null || event.get(field) == null) {
                return false;
            }
            source = event.get(field);
        }
        long micros = source instanceof Number number ? number.longValue() : timeParser.parse(source);
        if (!UtcMicros.inRange(micros)) {
            throw new UnparseableTimeException(source, "it is outside the years 1–9999");
        }
        event.put("datetime", UtcMicros.format(micros));
        event.put("timestamp", micros);
        return true;
    }

    private static String defaultMessage(Map<String, Object> event) {
        return event.entrySet().stream().filter(e -> !NOT_IN_MESSAGE.contains(e.getKey()))
                .map(e -> "[" + e.getKey() + "] = " + e.getValue()).collect(Collectors.joining(", "));
    }

    private void reject(String reason) {
        rejected++;
        if (rejections.size() < KEPT_REJECTIONS) {
            rejections.add(reason);
        }
    }

    // ---------------------------------------------------------------------------- upload

    /** Sends the buffered events now. */
    public void flush() {
        if (buffered > 0) {
            uploadEvents(true);
        }
    }

    private Map<String, String> commonFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", timelineName.isBlank() ? "unknown_events" : timelineName);
        fields.put("sketch_id", Long.toString(requireSketch().id()));
        fields.put("data_label", dataLabel);
        fields.put("provider", provider);
        indexName.ifPresent(n -> fields.put("index_name", n));
        if (!context.isBlank()) {
            fields.put("context", context);
        }
        return fields;
    }

    private void uploadEvents(boolean moreToCome) {
        Map<String, String> fields = commonFields();
        fields.put("enable_stream", moreToCome ? "True" : "False");
        byte[] lines = buffer.bytes();
        buffer.reset();
        int batch = buffered;
        buffered = 0;
        Multipart form = new Multipart().fields(fields).events(lines);
        accept(post(form, "upload of " + batch + " events"));
    }

    private void uploadBinary(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ApiException("Cannot read " + file + ": " + e.getMessage());
        }
        if (size == 0) {
            throw new ApiException("Cannot import " + file + ": the file is empty.");
        }
        currentFileSize = size;
        String fileName = file.getFileName().toString();
        long chunks = size <= fileSizeThreshold ? 1 : (size + fileSizeThreshold - 1) / fileSizeThreshold;
        String chunkIndexName = UUID.randomUUID().toString().replace("-", "");
        for (long chunk = 0; chunk < chunks; chunk++) {
            long offset = chunk * fileSizeThreshold;
            long length = Math.min(fileSizeThreshold, size - offset);
            Map<String, String> fields = commonFields();
            fields.put("total_file_size", Long.toString(size));
            if (chunks > 1) {
                fields.put("chunk_total_chunks", Long.toString(chunks));
                fields.put("chunk_index_name", chunkIndexName);
                fields.put("chunk_index", Long.toString(chunk));
                fields.put("chunk_byte_offset", Long.toString(offset));
            }
            Multipart form = new Multipart().fields(fields).file(fileName, file, offset, length);
            JsonNode answer = post(form, "upload of " + fileName + (chunks > 1 ? " chunk " + (chunk + 1) + "/" + chunks : ""));
            currentFileBytes = offset + length;
            if (chunk == chunks - 1) {
                accept(answer);
            } else {
                uploads++;
                report();
            }
        }
    }

    private JsonNode post(Multipart form, String what) {
        String path = "upload/";
        Sketch sketch = requireSketch();
        HttpResponse<byte[]> response = sketch.session().exchange(path, () -> HttpRequest.newBuilder(
                        sketch.session().api(path)).header("Content-Type", form.contentType()).POST(form.publisher()),
                HttpResponse.BodyHandlers.ofByteArray(), "POST " + path);
        try {
            return ApiSession.json(response, "The " + what + " to sketch " + sketch.id());
        } catch (NotFoundException e) {
            throw new NotFoundException("Sketch " + sketch.id() + " not found: " + e.getMessage());
        }
    }

    private void accept(JsonNode answer) {
        uploads++;
        JsonNode objects = answer.path("objects");
        if (objects.isArray() && !objects.isEmpty()) {
            JsonNode timeline = objects.get(0);
            timelineId = Optional.of(timeline.path("id").asLong());
            timelineNameFromServer = timeline.path("name").asString(timelineName);
            String index = timeline.path("searchindex").path("index_name").asString("");
            if (!index.isEmpty()) {
                indexName = Optional.of(index);
            }
        }
        report();
    }

    private void report() {
        progressListener.accept(new ImportProgress(eventsAdded, currentFileBytes, currentFileSize, rejected, uploads));
    }

    /** Sends the remaining events (marking the stream as ended). Safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (buffered > 0) {
            uploadEvents(false);
        }
        closed = true;
    }

    // ---------------------------------------------------------------------------- results

    /** The timeline the server created, once a first batch or file has been accepted. */
    public Optional<Timeline> timeline() {
        return timelineId.map(id -> new Timeline(requireSketch().session(), requireSketch().id(), id, timelineNameFromServer,
                indexName.orElse("")));
    }

    /** Closes the streamer and waits until the server has indexed everything (status ready or fail). */
    public Timeline closeAndWait(Duration timeout) {
        close();
        Timeline timeline = timeline().orElseThrow(() -> new ApiException(
                "Nothing was imported: no event was accepted" + (rejected > 0 ? " (" + rejected + " rejected: "
                        + rejections.get(0) + ")" : "") + "."));
        timeline.waitUntilDone(Duration.ofMillis(250), timeout);
        return timeline;
    }

    public long eventsAdded() {
        return eventsAdded;
    }

    /** Records refused on this side (bad JSON, no usable time, a format string field missing). */
    public long rejectedCount() {
        return rejected;
    }

    /** The first 100 rejection reasons, each naming the input, line and field. */
    public List<String> rejections() {
        return Collections.unmodifiableList(rejections);
    }
}
