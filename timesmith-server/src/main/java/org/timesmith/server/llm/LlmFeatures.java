package org.timesmith.server.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.timesmith.analysis.llm.LlmException;
import org.timesmith.analysis.llm.LlmProvider;
import org.timesmith.analysis.llm.LlmProviders;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.explore.ExploreQueries;
import org.timesmith.server.explore.ExploreQuery;
import tools.jackson.databind.JsonNode;

/**
 * The prompt-and-answer LLM features of {@code POST sketches/{id}/llm/} (Timesketch's LLM
 * resource), each through the provider configured for it: {@code nl2q} turns a question into a query
 * string, grounded in the sketch's field names and data types; {@code llm_summarize} summarises
 * <em>every</em> event matching the request's query and filter (not only a page: Timesketch PR 3281),
 * streamed once in constant memory, the model seeing the most frequent distinct messages with their
 * counts; {@code llm_starred_events_report} ({@link StarredEventsReport}) and {@code llm_synthesize}
 * ({@link ConclusionSynthesis}) have their own classes. One dispatch: the feature must be known and
 * configured with a text-generating provider, and a model that fails is a 502 with its reason.
 */
@Service
public class LlmFeatures {

    static final String NL2Q = "nl2q";
    static final String SUMMARIZE = "llm_summarize";
    static final Set<String> FEATURES = Set.of(NL2Q, SUMMARIZE, StarredEventsReport.FEATURE, ConclusionSynthesis.FEATURE);
    /** Distinct messages counted exactly; past this, new ones are counted as "more". */
    static final int DISTINCT_TRACKED = 10_000;
    /** Distinct messages shown to the model, most frequent first. */
    static final int MESSAGES_SHOWN = 300;
    private static final int MESSAGE_CHARS = 500;

    private final LlmProviders providers;
    private final ExploreQueries queries;
    private final EventStore store;
    private final StarredEventsReport starredReport;
    private final ConclusionSynthesis synthesis;

    public LlmFeatures(LlmProviders providers, ExploreQueries queries, EventStore store, StarredEventsReport starredReport,
                       ConclusionSynthesis synthesis) {
        this.providers = providers;
        this.queries = queries;
        this.store = store;
        this.starredReport = starredReport;
        this.synthesis = synthesis;
    }

    /** Runs the feature the body names; Timesketch's answer shape for it. */
    public Map<String, Object> run(SketchAccess access, JsonNode body) {
        String feature = body == null ? "" : WireValues.text(body, "feature").orElse("");
        if (!FEATURES.contains(feature)) {
            throw ApiException.badRequest("Unknown LLM feature \"" + feature + "\"; the features are " + FEATURES.stream().sorted().toList());
        }
        LlmProvider provider = providers.forFeature(feature).filter(LlmProvider::generatesText)
                .orElseThrow(() -> ApiException.badRequest("The LLM feature " + feature + " is not configured on this server"
                        + " (timesmith.llm.features." + feature + ".provider, an openai provider)."));
        try {
            return switch (feature) {
                case NL2Q -> nl2q(body, queries.parse(access, body), provider);
                case SUMMARIZE -> summarize(queries.parse(access, body), provider);
                case StarredEventsReport.FEATURE -> starredReport.run(access, body, queries.parse(access, body), provider);
                default -> synthesis.run(access, body, provider);
            };
        } catch (LlmException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "Unable to execute LLM feature (" + feature + "): " + e.getMessage());
        }
    }

    private Map<String, Object> nl2q(JsonNode body, ExploreQuery query, LlmProvider provider) {
        String question = WireValues.text(body, "question").filter(q -> !q.isBlank())
                .orElseThrow(() -> ApiException.badRequest("nl2q needs a question."));
        SearchRequest all = query.unpaged();
        AggregationResult.Terms types = (AggregationResult.Terms) store.aggregate(all, new Aggregation.Terms("data_type", 50));
        List<String> dataTypes = types.buckets().stream().map(AggregationResult.TermBucket::key).toList();
        List<String> fields = store.fieldNames(all.indices()).stream().filter(f -> !f.startsWith("__ts") && !f.startsWith("timesketch_label"))
                .limit(300).toList();
        String prompt = "Translate the question into one Timesketch search query (Lucene query string syntax:"
                + " field:value, AND, OR, NOT, quotes for phrases, * wildcards). Use only these fields: "
                + String.join(", ", fields) + ". The events' data types (the data_type field) are: "
                + String.join(", ", dataTypes) + ". Answer with the query string alone.\nQuestion: " + question;
        String answer = provider.generate(prompt).strip();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", "AI generated search query");
        result.put("query_string", ModelText.unfenced(answer).replaceAll("^[`\\s]+|[`\\s]+$", ""));
        result.put("error", null);
        return result;
    }

    private Map<String, Object> summarize(ExploreQuery query, LlmProvider provider) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        long total = 0;
        long untracked = 0;
        try (EventStream events = store.stream(query.unpaged().toBuilder().fields(List.of("message")).build())) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                total++;
                Object value = event.source().get("message");
                String message = value == null ? "" : value.toString().strip();
                message = message.length() > MESSAGE_CHARS ? message.substring(0, MESSAGE_CHARS) + "…" : message;
                long[] count = counts.get(message);
                if (count != null) {
                    count[0]++;
                } else if (counts.size() < DISTINCT_TRACKED) {
                    counts.put(message, new long[] {1});
                } else {
                    untracked++;
                }
            }
        }
        List<Map.Entry<String, long[]>> top = new ArrayList<>(counts.entrySet());
        top.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]));
        StringBuilder lines = new StringBuilder();
        top.stream().limit(MESSAGES_SHOWN).forEach(e -> lines.append(e.getValue()[0]).append("× ").append(e.getKey()).append('\n'));
        String prompt = "Summarise these " + total + " log events for a forensic investigator in a few sentences: what"
                + " happened, what stands out, what to look at next. Below are the " + Math.min(MESSAGES_SHOWN, counts.size())
                + " most frequent of their " + counts.size() + (untracked > 0 ? "+" : "") + " distinct messages, each with"
                + " how often it occurs" + (untracked > 0 ? " (" + untracked + " events had messages not counted)" : "")
                + ".\n" + lines;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("response", provider.generate(prompt).strip());
        result.put("summary_event_count", total);
        result.put("summary_unique_event_count", counts.size() + (untracked > 0 ? untracked : 0));
        return result;
    }
}
