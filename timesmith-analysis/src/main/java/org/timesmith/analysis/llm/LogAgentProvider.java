package org.timesmith.analysis.llm;

import java.util.Map;

/**
 * The provider for a log-reasoning agent that speaks the {@code /analyze_logs} contract (Timesketch's
 * seed document for its log analyzer): one streaming {@code POST {server_url}/analyze_logs} with
 * {@code Content-Type} and {@code Accept} {@code application/x-ndjson}, one event per line, findings
 * streamed back as NDJSON while the events are still going out. It answers no prompts.
 */
final class LogAgentProvider implements LlmProvider {

    static final String NDJSON = "application/x-ndjson";

    private final LlmProviderConfig config;
    private final DuplexHttp http;

    LogAgentProvider(LlmProviderConfig config) {
        this.config = config;
        this.http = new DuplexHttp(config);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean streamsLogs() {
        return true;
    }

    @Override
    public boolean generatesText() {
        return false;
    }

    @Override
    public void analyzeLogs(RequestBody events, ResponseBody answer) {
        http.post(endpoint(config.serverUrl()), Map.of("Content-Type", NDJSON, "Accept", NDJSON), events, answer);
    }

    /** {@code {server_url}/analyze_logs}, whether or not the URL ends with a slash. */
    static java.net.URI endpoint(java.net.URI serverUrl) {
        String base = serverUrl.toString();
        return java.net.URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/analyze_logs");
    }

    @Override
    public String generate(String prompt) {
        throw new LlmException("LLM provider " + config.name() + " is a log analysis agent; it answers no prompts");
    }
}
