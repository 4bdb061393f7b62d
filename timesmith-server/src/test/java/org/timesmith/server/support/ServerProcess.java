package org.timesmith.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;
import org.timesmith.core.ingest.CrashPoint;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;

/**
 * The real server in a JVM of its own, started as {@code timesmith server} starts it
 * ({@link TimesmithServer#start}) on a data directory, for tests that kill it with {@code kill -9}
 * and start it again on the same directory: an in-process server cannot be killed without killing
 * the test. The child prints its port on standard output; every line it prints is kept so that a test
 * can wait for a {@link CrashPoint} marker and show the child's last lines when something fails.
 */
public final class ServerProcess implements AutoCloseable {

    private static final String PORT_LINE = "timesmith test server listening on port ";
    private static final int TAIL_LINES = 200;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final int port;

    private ServerProcess(Process process) throws InterruptedException {
        this.process = process;
        Thread.ofPlatform().daemon().name("server-process-output").start(this::drain);
        this.port = Integer.parseInt(awaitLine(PORT_LINE, Duration.ofMinutes(3)).substring(PORT_LINE.length()).strip());
    }

    /**
     * Starts the server on {@code home}; {@code systemProperties} go to its JVM (a crash point),
     * {@code springProperties} to Spring. With {@code createUsers}, adds {@code admin}, {@code alice}
     * and {@code bob} with {@link TestServer#PASSWORD}, as {@link TestServer} does.
     */
    public static ServerProcess start(Path home, boolean createUsers, Map<String, String> systemProperties,
                                      Map<String, String> springProperties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(),
                home.toAbsolutePath().toString(), String.valueOf(createUsers)));
        springProperties.forEach((key, value) -> command.add(key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            return new ServerProcess(process);
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The child: {@code <home> <createUsers> [spring.key=value …]}. */
    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("logging.level.root", "warn");
        properties.put("logging.level.org.timesmith.server.ingest", "info");
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            properties.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        ConfigurableApplicationContext server = TimesmithServer.start(Path.of(args[0]), 0, false, properties, List.of());
        if (Boolean.parseBoolean(args[1])) {
            AdminService admin = server.getBean(AdminService.class);
            admin.addUser("admin", TestServer.PASSWORD, true);
            admin.addUser("alice", TestServer.PASSWORD, false);
            admin.addUser("bob", TestServer.PASSWORD, false);
        }
        System.out.println(PORT_LINE + server.getEnvironment().getProperty("local.server.port"));
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public TsClient login(String username) {
        return TsClient.loggedIn(url(), username, TestServer.PASSWORD);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the server stops at its crash point (it printed the point's marker). */
    public void awaitCrashPoint(String name, Duration timeout) throws InterruptedException {
        awaitLine(CrashPoint.MARKER + name, timeout);
    }

    /** The first line (not yet consumed) that starts with {@code prefix}; fails with the child's last lines. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the server process (alive: " + process.isAlive() + ") did not print \""
                        + prefix + "\" within " + timeout + "; its last lines:\n" + tail());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** The child's last lines of output, for failure messages. */
    public synchronized String tail() {
        return String.join("\n", tail);
    }

    /** {@code kill -9}: SIGKILL, no shutdown hook, no flush, no closing of files. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                throw new AssertionError("the server process " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing the server process " + process.pid(), e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void drain() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output lost: " + e + ")");
        }
    }
}
