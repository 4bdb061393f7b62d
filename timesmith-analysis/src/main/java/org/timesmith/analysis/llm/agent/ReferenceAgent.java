package org.timesmith.analysis.llm.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.timesmith.analysis.llm.BoundedLines;
import org.timesmith.analysis.llm.OpenAiChat;

/**
 * The reference log-reasoning agent: an HTTP server (the JDK's) answering
 * {@code POST /analyze_logs} by the contract of Timesketch's log analyzer: NDJSON events in,
 * NDJSON findings out while the events still arrive ({@link AgentSession}). Offline and
 * deterministic unless a model is given; binds the loopback address unless told otherwise; with an
 * API key it refuses requests without {@code Authorization: Bearer <key>}.
 */
public final class ReferenceAgent implements AutoCloseable {

    /** The longest event line read; longer ones are answered with an error line. */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    /**
     * @param host      the address to bind (loopback by default)
     * @param port      the port (0: any free one)
     * @param apiKey    the bearer token requests must carry, if any
     * @param llm       an OpenAI-compatible model to consult, if any
     * @param llmBatch  events per question to the model
     */
    public record Options(InetAddress host, int port, Optional<String> apiKey, Optional<OpenAiChat> llm, int llmBatch) {
        public static Options loopback(int port) {
            return new Options(InetAddress.getLoopbackAddress(), port, Optional.empty(), Optional.empty(), 50);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Options options;
    private final Consumer<String> log;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ReferenceAgent(Options options, Consumer<String> log) throws IOException {
        this.options = options;
        this.log = log;
        this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 16);
        this.executor = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("agent-", 0).daemon().factory());
        server.setExecutor(executor);
        server.createContext("/analyze_logs", this::analyze);
    }

    /** Starts an agent; {@code log} receives a line per request served. */
    public static ReferenceAgent start(Options options, Consumer<String> log) throws IOException {
        ReferenceAgent agent = new ReferenceAgent(options, log);
        agent.server.start();
        return agent;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The server URL to configure as the provider's {@code server-url}. */
    public URI url() {
        String host = server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    private void analyze(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                refuse(exchange, 405, "POST NDJSON events to /analyze_logs");
                return;
            }
            if (options.apiKey().isPresent()
                    && !("Bearer " + options.apiKey().get()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refuse(exchange, 401, "missing or wrong API key");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            AgentSession session = new AgentSession(out, options.llm().map(chat -> new LlmAssist(chat, options.llmBatch())));
            BoundedLines.read(exchange.getRequestBody(), MAX_EVENT_BYTES, new BoundedLines.Handler() {
                @Override
                public boolean line(long number, String line) {
                    return io(() -> session.line(number, line));
                }

                @Override
                public boolean tooLong(long number, long bytes) {
                    return io(() -> {
                        session.tooLong(number, bytes);
                        return true;
                    });
                }
            });
            session.finish();
            log.accept("analyze_logs from " + exchange.getRemoteAddress() + ": " + session.summary());
        } catch (IOException | java.io.UncheckedIOException e) {
            log.accept("analyze_logs from " + exchange.getRemoteAddress() + " ended: " + e.getMessage());
        }
    }

    private interface IoStep {
        boolean run() throws IOException;
    }

    private static boolean io(IoStep step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Stops serving (once; closing again does nothing). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
