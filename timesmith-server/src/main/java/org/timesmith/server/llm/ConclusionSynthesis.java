package org.timesmith.server.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.analysis.llm.LlmProvider;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.dfiq.DfiqRecords.Conclusion;
import org.timesmith.server.dfiq.DfiqRecords.Question;
import org.timesmith.server.dfiq.DfiqService;
import tools.jackson.databind.JsonNode;

/**
 * {@code llm_synthesize} (Timesketch's feature of that name): one answer to an investigative question
 * from all its conclusions, so an analyst sees where the analysts and the automated analyses agree or
 * disagree without reading each. The question is looked up in the request's sketch only (another
 * sketch's question is a 404); each conclusion goes to the model with its author, "AI" and its source
 * for automated ones. The answer is {@code {"response": text}}, as Timesketch's.
 */
@Component
class ConclusionSynthesis {

    static final String FEATURE = "llm_synthesize";

    private final DfiqService dfiq;
    private final UserRepository users;

    ConclusionSynthesis(DfiqService dfiq, UserRepository users) {
        this.dfiq = dfiq;
        this.users = users;
    }

    Map<String, Object> run(SketchAccess access, JsonNode body, LlmProvider provider) {
        JsonNode id = body.path("question_id");
        long questionId = id.isIntegralNumber() ? id.asLong() : parse(id);
        Question question = dfiq.question(access, questionId);
        List<Conclusion> conclusions = dfiq.conclusions(access, questionId);
        String answer = ModelText.unfenced(provider.generate(prompt(question, conclusions)));
        return Map.of("response", answer);
    }

    private static long parse(JsonNode id) {
        try {
            return Long.parseLong(id.asString("").strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("llm_synthesize needs a question_id (a number).");
        }
    }

    private String prompt(Question question, List<Conclusion> conclusions) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < conclusions.size(); i++) {
            Conclusion conclusion = conclusions.get(i);
            parts.add("Conclusion " + (i + 1) + " (by " + author(conclusion) + "):\n" + conclusion.conclusion());
        }
        String listed = parts.isEmpty() ? "No conclusions have been recorded for this question." : String.join("\n\n---\n\n", parts);
        return "You are a digital forensics analyst. Synthesise the conclusions below into one answer to the"
                + " investigative question: what the evidence shows, where the conclusions agree, where they"
                + " disagree or leave gaps, and how certain the answer is. Name whose conclusion a point rests on."
                + " Answer in plain text or Markdown, without a code fence.\nQuestion: " + question.text().name()
                + "\n\nConclusions:\n" + listed;
    }

    private String author(Conclusion conclusion) {
        if (conclusion.automated()) {
            return conclusion.source() == null || conclusion.source().isBlank() ? "AI" : "AI, " + conclusion.source();
        }
        return conclusion.userId().flatMap(users::byId).map(User::username).orElse("unknown user");
    }
}
