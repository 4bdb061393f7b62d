package org.timesmith.server.dfiq;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The investigation report as a PDF (Apache PDFBox): A4 pages with the same content and order as
 * {@link ReportMarkdown}, text wrapped to the page width and continued on new pages, a page number
 * in each footer. It uses the standard Helvetica fonts, so no font file is needed; a character
 * those fonts cannot show (outside Windows-1252) is printed as {@code ?}.
 */
public final class ReportPdf {

    private static final float MARGIN = 50;
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;

    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDType1Font italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
    private final Map<Integer, Boolean> encodable = new HashMap<>();
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream content;
    private float y;

    private ReportPdf() {
    }

    /** The report as the bytes of a PDF file. */
    public static byte[] render(InvestigationReport report) {
        ReportPdf pdf = new ReportPdf();
        try {
            return pdf.write(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] write(InvestigationReport report) throws IOException {
        try (document) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Investigation report: " + report.sketchName());
            info.setCreator("Timesmith");
            newPage();
            paragraph("Investigation report: " + report.sketchName(), bold, 18, 0, 8);
            paragraph("Sketch " + report.sketchId() + ", generated " + ReportMarkdown.generated(report) + " UTC by "
                    + report.generatedBy() + ".", italic, 9, 0, 10);
            int questions = report.sections().stream().mapToInt(s -> s.questions().size()).sum();
            if (questions == 0) {
                paragraph("No questions have been recorded yet.", regular, 11, 0, 6);
            }
            for (InvestigationReport.Section section : report.sections()) {
                if (section.questions().isEmpty() && section.scenario().isEmpty()) {
                    continue;
                }
                space(8);
                paragraph(section.scenario().orElse("Questions"), bold, 15, 0, 4);
                if (section.questions().isEmpty()) {
                    paragraph("No questions.", italic, 10, 0, 4);
                }
                for (InvestigationReport.QuestionEntry q : section.questions()) {
                    space(6);
                    paragraph(q.name(), bold, 12, 0, 2);
                    paragraph(String.join("  ·  ", ReportMarkdown.facts(q)), regular, 9, 0, 4);
                    if (q.conclusions().isEmpty()) {
                        paragraph("No conclusion yet.", italic, 10, 12, 2);
                    }
                    for (InvestigationReport.ConclusionEntry c : q.conclusions()) {
                        paragraph(ReportMarkdown.byline(c) + ":", bold, 10, 12, 1);
                        paragraph(c.text(), regular, 10, 12, 3);
                        for (InvestigationReport.FactEvent e : c.events()) {
                            paragraph("• " + ReportMarkdown.eventLine(e), regular, 9, 24, 1);
                        }
                        if (c.moreEvents() > 0) {
                            paragraph("… and " + c.moreEvents() + " more events", italic, 9, 24, 1);
                        }
                        space(3);
                    }
                }
            }
            content.close();
            footers();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        pages.add(page);
        content = new PDPageContentStream(document, page);
        y = PAGE.getHeight() - MARGIN;
    }

    private void space(float points) {
        y -= points;
    }

    /** Text wrapped at word boundaries (a word wider than the line is cut), one line below the other. */
    private void paragraph(String text, PDType1Font font, float size, float indent, float after) throws IOException {
        float leading = size * 1.3f;
        for (String raw : text.split("\\r?\\n|\\r")) {
            for (String line : wrap(printable(raw), font, size, WIDTH - indent)) {
                if (y - leading < MARGIN + 20) {
                    newPage();
                }
                y -= leading;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN + indent, y);
                content.showText(line);
                content.endText();
            }
        }
        y -= after;
    }

    private List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, font, size) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // a word wider than the line: cut it where it fills the line
            String rest = word;
            while (width(rest, font, size) > width) {
                int cut = rest.length() - 1;
                while (cut > 1 && width(rest.substring(0, cut), font, size) > width) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static float width(String text, PDType1Font font, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** The text with tabs as spaces and every character the standard fonts cannot encode as {@code ?}. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.replace('\t', ' ').codePoints().forEach(cp -> {
            boolean ok = encodable.computeIfAbsent(cp, c -> {
                if (Character.isISOControl(c)) {
                    return false;
                }
                try {
                    regular.encode(new String(Character.toChars(c)));
                    return true;
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
            out.append(ok ? new String(Character.toChars(cp)) : "?");
        });
        return out.toString();
    }

    private void footers() throws IOException {
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream footer = new PDPageContentStream(document, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true)) {
                String text = "Page " + (i + 1) + " of " + pages.size();
                footer.beginText();
                footer.setFont(regular, 8);
                footer.newLineAtOffset(PAGE.getWidth() - MARGIN - width(text, regular, 8), MARGIN / 2);
                footer.showText(text);
                footer.endText();
            }
        }
    }
}
