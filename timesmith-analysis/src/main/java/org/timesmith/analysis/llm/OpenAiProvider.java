package org.timesmith.analysis.llm;

/**
 * The provider for an OpenAI-compatible chat endpoint (Timesketch's {@code ollama} and
 * {@code openai}-style providers): it answers prompts ({@link #generate}); it does not stream logs,
 * which needs an agent ({@link LogAgentProvider}).
 */
final class OpenAiProvider implements LlmProvider {

    private static final String SYSTEM = "You are a digital forensics assistant. Answer exactly what is asked.";

    private final LlmProviderConfig config;
    private final OpenAiChat chat;

    OpenAiProvider(LlmProviderConfig config) {
        this.config = config;
        this.chat = new OpenAiChat(config.serverUrl(), config.apiKey(), config.headers(), config.model(),
                config.readTimeout());
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean streamsLogs() {
        return false;
    }

    @Override
    public boolean generatesText() {
        return true;
    }

    @Override
    public void analyzeLogs(RequestBody events, ResponseBody answer) {
        throw new LlmException("LLM provider " + config.name() + " is a chat model; the log analyzer needs a "
                + LlmProviderConfig.LOG_AGENT + " provider");
    }

    @Override
    public String generate(String prompt) {
        return chat.complete(SYSTEM, prompt);
    }
}
