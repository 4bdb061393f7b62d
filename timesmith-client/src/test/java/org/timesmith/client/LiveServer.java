package org.timesmith.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;

/**
 * The real Timesmith server, in this JVM on a random port, over a real Lucene store in a temporary
 * directory, with users {@code admin} (administrator), {@code alice} and {@code bob}, and
 * OpenID Connect sign-in through the {@link TestIssuer}. One server
 * serves every test class of the run, because starting Spring is the slow part.
 */
final class LiveServer {

    static final String PASSWORD = "correct-horse-battery";

    private static final LiveServer INSTANCE = new LiveServer();

    private final Path home;
    private final ConfigurableApplicationContext context;

    private LiveServer() {
        try {
            home = Files.createTempDirectory("timesmith-client-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // OpenID Connect sign-in against the test issuer; its "sub" claim is the username, and
        // only existing users may sign in.
        context = TimesmithServer.start(home.resolve("server"), 0, false, Map.of(
                "logging.level.org.jobrunr", "warn", "logging.level.root", "warn",
                "timesmith.oidc.issuer-uri", TestIssuer.get().issuer(), "timesmith.oidc.client-id", TestIssuer.CLIENT_ID,
                "timesmith.oidc.username-claim", "sub",
                "timesmith.analyzers.auto-run", ""), List.of());
        AdminService admin = context.getBean(AdminService.class);
        admin.addUser("admin", PASSWORD, true);
        admin.addUser("alice", PASSWORD, false);
        admin.addUser("bob", PASSWORD, false);
        admin.addGroup("analysts", "test group");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            deleteRecursively(home);
        }));
    }

    static LiveServer get() {
        return INSTANCE;
    }

    String url() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Settings for a user with a short retry backoff, so failure tests stay fast. */
    ConnectionSettings settings(String username) {
        return ConnectionSettings.userpass(url(), username, PASSWORD).withRetries(2, Duration.ofMillis(20));
    }

    TimesketchClient login(String username) {
        return TimesketchClient.connect(settings(username));
    }

    static void deleteRecursively(Path dir) {
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
