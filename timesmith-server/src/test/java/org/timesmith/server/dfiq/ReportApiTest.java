package org.timesmith.server.dfiq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/** The investigation report route (a Timesmith extension): JSON, Markdown and PDF, and who may read it. */
class ReportApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;

    @BeforeAll
    static void start() {
        server = DfiqTestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
    }

    private record Case(long sketchId, long questionId, long conclusionId, String eventId) {
    }

    /** A sketch with a library scenario, an own question with a priority, a conclusion and one fact. */
    private static Case investigation(String name) {
        long sketchId = Fixtures.sketch(alice, name);
        String base = "/api/v1/sketches/" + sketchId + "/";
        Fixtures.TimelineRef timeline = Fixtures.timeline(server, alice, sketchId, "report", Fixtures.events(3));
        String eventId = alice.post(base + "explore/", TsClient.map("query", "\"entry 1 odd\"")).json()
                .get("objects").get(0).get("_id").asString();
        assertThat(alice.post(base + "scenarios/", TsClient.map("dfiq_id", "S1002")).status()).isEqualTo(200);
        long questionId = alice.post(base + "questions/", TsClient.map("question_text", "Who ran *mimikatz*?"))
                .json().get("objects").get(0).get("id").asLong();
        String q = base + "questions/" + questionId + "/";
        assertThat(alice.post(q, TsClient.map("priority", "__ts_priority_high", "status", "verified")).status())
                .isEqualTo(200);
        long conclusionId = alice.post(q + "conclusions/", TsClient.map("conclusionText", "Alice ran it\nfrom host-3."))
                .json().get("meta").get("new_conclusion_id").asLong();
        alice.post(q + "conclusions/", TsClient.map("conclusionText", "Looks like credential theft", "automated", true));
        TsClient.Response fact = alice.post(base + "event/annotate/", TsClient.map("annotation", "__ts_fact",
                "annotation_type", "label", "conclusion_id", conclusionId,
                "events", List.of(TsClient.map("_id", eventId, "_index", timeline.indexName()))));
        assertThat(fact.status()).as(fact.body()).isEqualTo(201);
        return new Case(sketchId, questionId, conclusionId, eventId);
    }

    @Test
    void theReportListsQuestionsConclusionsAndTheirEvents() {
        Case c = investigation("Report");
        String report = "/api/v1/sketches/" + c.sketchId() + "/report/";
        TsClient.Response response = alice.get(report);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = response.json().get("objects").get(0).get(0);
        assertThat(json.get("sketch_name").asString()).isEqualTo("Report");
        JsonNode sections = json.get("sections");
        assertThat(sections.get(0).get("scenario").asString()).as("the library scenario first").isNotBlank();
        assertThat(sections.get(0).get("questions").size()).isPositive();
        JsonNode own = sections.get(sections.size() - 1);
        assertThat(own.get("scenario").isNull()).isTrue();
        JsonNode question = own.get("questions").get(0);
        assertThat(question.get("id").asLong()).isEqualTo(c.questionId());
        assertThat(question.get("priority").asString()).isEqualTo("high");
        assertThat(question.get("status").asString()).isEqualTo("verified");
        JsonNode conclusions = question.get("conclusions");
        assertThat(conclusions).hasSize(2);
        JsonNode mine = conclusions.get(0);
        assertThat(mine.get("author").asString()).isEqualTo("alice");
        assertThat(mine.get("source").asString()).isEqualTo("USER");
        assertThat(mine.get("events")).hasSize(1);
        assertThat(mine.get("events").get(0).get("_id").asString()).isEqualTo(c.eventId());
        assertThat(mine.get("events").get(0).get("message").asString()).isEqualTo("entry 1 odd");
        assertThat(mine.get("events").get(0).get("timeline").asString()).isEqualTo("report");
        assertThat(conclusions.get(1).get("automated").asBoolean()).isTrue();
        assertThat(conclusions.get(1).get("source").asString()).isEqualTo("AI_GENERATED");

        TsClient.Response md = alice.get(report + "?format=markdown");
        assertThat(md.status()).isEqualTo(200);
        assertThat(md.header("Content-Type")).startsWith("text/markdown");
        assertThat(md.header("Content-Disposition")).contains("attachment", "sketch-" + c.sketchId() + "-report.md");
        assertThat(md.body()).startsWith("# Investigation report: Report\n")
                .contains("### Who ran \\*mimikatz\\*?", "Status: verified · Priority: high",
                        "- **alice:** Alice ran it from host-3.", "  - 2024-01-01T00:01:00Z — entry 1 odd (report)",
                        "automated (ai generated)");

        TsClient.Response pdf = alice.get(report + "?format=pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(new String(pdf.bytes(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Investigation report: Report", "Who ran *mimikatz*?", "Alice ran it",
                    "entry 1 odd", "Looks like credential theft");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        assertThat(alice.get(report + "?format=docx").status()).isEqualTo(400);
    }

    @Test
    void anotherUserGetsNoReport() {
        Case c = investigation("Report secret");
        String report = "/api/v1/sketches/" + c.sketchId() + "/report/";
        for (String format : List.of("", "?format=markdown", "?format=pdf")) {
            TsClient.Response response = bob.get(report + format);
            assertThat(response.status()).as(format).isIn(403, 404);
            assertThat(response.body()).doesNotContain("mimikatz", "Alice ran it", "entry 1 odd");
            assertThat(new String(response.bytes(), StandardCharsets.ISO_8859_1)).doesNotStartWith("%PDF-");
        }
        assertThat(new TsClient(server.url()).get(report).status()).isEqualTo(401);
    }

    @Test
    void aSketchWithoutQuestionsSaysSo() {
        long sketchId = Fixtures.sketch(alice, "Report empty");
        TsClient.Response md = alice.get("/api/v1/sketches/" + sketchId + "/report/?format=markdown");
        assertThat(md.status()).isEqualTo(200);
        assertThat(md.body()).contains("No questions have been recorded yet.");
    }
}
