package org.timesmith.server.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Server settings under {@code timesmith.*}.
 *
 * @param home          the data directory: {@code metadata.db}, {@code index/}, {@code uploads/}
 * @param store         which event store to use: {@code lucene} (embedded) or, later, {@code opensearch}
 * @param demo          create an admin user and a demo sketch on start
 * @param maxUploadSize largest accepted upload part (a file chunk or an events batch)
 */
@ConfigurationProperties("timesmith")
public record TimesmithProperties(Path home, String store, boolean demo, DataSize maxUploadSize) {

    public TimesmithProperties {
        home = home == null ? Path.of("timesmith-data") : home;
        store = store == null ? "lucene" : store;
        maxUploadSize = maxUploadSize == null ? DataSize.ofMegabytes(210) : maxUploadSize;
    }

    public Path uploads() {
        return home.resolve("uploads");
    }

    public Path index() {
        return home.resolve("index");
    }
}
