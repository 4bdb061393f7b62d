package org.timesmith.server.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL server (zonky, real binaries on a loopback port) for every test class of
 * the run: started by the first class that asks, kept in JUnit's root store and stopped when the
 * run ends. Each class gets a database of its own from {@link #newDatabase()}, so classes never see
 * each other's rows. Register it as a static field with {@code @RegisterExtension}.
 */
final class SharedPostgres implements BeforeAllCallback {

    private EmbeddedPostgres postgres;

    private record Handle(EmbeddedPostgres postgres) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        postgres = context.getRoot().getStore(ExtensionContext.Namespace.create(SharedPostgres.class))
                .computeIfAbsent("postgres", key -> new Handle(start()), Handle.class).postgres();
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** Creates an empty database and returns its JDBC URL (user and password in the URL). */
    String newDatabase() {
        String name = "ts_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name + "?user=postgres";
    }
}
