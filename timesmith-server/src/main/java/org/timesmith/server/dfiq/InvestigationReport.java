package org.timesmith.server.dfiq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key findings of a sketch's investigation, as the report route serves them (JSON, Markdown,
 * PDF): its questions grouped by scenario, each with its status, priority and conclusions, and each
 * conclusion with the events it rests on (facts). Built by {@link ReportService}; rendered by
 * {@link ReportMarkdown} and {@link ReportPdf}, so the three forms always say the same.
 */
public record InvestigationReport(long sketchId, String sketchName, String generatedAt, String generatedBy,
                                  List<Section> sections) {

    /** At most this many facts of one conclusion are listed; the rest are counted. */
    public static final int MAX_EVENTS_PER_CONCLUSION = 50;

    public InvestigationReport {
        sections = List.copyOf(sections);
    }

    /** The questions of one scenario, or (title empty) the questions of no scenario. */
    public record Section(Optional<String> scenario, List<QuestionEntry> questions) {
        public Section {
            questions = List.copyOf(questions);
        }
    }

    /**
     * @param priority {@code low}, {@code medium}, {@code high}, or empty
     * @param dfiqId   the library id ({@code Q1001}) of a question from the library
     */
    public record QuestionEntry(long id, String name, Optional<String> facet, Optional<String> dfiqId, String status,
                                Optional<String> priority, List<ConclusionEntry> conclusions) {
        public QuestionEntry {
            conclusions = List.copyOf(conclusions);
        }
    }

    /**
     * @param author      the user's name, empty for an automated conclusion
     * @param source      {@code USER}, {@code AI_GENERATED} or {@code ANALYZER}
     * @param moreEvents  facts beyond {@link #MAX_EVENTS_PER_CONCLUSION}, not listed
     */
    public record ConclusionEntry(long id, String text, Optional<String> author, boolean automated, String source,
                                  Optional<String> status, Optional<String> priority, List<FactEvent> events,
                                  int moreEvents) {
        public ConclusionEntry {
            events = List.copyOf(events);
        }
    }

    /**
     * An event a conclusion rests on; {@code found} is false when it is no longer in the sketch (its
     * timeline was removed), and then only its index and id are known.
     */
    public record FactEvent(String index, String id, boolean found, String datetime, String message, String timeline) {
    }

    /** The report as JSON (the web UI's report view). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sketch_id", sketchId);
        json.put("sketch_name", sketchName);
        json.put("generated_at", generatedAt);
        json.put("generated_by", generatedBy);
        json.put("sections", sections.stream().map(s -> {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("scenario", s.scenario().orElse(null));
            section.put("questions", s.questions().stream().map(InvestigationReport::questionJson).toList());
            return section;
        }).toList());
        return json;
    }

    private static Map<String, Object> questionJson(QuestionEntry q) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", q.id());
        json.put("name", q.name());
        json.put("facet", q.facet().orElse(null));
        json.put("dfiq_id", q.dfiqId().orElse(null));
        json.put("status", q.status());
        json.put("priority", q.priority().orElse(null));
        json.put("conclusions", q.conclusions().stream().map(c -> {
            Map<String, Object> conclusion = new LinkedHashMap<>();
            conclusion.put("id", c.id());
            conclusion.put("conclusion", c.text());
            conclusion.put("author", c.author().orElse(null));
            conclusion.put("automated", c.automated());
            conclusion.put("source", c.source());
            conclusion.put("status", c.status().orElse(null));
            conclusion.put("priority", c.priority().orElse(null));
            conclusion.put("more_events", c.moreEvents());
            conclusion.put("events", c.events().stream().map(e -> {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("_index", e.index());
                event.put("_id", e.id());
                event.put("found", e.found());
                event.put("datetime", e.datetime());
                event.put("message", e.message());
                event.put("timeline", e.timeline());
                return event;
            }).toList());
            return conclusion;
        }).toList());
        return json;
    }
}
