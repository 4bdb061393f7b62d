package org.timesmith.server.dfiq;

import java.util.ArrayList;
import java.util.List;

/**
 * The investigation report as Markdown: a heading per scenario and per question, the question's
 * status and priority, each conclusion as a list item with its author or source, and its facts as
 * nested items (time, message, timeline). User text is escaped so that it cannot start headings,
 * lists or HTML of its own, and line breaks inside it stay inside its item.
 */
public final class ReportMarkdown {

    private ReportMarkdown() {
    }

    public static String render(InvestigationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Investigation report: ").append(inline(report.sketchName())).append("\n\n");
        md.append("Sketch ").append(report.sketchId()).append(", generated ").append(generated(report))
                .append(" UTC by ").append(inline(report.generatedBy())).append(".\n");
        int questions = report.sections().stream().mapToInt(s -> s.questions().size()).sum();
        if (questions == 0) {
            md.append("\nNo questions have been recorded yet.\n");
        }
        for (InvestigationReport.Section section : report.sections()) {
            if (section.questions().isEmpty() && section.scenario().isEmpty()) {
                continue;
            }
            md.append("\n## ").append(section.scenario().map(ReportMarkdown::inline).orElse("Questions")).append("\n");
            if (section.questions().isEmpty()) {
                md.append("\nNo questions.\n");
            }
            for (InvestigationReport.QuestionEntry q : section.questions()) {
                md.append("\n### ").append(inline(q.name())).append("\n\n");
                md.append(String.join(" · ", facts(q))).append("\n");
                if (q.conclusions().isEmpty()) {
                    md.append("\n_No conclusion yet._\n");
                    continue;
                }
                md.append('\n');
                for (InvestigationReport.ConclusionEntry c : q.conclusions()) {
                    md.append("- **").append(inline(byline(c))).append(":** ").append(inline(c.text())).append('\n');
                    for (InvestigationReport.FactEvent e : c.events()) {
                        md.append("  - ").append(inline(eventLine(e))).append('\n');
                    }
                    if (c.moreEvents() > 0) {
                        md.append("  - … and ").append(c.moreEvents()).append(" more events\n");
                    }
                }
            }
        }
        return md.toString();
    }

    /** When the report was made, to the second ({@code 2024-05-01 12:00:00}). */
    static String generated(InvestigationReport report) {
        String at = report.generatedAt().replace('T', ' ');
        return at.length() > 19 ? at.substring(0, 19) : at;
    }

    /** Status, priority, facet and library id of a question, shown in one line. */
    static List<String> facts(InvestigationReport.QuestionEntry q) {
        List<String> parts = new ArrayList<>();
        parts.add("Status: " + q.status());
        parts.add("Priority: " + q.priority().orElse("none"));
        q.facet().ifPresent(f -> parts.add("Facet: " + f));
        q.dfiqId().ifPresent(id -> parts.add("DFIQ " + id));
        return parts;
    }

    /** Who concluded, and how: {@code alice}, or {@code automated (ANALYZER)}, with status and priority. */
    static String byline(InvestigationReport.ConclusionEntry c) {
        StringBuilder by = new StringBuilder(c.author().orElse("automated"));
        if (c.automated() || !"USER".equals(c.source())) {
            by.append(" (").append(c.source().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(')');
        }
        c.status().ifPresent(s -> by.append(", ").append(s));
        c.priority().ifPresent(p -> by.append(", priority ").append(p));
        return by.toString();
    }

    static String eventLine(InvestigationReport.FactEvent e) {
        if (!e.found()) {
            return "event " + e.id() + " in " + e.index() + " (no longer in the sketch)";
        }
        return e.datetime() + " — " + e.message() + " (" + e.timeline() + ")";
    }

    /**
     * One line of user text: emphasis, code, link and HTML characters escaped everywhere, and a
     * leading list, heading or quote marker escaped, since the text follows a list marker or heading.
     */
    static String inline(String text) {
        String line = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        StringBuilder out = new StringBuilder(line.length() + 8);
        for (char ch : line.toCharArray()) {
            if ("\\`*_[]<>|~".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        java.util.regex.Matcher ordered = java.util.regex.Pattern.compile("^\\d+(?=[.)])").matcher(line);
        if (ordered.find()) {
            out.insert(ordered.end(), '\\');
        } else if (out.length() > 0 && "#-+=>".indexOf(out.charAt(0)) >= 0) {
            out.insert(0, '\\');
        }
        return out.toString();
    }
}
