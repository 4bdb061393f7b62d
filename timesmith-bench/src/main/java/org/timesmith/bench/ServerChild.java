package org.timesmith.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;

/**
 * The server in a child JVM of its own (embedded storage, random port, the JVM options
 * {@code ./timesmith} gives it), for benchmarks whose own JVM must hold only the client
 * ({@link ClientBench}) or that kill the server with SIGKILL ({@link CrashBench}). The child prints its
 * port; its output is echoed as {@code server: …} and can be waited on for a line.
 */
final class ServerChild implements AutoCloseable {

    private static final String PORT_LINE = "bench server listening on port ";
    private static final String PASSWORD_VARIABLE = "BENCH_SERVER_PASSWORD";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int port;

    private ServerChild(Process process) throws IOException, InterruptedException {
        this.process = process;
        Thread.ofPlatform().daemon().name("server-child-output").start(this::drain);
        String line = awaitLine(PORT_LINE, Duration.ofMinutes(5));
        port = Integer.parseInt(line.substring(PORT_LINE.length()).strip());
    }

    /**
     * Starts the server on {@code home} with user {@code bench} ({@link ServerBench#PASSWORD}) created
     * if {@code createUser}; {@code systemProperties} go to the child JVM.
     */
    static ServerChild start(Path home, String heap, boolean createUser, Map<String, String> systemProperties)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseParallelGC",
                "--enable-native-access=ALL-UNNAMED"));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerChild.class.getName(),
                home.toString(), String.valueOf(createUser)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, ServerBench.PASSWORD);
        Process process = builder.start();
        try {
            return new ServerChild(process);
        } catch (IOException | RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The child: {@code <home> <createUser>}; runs until its stdin closes or it is killed. */
    public static void main(String[] args) throws IOException {
        BenchCli.quietLucene();
        ConfigurableApplicationContext server = TimesmithServer.start(Path.of(args[0]), 0, false,
                Map.of("logging.level.root", "warn", "logging.level.org.timesmith.server.ingest", "info"), List.of());
        if (Boolean.parseBoolean(args[1])) {
            server.getBean(AdminService.class).addUser("bench", System.getenv(PASSWORD_VARIABLE), false);
        }
        System.out.println(PORT_LINE + server.getEnvironment().getProperty("local.server.port"));
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the benchmark closes our stdin (or dies)
        }
        server.close();
        System.exit(0);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The first line not yet waited on that starts with {@code prefix}. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("the server did not print \"" + prefix + "\" within " + timeout
                        + (process.isAlive() ? "" : " (it exited " + process.exitValue() + ")"));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofMinutes(1));
    }

    /** Stops the server cleanly (closes its stdin), killing it if it does not stop within a minute. */
    @Override
    public void close() throws IOException {
        if (!process.isAlive()) {
            return;
        }
        process.getOutputStream().close();
        if (!awaitExit(Duration.ofMinutes(1))) {
            kill();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server process " + process.pid(), e);
        }
    }

    private void drain() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println("server: " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            System.out.println("server: (output lost: " + e + ")");
        }
    }
}
