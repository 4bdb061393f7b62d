package org.timesmith.server.dfiq;

import static org.timesmith.server.access.Permission.READ;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;

/**
 * Timesmith's investigation report of a sketch (not in Timesketch): {@code GET
 * sketches/{id}/report/} answers it as JSON in the envelope, {@code ?format=markdown} and
 * {@code ?format=pdf} as a file to download. Read access to the sketch is all it needs.
 */
@RestController
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/sketches/{sketchId}/report")
    ResponseEntity<?> report(@RequestParam(name = "format", defaultValue = "json") String format,
                             @SketchPermission(READ) SketchAccess access) {
        long sketchId = access.sketchId();
        return switch (format) {
            case "json" -> ResponseEntity.ok(Envelope.nested(Map.of(), List.of(reports.report(access).toJson())));
            case "markdown", "md" -> file(ReportMarkdown.render(reports.report(access)).getBytes(StandardCharsets.UTF_8),
                    new MediaType("text", "markdown", StandardCharsets.UTF_8), "sketch-" + sketchId + "-report.md");
            case "pdf" -> file(ReportPdf.render(reports.report(access)), MediaType.APPLICATION_PDF,
                    "sketch-" + sketchId + "-report.pdf");
            default -> throw ApiException.badRequest("format must be json, markdown or pdf.");
        };
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}
