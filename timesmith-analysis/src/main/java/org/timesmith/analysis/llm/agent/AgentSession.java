package org.timesmith.analysis.llm.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.analysis.llm.LlmException;
import org.timesmith.core.search.StoredEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code /analyze_logs} request: reads the events line by line as they arrive, runs the rules,
 * and writes each finding at once (flushed), so findings flow back while the events still come. A
 * line that is not an event gives an {@code error} line. The same conclusion is sent for at most
 * {@value #FACTS_PER_CONCLUSION} events, so a noisy rule cannot flood the answer.
 */
final class AgentSession {

    static final int FACTS_PER_CONCLUSION = 50;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutputStream out;
    private final Optional<LlmAssist> llm;
    private final BruteForceRule bruteForce = new BruteForceRule();
    private final BeaconRule beacons = new BeaconRule();
    private final BoundedMap<String, Integer> sentPerConclusion = new BoundedMap<>(10_000);
    private long events;
    private long findings;
    private long errors;

    AgentSession(OutputStream out, Optional<LlmAssist> llm) {
        this.out = out;
        this.llm = llm;
    }

    /** One request line; false stops reading (the client has gone). */
    boolean line(long number, String line) throws IOException {
        if (line.isBlank()) {
            return true;
        }
        StoredEvent event;
        try {
            event = event(JSON.readValue(line, Map.class));
        } catch (JacksonException | IllegalArgumentException e) {
            error("line " + number + " is not an event: " + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()));
            return true;
        }
        events++;
        for (AgentFinding finding : EventRules.judge(event)) {
            emit(finding);
        }
        Optional<AgentFinding> burst = bruteForce.accept(event);
        if (burst.isPresent()) {
            emit(burst.get());
        }
        beacons.accept(event);
        if (llm.isPresent()) {
            ask(() -> llm.get().add(event));
        }
        return true;
    }

    void tooLong(long number, long bytes) throws IOException {
        error("line " + number + " has " + bytes + " bytes, more than an event may have");
    }

    /** The end of the events: the findings that need all of them. */
    void finish() throws IOException {
        for (AgentFinding finding : beacons.finish()) {
            emit(finding);
        }
        if (llm.isPresent()) {
            ask(() -> llm.get().flush());
        }
        out.flush();
    }

    private interface Question {
        List<AgentFinding> ask();
    }

    private void ask(Question question) throws IOException {
        try {
            for (AgentFinding finding : question.ask()) {
                emit(finding);
            }
        } catch (LlmException e) {
            error("the model failed: " + e.getMessage());
        }
    }

    /** The event of a line, parsed once straight into maps. */
    @SuppressWarnings("unchecked")
    private static StoredEvent event(Map<?, ?> line) {
        if (!(line.get("_id") instanceof String id) || !(line.get("_source") instanceof Map<?, ?> source)) {
            throw new IllegalArgumentException("an event is an object with _id and _source");
        }
        return new StoredEvent(line.get("_index") instanceof String index ? index : "", id, (Map<String, Object>) source);
    }

    private void emit(AgentFinding finding) throws IOException {
        String key = finding.question() + '\u0000' + finding.conclusion();
        int sent = sentPerConclusion.merge(key, 1, Integer::sum);
        if (sent > FACTS_PER_CONCLUSION) {
            return;
        }
        write(finding.toJson());
        findings++;
    }

    private void error(String message) throws IOException {
        errors++;
        write(Map.of("error", message));
    }

    private void write(Object line) throws IOException {
        out.write(JSON.writeValueAsBytes(line));
        out.write('\n');
        out.flush();
    }

    /** "N events, N findings, N errors" and, with a model, its dropped findings. */
    String summary() {
        return events + " events, " + findings + " findings, " + errors + " errors"
                + llm.map(l -> ", " + l.dropped() + " model findings dropped (no valid record_id)").orElse("");
    }
}
