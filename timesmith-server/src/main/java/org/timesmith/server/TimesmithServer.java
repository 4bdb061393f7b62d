package org.timesmith.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.timesmith.server.api.Times;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.sketch.SketchRepository;
import org.timesmith.server.timeline.TimelineRepository;

/**
 * Entry point for the {@code timesmith server} and {@code timesmith admin} commands: starts the
 * application on a data directory ({@code TIMESMITH_HOME}) with embedded storage and no other
 * service. Everything else is configured through Spring Boot properties.
 */
public final class TimesmithServer {

    public static final int DEFAULT_PORT = 5000;
    public static final Path DEFAULT_HOME = Path.of("timesmith-data");

    private TimesmithServer() {
    }

    /** The data directory from {@code TIMESMITH_HOME}, or {@code ./timesmith-data}. */
    public static Path defaultHome() {
        String home = System.getenv("TIMESMITH_HOME");
        return home == null || home.isBlank() ? DEFAULT_HOME : Path.of(home);
    }

    /** Starts the web server; close the returned context to stop it. Port 0 picks a free port. */
    public static ConfigurableApplicationContext start(Path home, int port, boolean demo) {
        return start(home, port, demo, Map.of(), List.of());
    }

    /** As {@link #start(Path, int, boolean)}, with further Spring properties and context initializers. */
    public static ConfigurableApplicationContext start(Path home, int port, boolean demo, Map<String, Object> properties,
                                                       List<ApplicationContextInitializer<?>> initializers) {
        Map<String, Object> all = defaults(home);
        all.put("server.port", port);
        all.put("timesmith.demo", demo);
        all.put("jobrunr.background-job-server.enabled", true);
        all.putAll(properties);
        SpringApplication application = new SpringApplication(TimesmithApplication.class);
        application.setDefaultProperties(all);
        application.addInitializers(initializers.toArray(new ApplicationContextInitializer<?>[0]));
        return application.run();
    }

    /**
     * Opens the metadata of a data directory without the web server or background jobs, for the
     * admin commands. The event store is only opened if a command needs it.
     */
    public static AdminContext admin(Path home) {
        Map<String, Object> all = defaults(home);
        all.put("spring.main.lazy-initialization", true);
        all.put("jobrunr.background-job-server.enabled", false);
        all.put("timesmith.background-jobs", false);
        all.put("spring.main.banner-mode", "off");
        all.put("logging.level.root", "warn");
        SpringApplication application = new SpringApplication(TimesmithApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(all);
        return new AdminContext(application.run());
    }

    /** An open admin session on a data directory; close it when done. */
    public record AdminContext(ConfigurableApplicationContext context) implements AutoCloseable {

        public AdminService admin() {
            return context.getBean(AdminService.class);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * Opens only the metadata database of a data directory: the repositories over a plain JDBC
     * connection, without Spring, migrations or the event store. For short-lived operator commands
     * ({@code tsctl}) that scripts call many times; the database must exist (the server or an
     * {@code admin} command made it). {@code SPRING_DATASOURCE_URL} (with {@code _USERNAME} and
     * {@code _PASSWORD}) selects another database, as it does for the server.
     */
    public static MetadataContext metadata(Path home) {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url == null || url.isBlank()) {
            Path database = home.toAbsolutePath().normalize().resolve("metadata.db");
            if (!Files.isRegularFile(database)) {
                throw new IllegalStateException("no Timesmith data in " + database.getParent()
                        + ": start the server on it once, or give the right --home / TIMESMITH_HOME");
            }
            url = sqliteUrl(database.getParent());
        }
        var dataSource = new DriverManagerDataSource(url, Objects.requireNonNullElse(
                System.getenv("SPRING_DATASOURCE_USERNAME"), ""),
                Objects.requireNonNullElse(System.getenv("SPRING_DATASOURCE_PASSWORD"), ""));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Times times = new Times(Clock.systemUTC());
        return new MetadataContext(new UserRepository(jdbc, times), new SketchRepository(jdbc, times),
                new TimelineRepository(jdbc, times));
    }

    /** The metadata repositories of {@link #metadata(Path)}; each call opens and closes its own connection. */
    public record MetadataContext(UserRepository users, SketchRepository sketches, TimelineRepository timelines) {
    }

    private static String sqliteUrl(Path absoluteHome) {
        return "jdbc:sqlite:" + absoluteHome.resolve("metadata.db")
                + "?journal_mode=WAL&busy_timeout=60000&transaction_mode=IMMEDIATE&synchronous=NORMAL&foreign_keys=true";
    }

    private static Map<String, Object> defaults(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + absolute, e);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("timesmith.home", absolute.toString());
        all.put("spring.datasource.url", sqliteUrl(absolute));
        all.put("jobrunr.background-job-server.name", nodeName(absolute));
        return all;
    }

    /**
     * The job server's name: this host and data directory. A node started again on the same directory
     * after a {@code kill -9} carries the name of its dead predecessor, whose heartbeat may still look
     * fresh, and so knows that the imports it finds processing there are nobody's ({@code JobNodes}).
     * Within the 128 characters JobRunr stores; a longer directory is shortened to a hash of it.
     */
    static String nodeName(Path absoluteHome) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        String name = host + ":" + absoluteHome;
        if (name.length() <= 128) {
            return name;
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(absoluteHome.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return (host.length() > 90 ? host.substring(0, 90) : host) + ":"
                    + java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
