package org.timesmith.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.timesmith.analysis.llm.OpenAiChat;
import org.timesmith.analysis.llm.agent.ReferenceAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timesmith agent}: the reference log-reasoning agent, an HTTP server answering
 * {@code POST /analyze_logs} as the LLM log analyzer expects (docs/llm.md), offline and deterministic
 * from rules; with {@code --llm-url} it also asks an OpenAI-compatible model, keeping only findings
 * that cite events it was shown. Binds the loopback address unless {@code --host} says otherwise.
 * Runs until interrupted, printing a line per request served.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the reference log analysis agent (POST /analyze_logs, NDJSON in and out).",
                "Point the server at it: timesmith.llm.features.log_analyzer.provider=agent,",
                "timesmith.llm.providers.agent.server-url=http://127.0.0.1:PORT"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:the port could not be bound", "2:invalid command line"})
final class AgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8088", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Require 'Authorization: Bearer <key>', the key read from this environment variable.")
    Optional<String> apiKeyVariable;

    @Option(names = "--llm-url", paramLabel = "URL",
            description = "An OpenAI-compatible chat endpoint to consult as well (Ollama: http://127.0.0.1:11434).")
    Optional<URI> llmUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "The model to ask (default: the server's default).")
    Optional<String> llmModel;

    @Option(names = "--llm-api-key-env", paramLabel = "VAR", description = "The model's API key, from this environment variable.")
    Optional<String> llmKeyVariable;

    @Option(names = "--llm-batch", defaultValue = "50", description = "Events per question to the model (default: ${DEFAULT-VALUE}).")
    int llmBatch;

    @Option(names = "--llm-timeout", defaultValue = "PT5M", description = "How long one answer of the model may take (default: ${DEFAULT-VALUE}).")
    Duration llmTimeout;

    @Override
    public Integer call() throws IOException {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
        }
        if (llmBatch < 1) {
            throw new ParameterException(spec.commandLine(), "--llm-batch must be at least 1");
        }
        llmUrl.ifPresent(url -> {
            if (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null) {
                throw new ParameterException(spec.commandLine(), "--llm-url must be an http(s) URL, not " + url);
            }
        });
        Optional<OpenAiChat> chat = llmUrl.map(url -> new OpenAiChat(url, llmKeyVariable.map(this::secret), Map.of(),
                llmModel, llmTimeout));
        ReferenceAgent.Options options = new ReferenceAgent.Options(InetAddress.getByName(host), port,
                apiKeyVariable.map(this::secret), chat, llmBatch);
        PrintWriter out = spec.commandLine().getOut();
        ReferenceAgent agent = ReferenceAgent.start(options, line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        });
        out.println("timesmith agent listening on " + agent.url() + "/analyze_logs"
                + llmUrl.map(u -> " (consulting the model at " + u + ")").orElse(" (rules only)"));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "timesmith-agent-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // stopped by whoever runs the command in-process
            Thread.currentThread().interrupt();
        } finally {
            agent.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        return Main.OK;
    }

    private String secret(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "the environment variable " + variable + " is not set");
        }
        return value;
    }
}
