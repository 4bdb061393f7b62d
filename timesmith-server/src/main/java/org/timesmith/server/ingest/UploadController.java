package org.timesmith.server.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.core.filter.EventFilter;
import org.timesmith.core.filter.EventFilterSyntaxException;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.auth.User;
import org.timesmith.server.timeline.SearchIndexController;
import org.timesmith.server.timeline.TimelineJson;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/upload/} (§11): the multipart form of the Timesketch importer, translated into
 * {@link UploadService} calls. The {@code events} part (no file name, JSON Lines) and the
 * {@code file} part are streamed once, by the service, to where they are imported from (at most
 * {@code timesmith.max-upload-size} each), never read into memory: a batch or whole file to its
 * staged file, a chunk whose form fields came first straight to its offset in the partial file (a
 * chunk sent before its fields is staged and then copied there); all other parts are short text
 * fields.
 */
@RestController
public class UploadController {

    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final UploadService uploads;
    private final TimelineJson timelineJson;
    private final ObjectMapper json;

    public UploadController(CurrentUser currentUser, PermissionService permissions, UploadService uploads,
                            TimelineJson timelineJson, ObjectMapper json) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.uploads = uploads;
        this.timelineJson = timelineJson;
        this.json = json;
    }

    /**
     * The {@code file} part: received whole into its staged file, or, for a chunk whose form fields
     * came before it (as every Timesketch and Timesmith client sends them), still unread, so that
     * {@link UploadService#chunk} writes it straight to its offset.
     */
    private record FilePart(Optional<String> fileName, Optional<UploadService.Received> received,
                            Optional<InputStream> unread) {
        long size() {
            return received.map(UploadService.Received::size).orElse(0L);
        }

        InputStream open() throws IOException {
            return unread.isPresent() ? unread.get() : Files.newInputStream(received.orElseThrow().path());
        }
    }

    @PostMapping("/api/v1/upload")
    ResponseEntity<Map<String, Object>> upload(HttpServletRequest request) throws IOException {
        var user = currentUser.get();
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            throw ApiException.badRequest("An upload is a multipart/form-data request.");
        }
        Map<String, String> fields = new HashMap<>();
        Parts parts = new Parts();
        try {
            MultipartReader reader = new MultipartReader(request.getInputStream(),
                    MultipartReader.boundary(contentType));
            for (var part = reader.next(); part.isPresent(); part = reader.next()) {
                MultipartReader.Part p = part.get();
                switch (p.name()) {
                    case "events" -> {
                        requireFirst(p, parts.events);
                        parts.events = uploads.receive(p.content(), "events", "jsonl");
                    }
                    case "file" -> {
                        requireFirst(p, parts.file);
                        if (parts.events == null && fields.containsKey("sketch_id")
                                && fields.containsKey("chunk_total_chunks") && fields.containsKey("total_file_size")) {
                            // Handled now, while the part is read, so the chunk is written once, at its offset.
                            parts.file = new FilePart(p.fileName(), Optional.empty(),
                                    Optional.of(uploads.limited(p.content(), "file")));
                            return handle(user, fields, parts);
                        }
                        parts.file = new FilePart(p.fileName(), Optional.of(uploads.receive(p.content(), "file",
                                UploadService.extension(p.fileName().orElse("")))), Optional.empty());
                    }
                    default -> {
                        byte[] value = p.content().readNBytes(MAX_FIELD_BYTES + 1);
                        if (value.length > MAX_FIELD_BYTES) {
                            throw ApiException.badRequest("The form field " + p.name() + " is too long.");
                        }
                        fields.put(p.name(), new String(value, StandardCharsets.UTF_8));
                    }
                }
            }
            return handle(user, fields, parts);
        } finally {
            parts.discardUnqueued(uploads);
        }
    }

    /** The received parts, and whether one was handed to the service to be queued (it owns it then). */
    private static final class Parts {
        UploadService.Received events;
        FilePart file;
        boolean queued;

        /** Deletes what was received but not queued: a failed form, a file beside events, a copied chunk. */
        void discardUnqueued(UploadService uploads) {
            if (events != null && !queued) {
                uploads.discard(events);
            }
            if (file != null && file.received().isPresent() && (!queued || events != null)) {
                uploads.discard(file.received().get());
            }
        }
    }

    /** A chunk index or count: an int, refused rather than wrapped when larger (2^32 would become chunk 0). */
    private static int chunkNumber(Map<String, String> fields, String name) {
        long value = WireValues.id(fields.get(name), name);
        if (value > Integer.MAX_VALUE) {
            throw ApiException.badRequest(name + " " + value + " is larger than " + Integer.MAX_VALUE + ".");
        }
        return (int) value;
    }

    private static void requireFirst(MultipartReader.Part part, Object previous) {
        if (previous != null) {
            throw ApiException.badRequest("The form has more than one " + part.name() + " part.");
        }
    }

    private ResponseEntity<Map<String, Object>> handle(User user, Map<String, String> fields, Parts parts)
            throws IOException {
        UploadService.Received events = parts.events;
        FilePart file = parts.file;
        long sketchId = WireValues.id(fields.get("sketch_id"), "sketch_id");
        SketchAccess access = permissions.requireActive(user, sketchId, Permission.WRITE);
        if (events == null && file == null) {
            throw ApiException.badRequest("Unable to upload data: no file and no events were sent.");
        }
        Optional<String> indexName = Optional.ofNullable(fields.get("index_name")).map(String::trim)
                .filter(n -> !n.isEmpty());
        indexName.ifPresent(n -> {
            if (!SearchIndexController.INDEX_NAME.matcher(n).matches()) {
                throw ApiException.badRequest("Invalid index_name " + n
                        + ": use up to 200 lowercase letters, digits, . _ - and start with a letter or digit.");
            }
        });
        Optional<EventFilter> eventFilter = eventFilter(fields.get("plaso_event_filter"));
        String provider = fields.getOrDefault("provider", "");
        String context = fields.getOrDefault("context", "");
        String dataLabel = fields.getOrDefault("data_label", "");
        HeadersMapping mapping = HeadersMapping.parse(fields.getOrDefault("headersMapping",
                fields.get("headers_mapping")), json);
        Optional<Character> delimiter = delimiter(fields.get("delimiter"));
        if (events != null) {
            String name = fields.getOrDefault("name", "").trim();
            UploadService.UploadForm form = new UploadService.UploadForm(
                    name.isEmpty() ? "unknown_events" : limit(name), dataLabel, provider.isEmpty() ? "N/A" : provider,
                    indexName, context.isEmpty() ? "N/A" : context, mapping, delimiter, eventFilter);
            parts.queued = true;
            return complete(uploads.events(access, form, events), Map.of());
        }
        String fileName = file.fileName().orElse("");
        String name = fields.getOrDefault("name", fileName).trim();
        if (name.isEmpty() || name.equals("null") || name.length() > 255) {
            throw ApiException.badRequest("Unable to upload file: the timeline name must have 1 to 255 characters.");
        }
        long totalFileSize = fields.containsKey("total_file_size")
                ? WireValues.id(fields.get("total_file_size"), "total_file_size") : file.size();
        if (totalFileSize <= 0) {
            throw ApiException.badRequest("Unable to upload file. File is empty");
        }
        UploadService.UploadForm form = new UploadService.UploadForm(name, dataLabel.isEmpty()
                ? UploadService.extension(fileName) : dataLabel, provider.isEmpty() ? "N/A" : provider, indexName,
                context.isEmpty() ? "N/A" : context, mapping, delimiter, eventFilter);
        if (fields.containsKey("chunk_total_chunks")) {
            String key = fields.getOrDefault("chunk_index_name", indexName.orElse(""));
            if (!key.matches("[A-Za-z0-9_.+-]{1,128}")) {
                throw ApiException.badRequest("chunk_index_name must be 1 to 128 letters, digits or . _ + -");
            }
            UploadService.Chunk chunk = new UploadService.Chunk(key,
                    chunkNumber(fields, "chunk_index"), chunkNumber(fields, "chunk_total_chunks"),
                    WireValues.id(fields.getOrDefault("chunk_byte_offset", "0"), "chunk_byte_offset"), totalFileSize);
            UploadService.Result result;
            try (InputStream in = file.open()) {
                result = uploads.chunk(access, form, fileName, chunk, in);
            }
            Map<String, Object> fileMeta = new LinkedHashMap<>();
            fileMeta.put("file_upload", true);
            fileMeta.put("upload_complete", result.complete());
            fileMeta.put("total_chunks", chunk.totalChunks());
            fileMeta.put("chunk_index", chunk.index());
            fileMeta.put("file_size", totalFileSize);
            if (!result.complete()) {
                return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.metaOnly(fileMeta));
            }
            return complete(result, fileMeta);
        }
        parts.queued = true;
        UploadService.Result result = uploads.file(access, form, fileName, totalFileSize, file.received().orElseThrow(),
                true);
        Map<String, Object> fileMeta = new LinkedHashMap<>();
        fileMeta.put("file_upload", true);
        fileMeta.put("upload_complete", true);
        fileMeta.put("file_size", totalFileSize);
        fileMeta.put("total_chunks", 1);
        return complete(result, fileMeta);
    }

    private ResponseEntity<Map<String, Object>> complete(UploadService.Result result, Map<String, Object> fileMeta) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("task_id", result.dataSource().map(s -> s.taskId()).orElse(""));
        meta.putAll(fileMeta);
        meta.put("upload_complete", true);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.single(meta, timelineJson.timeline(result.timeline().orElseThrow())));
    }

    /**
     * The {@code plaso_event_filter} field, parsed before anything is staged: blank means every event;
     * an expression that does not parse is a 400 naming the position and the token. It applies to
     * the events of any format, not only plaso files.
     */
    static Optional<EventFilter> eventFilter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventFilter.parse(value.strip()));
        } catch (EventFilterSyntaxException e) {
            throw ApiException.badRequest("Unable to upload data: plaso_event_filter: " + e.getMessage());
        }
    }

    /** The CSV delimiter field: one character, or {@code \t} / {@code tab}; empty means detect it. */
    static Optional<Character> delimiter(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.equals("\\t") || value.equalsIgnoreCase("tab")) {
            return Optional.of('\t');
        }
        if (value.length() != 1 || value.charAt(0) == '"' || value.charAt(0) == '\n' || value.charAt(0) == '\r') {
            throw ApiException.badRequest("delimiter must be a single character (or \\t for a tab), not \""
                    + value + "\".");
        }
        return Optional.of(value.charAt(0));
    }

    private static String limit(String name) {
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
