package org.timesmith.server.llm;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.timesmith.analysis.llm.LlmProviderConfig;
import org.timesmith.analysis.llm.LlmProviders;
import org.timesmith.server.analysis.AnalyzerBeans;

/**
 * Builds the deployment's {@link LlmProviders} from Spring properties laid out like Timesketch's
 * {@code LLM_PROVIDER_CONFIGS}: {@code timesmith.llm.features.<feature>.provider=<name>} chooses a
 * provider per feature ({@code log_analyzer}, {@code nl2q}, {@code llm_summarize} …), and
 * {@code timesmith.llm.providers.<name>.type} ({@code log_analyzer_agent} by default, or
 * {@code openai}, or {@code ollama} with a model), {@code .server-url}, {@code .api-key},
 * {@code .headers.<Header>}, {@code .read-timeout} (default 20 minutes) and {@code .model} describe
 * it. Nothing configured: every LLM feature is off. A bad configuration stops the server with the
 * property named.
 */
@Configuration
public class LlmConfiguration {

    /** One provider's properties as bound. */
    public record ProviderProperties(String type, URI serverUrl, String apiKey, Map<String, String> headers,
                                     Duration readTimeout, String model) {
    }

    /** One feature's properties as bound. */
    public record FeatureProperties(String provider) {
    }

    @Bean
    @Qualifier(AnalyzerBeans.RESOURCE)
    LlmProviders llmProviders(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, ProviderProperties> providers = binder.bind("timesmith.llm.providers",
                Bindable.mapOf(String.class, ProviderProperties.class)).orElse(Map.of());
        Map<String, FeatureProperties> features = binder.bind("timesmith.llm.features",
                Bindable.mapOf(String.class, FeatureProperties.class)).orElse(Map.of());
        Map<String, LlmProviderConfig> configs = new LinkedHashMap<>();
        providers.forEach((name, p) -> configs.put(name, config(name, p)));
        Map<String, String> featureProviders = new LinkedHashMap<>();
        features.forEach((feature, f) -> {
            if (f.provider() == null || f.provider().isBlank()) {
                throw new IllegalArgumentException("timesmith.llm.features." + feature + ".provider is missing");
            }
            featureProviders.put(feature, f.provider());
        });
        return LlmProviders.of(featureProviders, configs);
    }

    private static LlmProviderConfig config(String name, ProviderProperties p) {
        if (p.serverUrl() == null) {
            throw new IllegalArgumentException("timesmith.llm.providers." + name + ".server-url is missing");
        }
        return new LlmProviderConfig(name, p.type() == null ? LlmProviderConfig.LOG_AGENT : p.type(), p.serverUrl(),
                Optional.ofNullable(p.apiKey()).filter(k -> !k.isBlank()),
                p.headers() == null ? Map.of() : p.headers(),
                p.readTimeout() == null ? LlmProviderConfig.DEFAULT_READ_TIMEOUT : p.readTimeout(),
                Optional.ofNullable(p.model()).filter(m -> !m.isBlank()));
    }
}
