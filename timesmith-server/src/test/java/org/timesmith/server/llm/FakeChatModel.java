package org.timesmith.server.llm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible chat server on loopback for the LLM feature tests: it answers each prompt with
 * what {@code answer} makes of it, keeps the prompts it received, and can be switched to answer HTTP
 * 503 "overloaded", as a model that is down.
 */
final class FakeChatModel implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpServer server;
    private final List<String> prompts = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean down;

    FakeChatModel(UnaryOperator<String> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> {
            String prompt = JSON.readTree(exchange.getRequestBody()).path("messages").path(1).path("content").asString();
            prompts.add(prompt);
            byte[] body = down ? "overloaded".getBytes()
                    : JSON.writeValueAsBytes(Map.of("choices", List.of(Map.of("message", Map.of("content", answer.apply(prompt))))));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(down ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The prompts received so far, oldest first. */
    List<String> prompts() {
        return prompts;
    }

    void down(boolean value) {
        down = value;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
