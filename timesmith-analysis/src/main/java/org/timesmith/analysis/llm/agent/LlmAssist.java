package org.timesmith.analysis.llm.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.llm.LlmException;
import org.timesmith.analysis.llm.OpenAiChat;
import org.timesmith.core.search.StoredEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's optional model ({@code --llm-url}): events go to an OpenAI-compatible chat endpoint in
 * batches (a few fields each, messages cut short), and the model answers a JSON list of findings.
 * A finding must cite a {@code record_id} of its batch; any other is dropped and counted, so the
 * model cannot invent events. One batch is held at a time.
 */
final class LlmAssist {

    static final String SYSTEM = """
            You are a digital forensics analyst reviewing log events for signs of compromise. \
            Each user message holds events as JSON lines with a record_id. Answer ONLY with a JSON list \
            (no prose) of findings, each {"record_id": "<a record_id from the events>", \
            "investigative_question": "<the DFIR question the event answers>", "conclusion": "<what the \
            event shows, one sentence>", "priority": "low|medium|high", "attack_stage": "<MITRE ATT&CK \
            tactic>"}. Cite only record_id values given to you. Answer [] when nothing is suspicious.""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> PRIORITIES = Set.of("low", "medium", "high");

    private final OpenAiChat chat;
    private final int batchSize;
    private final List<Map<String, Object>> batch = new ArrayList<>();
    private final Map<String, EventRef> cited = new HashMap<>();
    private long dropped;

    LlmAssist(OpenAiChat chat, int batchSize) {
        this.chat = chat;
        this.batchSize = Math.max(1, batchSize);
    }

    /** Adds an event; when the batch is full, asks the model and returns its findings. */
    List<AgentFinding> add(StoredEvent event) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("record_id", event.id());
        shown.put("datetime", EventFields.datetime(event));
        for (String field : List.of("data_type", "event_identifier", "source_name", "username", "tag")) {
            Object value = event.source().get(field);
            if (value != null) {
                shown.put(field, value);
            }
        }
        shown.put("message", EventFields.excerpt(EventFields.message(event), 300));
        batch.add(shown);
        cited.put(event.id(), EventRef.of(event));
        return batch.size() >= batchSize ? flush() : List.of();
    }

    /** Asks the model about the events held, if any. */
    List<AgentFinding> flush() {
        if (batch.isEmpty()) {
            return List.of();
        }
        StringBuilder lines = new StringBuilder();
        batch.forEach(event -> lines.append(JSON.writeValueAsString(event)).append('\n'));
        try {
            return findings(chat.complete(SYSTEM, lines.toString()));
        } finally {
            batch.clear();
            cited.clear();
        }
    }

    /** Findings the model cited with a record id of the batch. */
    private List<AgentFinding> findings(String answer) {
        int start = answer.indexOf('[');
        int end = answer.lastIndexOf(']');
        if (start < 0 || end < start) {
            throw new LlmException("the model's answer holds no JSON list");
        }
        JsonNode list;
        try {
            list = JSON.readTree(answer.substring(start, end + 1));
        } catch (JacksonException e) {
            throw new LlmException("the model's answer is not a JSON list: " + e.getOriginalMessage());
        }
        List<AgentFinding> findings = new ArrayList<>();
        for (JsonNode item : list) {
            EventRef event = cited.get(item.path("record_id").asString(""));
            String question = item.path("investigative_question").asString("").strip();
            String conclusion = item.path("conclusion").asString("").strip();
            if (event == null || question.isEmpty() || conclusion.isEmpty()) {
                dropped++;
                continue;
            }
            String priority = item.path("priority").asString("medium").toLowerCase(Locale.ROOT);
            findings.add(new AgentFinding(event, question, conclusion, PRIORITIES.contains(priority) ? priority : "medium",
                    item.path("attack_stage").asString("Unknown")));
        }
        return findings;
    }

    /** Findings dropped because they cited no event of their batch (or lacked a question or conclusion). */
    long dropped() {
        return dropped;
    }
}
