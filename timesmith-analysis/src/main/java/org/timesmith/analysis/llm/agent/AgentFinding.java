package org.timesmith.analysis.llm.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timesmith.analysis.EventRef;

/**
 * One finding the agent sends: the event it rests on and one annotation (question, conclusion,
 * priority, attack stage), in the contract's line shape ({@link #toJson}).
 */
public record AgentFinding(EventRef event, String question, String conclusion, String priority, String attackStage) {

    /** The NDJSON line's object: {@code record_id}, {@code _index}, {@code annotations[]}. */
    public Map<String, Object> toJson() {
        Map<String, Object> annotation = new LinkedHashMap<>();
        annotation.put("investigative_question", question);
        annotation.put("conclusions", List.of(conclusion));
        annotation.put("priority", priority);
        annotation.put("attack_stage", attackStage);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("record_id", event.id());
        json.put("_index", event.index());
        json.put("annotations", List.of(annotation));
        return json;
    }
}
