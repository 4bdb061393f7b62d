package org.timesmith.analysis.llm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which provider serves which feature, as Timesketch's {@code LLM_PROVIDER_CONFIGS} maps a feature
 * ({@code log_analyzer}, {@code nl2q}, {@code llm_summarize} …) to a provider and its settings. The
 * server builds it from {@code timesmith.llm.*} and offers it to analyzers as a resource; a feature
 * with no provider is off.
 */
public final class LlmProviders {

    /** No feature is on. */
    public static final LlmProviders NONE = new LlmProviders(Map.of());

    private final Map<String, LlmProvider> byFeature;

    /** @param byFeature feature name → its provider */
    public LlmProviders(Map<String, LlmProvider> byFeature) {
        this.byFeature = Collections.unmodifiableMap(new LinkedHashMap<>(byFeature));
    }

    /**
     * From configurations: feature → provider name, and provider name → configuration; a feature
     * naming a provider that is not configured is a configuration error.
     */
    public static LlmProviders of(Map<String, String> featureProviders, Map<String, LlmProviderConfig> configs) {
        Map<String, LlmProvider> opened = new LinkedHashMap<>();
        Map<String, LlmProvider> byFeature = new LinkedHashMap<>();
        featureProviders.forEach((feature, providerName) -> {
            LlmProviderConfig config = configs.get(providerName);
            if (config == null) {
                throw new IllegalArgumentException("timesmith.llm.features." + feature + ".provider names " + providerName
                        + ", which is not configured under timesmith.llm.providers (configured: " + configs.keySet() + ")");
            }
            byFeature.put(feature, opened.computeIfAbsent(providerName, n -> config.open()));
        });
        return new LlmProviders(byFeature);
    }

    public Optional<LlmProvider> forFeature(String feature) {
        return Optional.ofNullable(byFeature.get(feature));
    }

    /** Feature name → its provider, for the settings route. */
    public Map<String, LlmProvider> features() {
        return byFeature;
    }
}
