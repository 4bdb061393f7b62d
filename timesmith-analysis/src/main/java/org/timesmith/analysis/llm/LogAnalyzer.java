package org.timesmith.analysis.llm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code log_analyzer} feature (Timesketch's {@code LogAnalyzer}): streams every event of the
 * run's timelines that matches the query, in time order and constant memory, through a provider to
 * a log-reasoning agent, and turns each finding into DFIQ objects as it arrives. Per annotation the
 * sketch's question with that text is found or created (priority label only rises; attributes
 * {@code source: AI_GENERATED} and {@code attack_stage_suggestion}; status {@code pending-review}),
 * each conclusion becomes an automated, AI-generated conclusion pending review, resting on the
 * finding's events as facts, never duplicated. A finding is applied whole or not at all; record ids
 * the run's timelines do not hold are counted and left out.
 *
 * <p>Faults end with a clear status: malformed and over-long lines are counted and the first ones
 * logged; more than {@link Options#maxErrorLines} {@code error} lines stop the run; a provider
 * failure (agent down, silent past the read timeout, connection dropped) ends the report as failed,
 * keeping the findings applied before it.
 */
public final class LogAnalyzer {

    public static final String FEATURE = "log_analyzer";
    static final String SOURCE = "AI_GENERATED";
    static final String PENDING_REVIEW = "pending-review";
    private static final int LOGGED_PROBLEMS = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param query         which events to send ({@code *}: all)
     * @param fields        which fields of each event to send (empty: all, a complete event)
     * @param parallel      read slices of the timelines on several threads (faster; the events are then
     *                      not in one time order, which sequence rules of an agent may need)
     * @param maxLineBytes  the longest answer line read; longer ones are skipped as malformed
     * @param maxErrorLines how many {@code error} lines the agent may send before the run stops
     * @param analyzerName  recorded on each conclusion ({@code analyzer} attribute)
     */
    public record Options(String query, List<String> fields, boolean parallel, int maxLineBytes, int maxErrorLines,
                          String analyzerName) {
        public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
        public static final int DEFAULT_MAX_ERROR_LINES = 100;

        public Options {
            fields = List.copyOf(fields);
        }

        public static Options defaults(String query, String analyzerName) {
            return new Options(query, List.of(), false, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_ERROR_LINES, analyzerName);
        }
    }

    /**
     * What a run did.
     *
     * @param failure why it ended early, if it did (the findings counted were applied all the same)
     */
    public record Report(long eventsSent, long findings, long questions, long conclusions, long errorLines,
                         long malformedLines, long problems, long unknownRecords, String reportSummary,
                         Optional<String> failure) {

        /** "Processed N findings: …", then why it failed if it did. */
        public String summary() {
            String counts = "Processed " + findings + " findings: " + questions + " questions, " + conclusions
                    + " conclusions, " + errorLines + " errors, " + malformedLines + " malformed lines"
                    + (unknownRecords > 0 ? ", " + unknownRecords + " unknown record ids" : "")
                    + " (" + eventsSent + " events sent)";
            return failure.map(f -> "Log analysis failed: " + f + ". " + counts).orElse(counts);
        }

        public Map<String, Long> counts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("events_sent", eventsSent);
            counts.put("findings", findings);
            counts.put("ai_questions", questions);
            counts.put("ai_conclusions", conclusions);
            counts.put("error_lines", errorLines);
            counts.put("malformed_lines", malformedLines);
            counts.put("problems", problems);
            counts.put("unknown_records", unknownRecords);
            return counts;
        }
    }

    /** Runs the feature against the provider; never throws for the agent's faults (see the report). */
    public Report execute(AnalysisContext context, LlmProvider provider, Options options) {
        if (!provider.streamsLogs()) {
            throw new LlmException("LLM provider " + provider.name() + " cannot analyse logs; configure a "
                    + LlmProviderConfig.LOG_AGENT + " provider for the " + FEATURE + " feature");
        }
        Run run = new Run(context, options);
        Optional<String> failure = Optional.empty();
        try {
            provider.analyzeLogs(run::send, run::receive);
        } catch (LlmException e) {
            failure = Optional.of(e.getMessage());
        }
        if (failure.isEmpty() && run.stopped != null) {
            failure = Optional.of(run.stopped);
        }
        failure.ifPresent(f -> context.log("log analysis ended early: " + f));
        return new Report(run.sent.get(), run.findings, run.questions.size(), run.conclusions.size(), run.errorLines,
                run.malformedLines, run.problems, run.unknownRecords, run.reportSummary, failure);
    }

    /** The state of one run: counts, and what was created (question texts, question/conclusion pairs). */
    private static final class Run {
        private final AnalysisContext context;
        private final Options options;
        private final AtomicLong sent = new AtomicLong();
        private final Set<String> questions = new HashSet<>();
        private final Set<String> conclusions = new HashSet<>();
        private long findings;
        private long errorLines;
        private long malformedLines;
        private long problems;
        private long unknownRecords;
        private long logged;
        private String reportSummary = "";
        private String stopped;

        Run(AnalysisContext context, Options options) {
            this.context = context;
            this.options = options;
        }

        /** The request body: one {@code {"_index","_id","_source"}} line per event (on the sending thread). */
        void send(java.io.OutputStream out) throws IOException {
            if (options.parallel()) {
                context.forEachEvent(options.query(), options.fields(), event -> {
                    byte[] line = line(event);
                    synchronized (out) {
                        try {
                            out.write(line);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    sent.incrementAndGet();
                });
            } else {
                try (EventStream events = context.stream(options.query(), options.fields())) {
                    while (events.hasNext()) {
                        out.write(line(events.next()));
                        sent.incrementAndGet();
                    }
                }
            }
            out.close();
        }

        private static byte[] line(StoredEvent event) {
            Map<String, Object> line = new LinkedHashMap<>(4);
            line.put("_index", event.index());
            line.put("_id", event.id());
            line.put("_source", event.source());
            byte[] json = JSON.writeValueAsBytes(line);
            byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        }

        /** The answer, as it arrives. */
        void receive(String contentType, InputStream body) throws IOException {
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.isEmpty() || type.contains("ndjson") || type.contains("json") || type.contains("jsonl")) {
                BoundedLines.read(body, options.maxLineBytes(), new BoundedLines.Handler() {
                    @Override
                    public boolean line(long number, String line) {
                        return handle(number, FindingParser.parseLine(line));
                    }

                    @Override
                    public boolean tooLong(long number, long bytes) {
                        return handle(number, new AgentLine.Malformed("a line of " + bytes + " bytes, longer than the "
                                + options.maxLineBytes() + " bytes allowed; skipped"));
                    }
                });
                return;
            }
            byte[] report = body.readNBytes(options.maxLineBytes() + 1);
            if (report.length > options.maxLineBytes()) {
                handle(1, new AgentLine.Malformed("a report longer than " + options.maxLineBytes() + " bytes; not read"));
                return;
            }
            handle(1, FindingParser.parseReport(new String(report, StandardCharsets.UTF_8)));
        }

        private boolean handle(long number, AgentLine line) {
            switch (line) {
                case AgentLine.Nothing nothing -> {
                    return true;
                }
                case AgentLine.Malformed malformed -> {
                    malformedLines++;
                    note("answer line " + number + " is malformed: " + malformed.reason());
                    return true;
                }
                case AgentLine.Error error -> {
                    errorLines++;
                    note("the agent reports an error (line " + number + "): " + error.message());
                    if (errorLines > options.maxErrorLines()) {
                        stopped = "the agent sent more than " + options.maxErrorLines() + " error lines";
                        return false;
                    }
                    return true;
                }
                case AgentLine.Findings found -> {
                    found.problems().forEach(p -> note("answer line " + number + ": " + p));
                    problems += found.problems().size();
                    if (!found.reportSummary().isEmpty()) {
                        reportSummary = found.reportSummary();
                    }
                    found.findings().forEach(this::apply);
                    return true;
                }
            }
        }

        private void note(String problem) {
            if (logged++ < LOGGED_PROBLEMS) {
                context.log(problem);
            }
        }

        /** A finding, whole: its events are looked up first, then every annotation is added. */
        private void apply(Finding finding) {
            List<EventRef> facts = new ArrayList<>();
            for (String id : new java.util.LinkedHashSet<>(finding.recordIds())) {
                Optional<EventRef> event = context.find(id); // its index from the store, whatever the agent said
                if (event.isPresent()) {
                    facts.add(event.get());
                } else {
                    unknownRecords++;
                    note("record id " + id + " is not an event of the analysed timelines");
                }
            }
            if (facts.isEmpty()) {
                return;
            }
            findings++;
            for (Finding.Annotation annotation : finding.annotations()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("source", SOURCE);
                annotation.attackStage().ifPresent(stage -> attributes.put("attack_stage_suggestion", stage));
                AnalysisContext.Pending question = context.question(annotation.question(),
                        new AnalysisContext.QuestionMarks(annotation.priority(), Optional.of(PENDING_REVIEW), attributes));
                questions.add(annotation.question().strip());
                Map<String, String> conclusionAttributes = new LinkedHashMap<>();
                conclusionAttributes.put("analyzer", options.analyzerName());
                annotation.attackStage().ifPresent(stage -> conclusionAttributes.put("attack_stage", stage));
                for (String text : annotation.conclusions()) {
                    context.addConclusion(question, text, facts, new AnalysisContext.ConclusionMarks(SOURCE,
                            PENDING_REVIEW, annotation.priority().orElse(""), conclusionAttributes));
                    conclusions.add(annotation.question().strip() + '\u0000' + text);
                }
            }
        }

    }
}
