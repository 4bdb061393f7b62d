package org.timesmith.analysis.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of an OpenAI-compatible chat completions endpoint ({@code POST …/v1/chat/completions}:
 * Ollama, llama.cpp's server, vLLM, OpenAI): one system and one user message in, the first choice's
 * text out, at temperature 0 so that the same input gives the same answer where the server allows.
 * Used by {@link OpenAiProvider} and by the reference agent's {@code --llm-url}.
 */
public final class OpenAiChat {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final Optional<String> apiKey;
    private final Map<String, String> headers;
    private final Optional<String> model;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param baseUrl the server, with or without {@code /v1} (both {@code http://host:11434} and
     *                {@code http://host:11434/v1} work), or the full {@code …/chat/completions} URL
     */
    public OpenAiChat(URI baseUrl, Optional<String> apiKey, Map<String, String> headers, Optional<String> model,
                      Duration timeout) {
        this.endpoint = endpoint(baseUrl);
        this.apiKey = apiKey;
        this.headers = Map.copyOf(headers);
        this.model = model;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(LlmProviderConfig.CONNECT_TIMEOUT).build();
    }

    static URI endpoint(URI base) {
        String text = base.toString();
        if (text.endsWith("/chat/completions")) {
            return base;
        }
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        return URI.create(trimmed.endsWith("/v1") ? trimmed + "/chat/completions" : trimmed + "/v1/chat/completions");
    }

    /** The model's answer to {@code user}, instructed by {@code system}. */
    public String complete(String system, String user) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.orElse("default"));
        body.put("temperature", 0);
        body.put("stream", false);
        body.putArray("messages")
                .add(JSON.createObjectNode().put("role", "system").put("content", system))
                .add(JSON.createObjectNode().put("role", "user").put("content", user));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new LlmException("the model at " + endpoint + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new LlmException("cannot reach the model at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting for the model at " + endpoint, e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body();
            throw new LlmException("the model at " + endpoint + " answered HTTP " + response.statusCode() + ": "
                    + text.substring(0, Math.min(300, text.length())));
        }
        try {
            JsonNode content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content");
            if (!content.isString()) {
                throw new LlmException("the model at " + endpoint + " answered without choices[0].message.content");
            }
            return content.asString();
        } catch (JacksonException e) {
            throw new LlmException("the model at " + endpoint + " answered something that is not JSON", e);
        }
    }
}
