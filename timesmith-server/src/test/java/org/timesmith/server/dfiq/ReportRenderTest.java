package org.timesmith.server.dfiq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The report's Markdown and PDF renderings without a server: escaping, wrapping, pages, odd characters. */
class ReportRenderTest {

    private static InvestigationReport report(int questions, String conclusion) {
        List<InvestigationReport.QuestionEntry> entries = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            InvestigationReport.FactEvent event = new InvestigationReport.FactEvent("idx", "e" + i, true,
                    "2024-01-01T00:00:00Z", "logon " + i, "tl");
            InvestigationReport.FactEvent gone = new InvestigationReport.FactEvent("idx", "gone" + i, false, "", "", "");
            InvestigationReport.ConclusionEntry c = new InvestigationReport.ConclusionEntry(i, conclusion, Optional.of("alice"),
                    false, "USER", Optional.of("verified"), Optional.empty(), List.of(event, gone), 3);
            entries.add(new InvestigationReport.QuestionEntry(i, "Question " + i, Optional.of("Facet"), Optional.of("Q" + i),
                    "new", Optional.of("high"), List.of(c)));
        }
        return new InvestigationReport(4, "Case", "2024-05-01T12:00:00.123456", "alice",
                List.of(new InvestigationReport.Section(Optional.of("Scenario"), entries)));
    }

    @Test
    void markdownEscapesUserTextAndKeepsItOnItsLine() {
        String md = ReportMarkdown.render(report(1, "# not a heading\n- not a list <b>x</b> *y*"));
        assertThat(md).startsWith("# Investigation report: Case\n\nSketch 4, generated 2024-05-01 12:00:00 UTC by alice.\n")
                .contains("## Scenario\n", "### Question 0\n", "Status: new · Priority: high · Facet: Facet · DFIQ Q0",
                        "- **alice, verified:** \\# not a heading - not a list \\<b\\>x\\</b\\> \\*y\\*\n",
                        "  - 2024-01-01T00:00:00Z — logon 0 (tl)\n", "  - event gone0 in idx (no longer in the sketch)\n",
                        "  - … and 3 more events\n");
        assertThat(ReportMarkdown.inline("1. first")).isEqualTo("1\\. first");
        assertThat(ReportMarkdown.inline("- item")).isEqualTo("\\- item");
    }

    @Test
    void pdfWrapsLongTextOntoMorePagesAndReplacesWhatItsFontsCannotShow() throws IOException {
        String longWord = "x".repeat(400);
        byte[] pdf = ReportPdf.render(report(40, "Seen on 東京 host " + longWord + " and more words after it"));
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(3);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Investigation report: Case", "Question 39", "Seen on ?? host", "Page 1 of "
                    + document.getNumberOfPages(), "and more words after it", "… and 3 more events");
            assertThat(text.replaceAll("\\s", "")).contains(longWord);
        }
    }

    @Test
    void anEmptyReportSaysSo() throws IOException {
        InvestigationReport empty = new InvestigationReport(1, "Empty", "2024-05-01T12:00:00", "bob",
                List.of(new InvestigationReport.Section(Optional.empty(), List.of())));
        assertThat(ReportMarkdown.render(empty)).contains("No questions have been recorded yet.").doesNotContain("## ");
        try (PDDocument document = Loader.loadPDF(ReportPdf.render(empty))) {
            assertThat(new PDFTextStripper().getText(document)).contains("No questions have been recorded yet.");
        }
    }
}
