package org.timesmith.analysis.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Provider types as a deployment names them, and the mistakes that stop the server at start. */
class LlmProviderConfigTest {

    private static LlmProviderConfig config(String type, Optional<String> model) {
        return new LlmProviderConfig("p", type, URI.create("http://127.0.0.1:11434"), Optional.empty(), Map.of(),
                Duration.ofMinutes(1), model);
    }

    @Test
    void anOllamaServerIsReachedThroughItsOpenAiCompatibleApiAndNeedsAModel() {
        assertThat(config("Ollama", Optional.of("llama3.1")).open()).isInstanceOf(OpenAiProvider.class);
        assertThat(config("log_analyzer_agent", Optional.empty()).open()).isInstanceOf(LogAgentProvider.class);
        assertThatThrownBy(() -> config("ollama", Optional.empty()))
                .hasMessageContaining("an ollama provider needs a model");
        assertThatThrownBy(() -> config("gemini", Optional.empty()))
                .hasMessageContaining("type must be log_analyzer_agent, openai or ollama, not gemini");
    }
}
