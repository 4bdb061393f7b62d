package org.timesmith.analysis.similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.support.Kwargs;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;

/**
 * Timesketch's similarity scorer: per data type, every event gets {@code similarity_score}, the
 * share of the data type's events whose {@code message} (words split on space, {@code -} and
 * {@code /}) is a near-duplicate of its own by MinHash LSH ({@link MinHashLsh}; Jaccard threshold
 * 0.5, 128 permutations by default). A high score is routine, a low one stands out. Timesketch runs
 * one sub-analysis and one query per data type; here one stream covers every data type, and
 * identical texts share one signature, so the work grows with the distinct texts.
 */
public final class SimilarityScorerAnalyzer implements Analyzer {

    public static final String NAME = "similarity_scorer";
    private static final Pattern DELIMITERS = Pattern.compile("[ \\-/]");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Similarity Scorer";
    }

    @Override
    public String description() {
        return "Calculate similarity scores based on the Jaccard distance between events of each data type";
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(
                AnalyzerParameter.optional("data_type", AnalyzerParameter.Type.STRING,
                        "Score only these data types (comma-separated); every data type without it"),
                AnalyzerParameter.optional("field", AnalyzerParameter.Type.STRING, "The text compared (default message)"),
                AnalyzerParameter.optional("threshold", AnalyzerParameter.Type.NUMBER,
                        "Jaccard similarity of near-duplicates, 0..1 (default 0.5)"),
                AnalyzerParameter.optional("num_perm", AnalyzerParameter.Type.NUMBER, "MinHash permutations (default 128)"));
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        String field = context.kwarg("field").filter(f -> !f.isBlank()).orElse("message");
        List<String> only = Kwargs.list(context, "data_type", List.of());
        String query = only.isEmpty() ? "_exists_:data_type AND _exists_:" + field
                : "data_type:(" + String.join(" OR ", only.stream().map(t -> "\"" + t.replace("\"", "\\\"") + "\"").toList())
                + ") AND _exists_:" + field;
        MinHashLsh lsh = new MinHashLsh(Kwargs.positiveInt(context, "num_perm", 128), Kwargs.fraction(context, "threshold", 0.5));
        Map<String, Map<String, List<EventRef>>> byType = new TreeMap<>();
        try (EventStream events = context.stream(query, List.of("data_type", field))) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                if (event.source().get("data_type") instanceof String type && event.source().get(field) != null) {
                    byType.computeIfAbsent(type, t -> new HashMap<>())
                            .computeIfAbsent(event.source().get(field).toString(), t -> new ArrayList<>()).add(EventRef.of(event));
                }
            }
        }
        long scored = 0;
        Map<String, Long> perType = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, List<EventRef>>> type : byType.entrySet()) {
            long n = score(context, lsh, type.getValue());
            perType.put(type.getKey(), n);
            scored += n;
            context.log("Similarity scorer processed " + n + " events for data_type " + type.getKey());
        }
        String summary = "Similarity scorer processed " + scored + " events of " + byType.size() + " data types";
        AnalyzerOutcome outcome = (scored > 0 ? AnalyzerOutcome.success(summary) : AnalyzerOutcome.noFindings(summary))
                .count("events_scored", scored).count("data_types", byType.size())
                .count("lsh_bands", lsh.bands()).count("lsh_rows", lsh.rows());
        for (Map.Entry<String, Long> e : perType.entrySet()) {
            outcome = outcome.count("data_type:" + e.getKey(), e.getValue());
        }
        return outcome;
    }

    /** Scores one data type's events (grouped by text); returns how many were scored. */
    private static long score(AnalysisContext context, MinHashLsh lsh, Map<String, List<EventRef>> byText) {
        List<String> texts = new ArrayList<>(byText.keySet());
        texts.sort(null);
        List<long[]> signatures = new ArrayList<>();
        for (String text : texts) {
            signatures.add(lsh.signature(Arrays.stream(DELIMITERS.split(text)).filter(w -> !w.isEmpty()).toList()));
        }
        long total = byText.values().stream().mapToLong(List::size).sum();
        long[] weights = texts.stream().mapToLong(t -> byText.get(t).size()).toArray();
        double[] neighbours = lsh.neighbourWeights(signatures, weights);
        Map<Double, List<EventRef>> byScore = new TreeMap<>();
        for (int i = 0; i < texts.size(); i++) {
            byScore.computeIfAbsent(Math.min(1.0, neighbours[i] / total), s -> new ArrayList<>()).addAll(byText.get(texts.get(i)));
        }
        byScore.forEach((score, events) -> context.addAttributes(events, Map.of("similarity_score", score)));
        return total;
    }
}
