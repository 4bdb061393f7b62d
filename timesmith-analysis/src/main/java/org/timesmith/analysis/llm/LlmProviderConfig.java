package org.timesmith.analysis.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One provider as a deployment configures it, the counterpart of an entry of Timesketch's
 * {@code LLM_PROVIDER_CONFIGS}: its name, its type ({@value #LOG_AGENT} for a log-reasoning agent
 * speaking the {@code /analyze_logs} NDJSON contract, {@value #OPENAI} for an OpenAI-compatible
 * chat endpoint such as llama.cpp's server or vLLM, {@value #OLLAMA} for an Ollama server, reached
 * through its OpenAI-compatible {@code /v1} API with a model it has pulled), the server URL, an optional API key
 * (sent as a bearer token), extra headers (gateway authentication), the read timeout and the model.
 */
public record LlmProviderConfig(String name, String type, URI serverUrl, Optional<String> apiKey,
                                Map<String, String> headers, Duration readTimeout, Optional<String> model) {

    public static final String LOG_AGENT = "log_analyzer_agent";
    public static final String OPENAI = "openai";
    public static final String OLLAMA = "ollama";
    /** Timesketch's default: a whole sketch may take the agent a long time. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(20);
    /** How long connecting may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public LlmProviderConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an LLM provider needs a name");
        }
        type = type.toLowerCase(Locale.ROOT);
        if (!type.equals(LOG_AGENT) && !type.equals(OPENAI) && !type.equals(OLLAMA)) {
            throw new IllegalArgumentException("LLM provider " + name + ": type must be " + LOG_AGENT + ", "
                    + OPENAI + " or " + OLLAMA + ", not " + type);
        }
        if (type.equals(OLLAMA) && model.filter(m -> !m.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("LLM provider " + name + ": an ollama provider needs a model (one the"
                    + " server has pulled, e.g. llama3.1)");
        }
        String scheme = serverUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || serverUrl.getHost() == null) {
            throw new IllegalArgumentException("LLM provider " + name + ": server-url must be an http(s) URL, not "
                    + serverUrl);
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("LLM provider " + name + ": read-timeout must be positive");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The provider this configuration describes. */
    public LlmProvider open() {
        return type.equals(LOG_AGENT) ? new LogAgentProvider(this) : new OpenAiProvider(this);
    }

    /** Never prints the API key or header values (they may be credentials). */
    @Override
    public String toString() {
        return "LlmProviderConfig[" + name + ", " + type + ", " + serverUrl + ", headers " + headers.keySet() + "]";
    }
}
