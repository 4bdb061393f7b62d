package org.timesmith.analysis.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.timesmith.analysis.support.RuleFiles;
import tools.jackson.databind.JsonNode;

/**
 * One Windows event log mapping, in Timesketch's {@code winevt_features.yaml} layout: events of a
 * {@code source_name} (or {@code provider_identifier}), {@code event_identifier} and
 * {@code event_version} get attributes from plaso's {@code strings} list, by
 * {@code mapping: [{name, string_index, aliases}]}.
 */
record WinevtFeature(String name, List<String> sourceNames, List<String> providers, long eventIdentifier,
                     long eventVersion, List<Mapping> mappings) {

    /** One attribute: its name, the index into {@code strings}, and the other names it is also stored as. */
    record Mapping(String name, int index, List<String> aliases) {
    }

    /** @throws IllegalArgumentException with the reason the feature cannot run */
    static WinevtFeature parse(String name, JsonNode rule) {
        List<String> sources = lower(RuleFiles.strings(rule, "source_name"));
        List<String> providers = lower(RuleFiles.strings(rule, "provider_identifier"));
        if (sources.isEmpty() && providers.isEmpty()) {
            throw new IllegalArgumentException("source_name or provider_identifier is required");
        }
        if (!rule.path("event_identifier").isIntegralNumber() || !rule.path("event_version").isIntegralNumber()) {
            throw new IllegalArgumentException("event_identifier and event_version must be integers");
        }
        JsonNode mapping = rule.path("mapping");
        if (!mapping.isArray() || mapping.isEmpty()) {
            throw new IllegalArgumentException("mapping must be a non-empty list");
        }
        List<Mapping> mappings = new ArrayList<>();
        for (JsonNode m : mapping) {
            if (!m.path("name").isString() || !m.path("string_index").isIntegralNumber() || m.path("string_index").asInt() < 0) {
                throw new IllegalArgumentException("each mapping needs a name and a string_index of 0 or more");
            }
            mappings.add(new Mapping(m.path("name").asString(), m.path("string_index").asInt(), RuleFiles.strings(m, "aliases")));
        }
        return new WinevtFeature(name, sources, providers, rule.path("event_identifier").asLong(),
                rule.path("event_version").asLong(), List.copyOf(mappings));
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether the event's source and provider fit (the identifier and version are matched by the caller). */
    boolean appliesTo(Object sourceName, Object provider) {
        boolean source = sourceNames.isEmpty() || sourceName != null && sourceNames.contains(sourceName.toString().toLowerCase(Locale.ROOT));
        boolean prov = providers.isEmpty() || provider != null && providers.contains(provider.toString().toLowerCase(Locale.ROOT));
        return source && prov;
    }

    /** The attributes from the strings; indices beyond the list are reported in {@code missing}, null strings left out. */
    Map<String, Object> attributes(List<?> strings, List<String> missing) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Mapping m : mappings) {
            if (m.index() >= strings.size()) {
                missing.add(m.name());
                continue;
            }
            Object value = strings.get(m.index());
            if (value == null) {
                continue;
            }
            attributes.put(m.name(), value);
            m.aliases().forEach(alias -> attributes.put(alias, value));
        }
        return attributes;
    }
}
