package org.timesmith.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;

/**
 * The real server (real Lucene store, SQLite, JobRunr) on a random port with a temporary data directory and three users: {@code admin}
 * (administrator), {@code alice} and {@code bob}, all with password {@link #PASSWORD}.
 */
public final class TestServer implements AutoCloseable {

    public static final String PASSWORD = "correct-horse-battery";

    private final Path home;
    private final ConfigurableApplicationContext context;
    private final EventStore store;

    public TestServer() {
        this(createHome(), true);
    }

    public TestServer(Path home, boolean createUsers) {
        this(home, createUsers, Map.of());
    }

    /** The server on {@code home} with the real embedded (Lucene) event store under {@code home/index}. */
    public TestServer(Path home, boolean createUsers, Map<String, Object> properties) {
        this.home = home;
        Map<String, Object> all = new HashMap<>(properties);
        all.putIfAbsent("logging.level.org.jobrunr", "warn");
        // no analyzers after imports unless a test asks for them (AnalysisAfterImportTest)
        all.putIfAbsent("timesmith.analyzers.auto-run", "");
        this.context = TimesmithServer.start(home, 0, false, all, List.of());
        this.store = context.getBean(EventStore.class);
        if (createUsers) {
            AdminService admin = admin();
            admin.addUser("admin", PASSWORD, true);
            admin.addUser("alice", PASSWORD, false);
            admin.addUser("bob", PASSWORD, false);
        }
    }

    private static TestServer shared;

    /** One server for all API test classes of the run (starting Spring is the slow part of these tests). */
    public static synchronized TestServer shared() {
        if (shared == null) {
            shared = new TestServer();
            TestServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    public static Path createHome() {
        try {
            return Files.createTempDirectory("timesmith-server-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public Path home() {
        return home;
    }

    public EventStore store() {
        return store;
    }

    public AdminService admin() {
        return context.getBean(AdminService.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A bean by name, for types the context has several of (such as handler mappings). */
    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public TsClient login(String username) {
        return TsClient.loggedIn(url(), username, PASSWORD);
    }

    /** Stops the server and keeps the data directory (for restart tests). */
    public void stop() {
        context.close();
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
        deleteRecursively(home);
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
