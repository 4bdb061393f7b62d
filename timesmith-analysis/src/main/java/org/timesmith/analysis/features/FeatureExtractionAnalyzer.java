package org.timesmith.analysis.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.AnalysisException;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerOutcome;
import org.timesmith.analysis.AnalyzerParameter;
import org.timesmith.analysis.EventRef;
import org.timesmith.analysis.support.Annotations;
import org.timesmith.analysis.support.Charts;
import org.timesmith.analysis.support.Emojis;
import org.timesmith.analysis.support.RuleFiles;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import tools.jackson.databind.JsonNode;

/**
 * Timesketch's {@code feature_extraction}: regular-expression features from {@value #REGEX_FILE}
 * (e-mail addresses, accounts, IP addresses of SSH and RDP logons …) and Windows event log
 * attributes from {@value #WINEVT_FILE} (the {@code strings} of 4624, 4625, 7045 … as named
 * attributes), each file the deployment's or the default. Every regular-expression feature streams
 * its own query's matches once; all the Windows mappings share one stream of the event log records
 * (Timesketch runs one query per mapping). A feature that cannot run is logged and counted.
 */
public final class FeatureExtractionAnalyzer implements Analyzer {

    public static final String NAME = "feature_extraction";
    static final String REGEX_FILE = "regex_features.yaml";
    static final String WINEVT_FILE = "winevt_features.yaml";
    private static final String WINEVT_QUERY = "_exists_:strings AND _exists_:event_identifier";
    private static final int TOP_VALUES = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Feature extractions";
    }

    @Override
    public String description() {
        return "Extract features from events: regular expressions (regex_features.yaml) and Windows event log strings (winevt_features.yaml)";
    }

    @Override
    public List<AnalyzerParameter> parameters() {
        return List.of(AnalyzerParameter.optional("feature_name", AnalyzerParameter.Type.STRING,
                        "Run only these features (names from either file, comma-separated); all without it"),
                AnalyzerParameter.optional("plugin", AnalyzerParameter.Type.STRING,
                        "regex or winevt: run only that plugin's features"));
    }

    /** What one plugin did. */
    private record Tally(long features, long events, long failed) {
    }

    @Override
    public AnalyzerOutcome run(AnalysisContext context) {
        Optional<Set<String>> only = context.kwarg("feature_name").filter(s -> !s.isBlank())
                .map(s -> new LinkedHashSet<>(List.of(s.split("\\s*,\\s*"))));
        String plugin = context.kwarg("plugin").orElse("").trim();
        if (!plugin.isEmpty() && !plugin.equals("regex") && !plugin.equals("winevt")) {
            throw new AnalysisException("plugin must be regex or winevt, not " + plugin);
        }
        Annotations annotations = new Annotations();
        Map<String, JsonNode> regexRules = plugin.equals("winevt") ? Map.of() : selected(context, REGEX_FILE, only);
        Map<String, JsonNode> winevtRules = plugin.equals("regex") ? Map.of() : selected(context, WINEVT_FILE, only);
        only.ifPresent(names -> names.stream().filter(n -> !regexRules.containsKey(n) && !winevtRules.containsKey(n))
                .findFirst().ifPresent(n -> {
                    throw new AnalysisException("no feature " + n + " in " + REGEX_FILE + " or " + WINEVT_FILE);
                }));
        Tally regex = regexFeatures(context, parseAll(context, regexRules, RegexFeature::parse), annotations,
                regexRules.size());
        Tally winevt = winevtFeatures(context, parseAll(context, winevtRules, WinevtFeature::parse), annotations,
                winevtRules.size());
        annotations.commit(context);
        String summary = "regex: " + regex.events() + " events from " + regex.features() + " features; winevt: "
                + winevt.events() + " events from " + winevt.features() + " features"
                + (regex.failed() + winevt.failed() > 0 ? "; " + (regex.failed() + winevt.failed()) + " features could not run" : "");
        return (regex.events() + winevt.events() > 0 ? AnalyzerOutcome.success(summary) : AnalyzerOutcome.noFindings(summary))
                .count("regex_events", regex.events()).count("regex_features_matched", regex.features())
                .count("winevt_events", winevt.events()).count("winevt_features_matched", winevt.features())
                .count("features_failed", regex.failed() + winevt.failed());
    }

    private static Map<String, JsonNode> selected(AnalysisContext context, String file, Optional<Set<String>> only) {
        Map<String, JsonNode> rules = new LinkedHashMap<>(RuleFiles.load(context, file, FeatureExtractionAnalyzer.class).rules());
        only.ifPresent(names -> rules.keySet().retainAll(names));
        return rules;
    }

    private static <T> List<T> parseAll(AnalysisContext context, Map<String, JsonNode> rules,
                                        BiFunction<String, JsonNode, T> parser) {
        List<T> parsed = new ArrayList<>();
        rules.forEach((name, rule) -> {
            try {
                parsed.add(parser.apply(name, rule));
            } catch (IllegalArgumentException e) {
                context.log("feature " + name + " skipped: " + e.getMessage());
            }
        });
        return parsed;
    }

    private static Tally regexFeatures(AnalysisContext context, List<RegexFeature> features, Annotations annotations,
                                       int configured) {
        long events = 0;
        long matched = 0;
        for (RegexFeature feature : features) {
            long extracted = 0;
            try (EventStream stream = context.stream(feature.query(), List.of(feature.attribute(), feature.storeAs(), Emojis.FIELD))) {
                while (stream.hasNext()) {
                    StoredEvent event = stream.next();
                    EventRef ref = EventRef.of(event);
                    Object current = annotations.pending(ref, feature.storeAs()).orElse(event.source().get(feature.storeAs()));
                    Optional<Object> value = feature.valueFor(feature.extract(event.source().get(feature.attribute())), current);
                    if (value.isEmpty()) {
                        continue;
                    }
                    extracted++;
                    annotations.attribute(ref, feature.storeAs(), value.get());
                    annotations.tag(ref, feature.tags());
                    annotations.emojis(event, feature.emojis());
                }
            }
            if (extracted > 0) {
                matched++;
                context.log("Feature extraction [" + feature.name() + "] extracted " + extracted + " features.");
                if (feature.createView()) {
                    context.addSavedSearch("Feature extraction: " + feature.name(), "_exists_:" + feature.storeAs(),
                            "Created by the feature_extraction analyzer");
                }
                if (feature.aggregate()) {
                    Charts.topTerms(context, "Top " + TOP_VALUES + " " + feature.storeAs() + " (" + feature.name() + ")",
                            feature.storeAs(), "_exists_:" + feature.storeAs(), TOP_VALUES, "table");
                }
            }
            events += extracted;
        }
        return new Tally(matched, events, configured - features.size());
    }

    private static Tally winevtFeatures(AnalysisContext context, List<WinevtFeature> features, Annotations annotations,
                                        int configured) {
        if (features.isEmpty()) {
            return new Tally(0, 0, configured);
        }
        Map<List<Long>, List<WinevtFeature>> byIdentifier = new HashMap<>();
        features.forEach(f -> byIdentifier.computeIfAbsent(List.of(f.eventIdentifier(), f.eventVersion()),
                k -> new ArrayList<>()).add(f));
        Map<String, Long> perFeature = new LinkedHashMap<>();
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        long events = 0;
        try (EventStream stream = context.stream(WINEVT_QUERY,
                List.of("source_name", "provider_identifier", "event_identifier", "event_version", "strings"))) {
            while (stream.hasNext()) {
                StoredEvent event = stream.next();
                Map<String, Object> source = event.source();
                List<WinevtFeature> candidates = byIdentifier.get(List.of(number(source.get("event_identifier")),
                        number(source.get("event_version"))));
                if (candidates == null || !(source.get("strings") instanceof List<?> strings) || strings.isEmpty()) {
                    continue;
                }
                boolean any = false;
                for (WinevtFeature feature : candidates) {
                    if (feature.appliesTo(source.get("source_name"), source.get("provider_identifier"))) {
                        List<String> absent = new ArrayList<>();
                        annotations.attributes(EventRef.of(event), feature.attributes(strings, absent));
                        absent.forEach(a -> missing.computeIfAbsent(feature.name(), n -> new LinkedHashSet<>()).add(a));
                        perFeature.merge(feature.name(), 1L, Long::sum);
                        any = true;
                    }
                }
                events += any ? 1 : 0;
            }
        }
        perFeature.forEach((name, n) -> context.log("winevt feature extraction: [" + name + "] extracted " + n + " features."));
        missing.forEach((name, attributes) -> context.log("winevt feature " + name
                + ": some events have too few strings for " + attributes));
        return new Tally(perFeature.size(), events, configured - features.size());
    }

    /** A numeric field as a long (-1 when absent or not a number), so 7045 and "7045" agree. */
    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? -1 : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
