package org.timesmith.server.ingest;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.sketch.Permission;
import org.timesmith.server.sketch.PermissionService;
import org.timesmith.server.sketch.SketchAccess;
import org.timesmith.server.timeline.SearchIndexController;
import org.timesmith.server.timeline.TimelineJson;

/**
 * {@code POST /api/v1/upload/} (§11): the multipart form of the Timesketch importer. The
 * {@code events} part (no file name, JSON Lines) and the {@code file} part are streamed to disk,
 * never read into memory; all other parts are short text fields.
 */
@RestController
public class UploadController {

    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final UploadService uploads;
    private final TimelineJson timelineJson;

    public UploadController(CurrentUser currentUser, PermissionService permissions, UploadService uploads,
                            TimelineJson timelineJson) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.uploads = uploads;
        this.timelineJson = timelineJson;
    }

    @PostMapping("/api/v1/upload")
    ResponseEntity<Map<String, Object>> upload(HttpServletRequest request) throws IOException, ServletException {
        var user = currentUser.get();
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            throw ApiException.badRequest("An upload is a multipart/form-data request.");
        }
        Map<String, String> fields = new HashMap<>();
        Part events = null;
        Part file = null;
        for (Part part : request.getParts()) {
            switch (part.getName()) {
                case "events" -> events = part;
                case "file" -> file = part;
                default -> {
                    if (part.getSize() > MAX_FIELD_BYTES) {
                        throw ApiException.badRequest("The form field " + part.getName() + " is too long.");
                    }
                    try (InputStream in = part.getInputStream()) {
                        fields.put(part.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
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
        String provider = fields.getOrDefault("provider", "");
        String context = fields.getOrDefault("context", "");
        String dataLabel = fields.getOrDefault("data_label", "");
        if (events != null) {
            String name = fields.getOrDefault("name", "").trim();
            UploadService.UploadForm form = new UploadService.UploadForm(
                    name.isEmpty() ? "unknown_events" : limit(name), dataLabel, provider.isEmpty() ? "N/A" : provider,
                    indexName, context.isEmpty() ? "N/A" : context);
            UploadService.Result result;
            try (InputStream in = events.getInputStream()) {
                result = uploads.events(access, form, in);
            }
            return complete(result, Map.of());
        }
        String fileName = Optional.ofNullable(file.getSubmittedFileName()).orElse("");
        String name = fields.getOrDefault("name", fileName).trim();
        if (name.isEmpty() || name.equals("null") || name.length() > 255) {
            throw ApiException.badRequest("Unable to upload file: the timeline name must have 1 to 255 characters.");
        }
        long totalFileSize = fields.containsKey("total_file_size")
                ? WireValues.id(fields.get("total_file_size"), "total_file_size") : file.getSize();
        if (totalFileSize <= 0) {
            throw ApiException.badRequest("Unable to upload file. File is empty");
        }
        UploadService.UploadForm form = new UploadService.UploadForm(name, dataLabel.isEmpty()
                ? UploadService.extension(fileName) : dataLabel, provider.isEmpty() ? "N/A" : provider, indexName,
                context.isEmpty() ? "N/A" : context);
        if (fields.containsKey("chunk_total_chunks")) {
            String key = fields.getOrDefault("chunk_index_name", indexName.orElse(""));
            if (!key.matches("[A-Za-z0-9_.+-]{1,128}")) {
                throw ApiException.badRequest("chunk_index_name must be 1 to 128 letters, digits or . _ + -");
            }
            UploadService.Chunk chunk = new UploadService.Chunk(key,
                    (int) WireValues.id(fields.get("chunk_index"), "chunk_index"),
                    (int) WireValues.id(fields.get("chunk_total_chunks"), "chunk_total_chunks"),
                    WireValues.id(fields.getOrDefault("chunk_byte_offset", "0"), "chunk_byte_offset"), totalFileSize);
            UploadService.Result result;
            try (InputStream in = file.getInputStream()) {
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
        UploadService.Result result;
        try (InputStream in = file.getInputStream()) {
            result = uploads.file(access, form, fileName, totalFileSize, in);
        }
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

    private static String limit(String name) {
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
