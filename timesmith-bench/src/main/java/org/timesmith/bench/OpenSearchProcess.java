package org.timesmith.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A real single OpenSearch node ({@link OpenSearchNode#main}) in a JVM of its own, started with
 * OpenSearch's own JVM options, as a deployment runs it: its collector and heap are then its own,
 * not those of the benchmark's JVM. Its CPU time and heap peaks are read from that process.
 */
final class OpenSearchProcess implements AutoCloseable {

    /** From OpenSearch's {@code config/jvm.options} for JDK 14 and later; the heap as large as this JVM's. */
    private static final List<String> OPENSEARCH_GC = List.of(
            "-XX:+UseG1GC", "-XX:G1ReservePercent=25", "-XX:InitiatingHeapOccupancyPercent=30");

    private final Process process;
    private final Writer commands;
    /** The node's protocol lines ({@code port}, {@code metering}, {@code peaks}); other output goes to stderr. */
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    OpenSearchProcess(Path directory) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions());
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OpenSearchNode.class.getName(), directory.toString()));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("opensearch-output").start(this::readOutput);
        String port = reply("port ", Duration.ofMinutes(3));
        base = URI.create("http://127.0.0.1:" + port);
    }

    /** The node's JVM options: this JVM's heap size, OpenSearch's collector settings. */
    static List<String> jvmOptions() {
        String heap = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-Xmx")).reduce((first, last) -> last)
                .map(option -> option.substring(4))
                .orElse(Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
        List<String> options = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
        options.addAll(OPENSEARCH_GC);
        return options;
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("port ") || line.equals("metering") || line.startsWith("peaks ")) {
                    replies.add(line);
                } else {
                    System.err.println(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private String reply(String prefix, Duration timeout) {
        try {
            String line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || !line.startsWith(prefix)) {
                throw new IllegalStateException("the OpenSearch process did not answer " + prefix.strip()
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")") + ": " + line);
            }
            return line.substring(prefix.length());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenSearch process is gone", e);
        }
    }

    HttpClient http() {
        return http;
    }

    URI base() {
        return base;
    }

    JsonNode request(String method, String path, String body) {
        return OpenSearchNode.request(http, base, method, path, body);
    }

    /** CPU time the node's process has used so far. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** Measures the node's heap in its own JVM. */
    HeapProbe heapProbe() {
        send("meter");
        reply("metering", Duration.ofSeconds(30));
        return new HeapProbe() {
            private HeapMeter.Peaks peaks;

            @Override
            public HeapMeter.Peaks peaks() {
                if (peaks == null) {
                    send("peaks");
                    String[] figures = reply("peaks ", Duration.ofSeconds(30)).split(" ");
                    peaks = new HeapMeter.Peaks(Long.parseLong(figures[0]), Long.parseLong(figures[1]));
                }
                return peaks;
            }

            @Override
            public void close() {
                peaks();
            }
        };
    }

    @Override
    public void close() throws IOException {
        commands.close();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
