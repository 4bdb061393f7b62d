package org.timesmith.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Server settings under {@code timesmith.*}.
 *
 * @param home          the data directory: {@code metadata.db}, {@code index/}, {@code uploads/}
 * @param store         which event store to use, by the name of its {@code EventStoreProvider}:
 *                      {@code lucene} (embedded) or {@code opensearch} (a cluster, configured under
 *                      {@code timesmith.opensearch.*}, see {@code OpenSearchEventStoreProvider})
 * @param demo          create an admin user and a demo sketch on start
 * @param maxUploadSize largest accepted upload part (a file chunk or an events batch)
 * @param uploads       where uploads are staged until imported: {@code home/uploads} unless set;
 *                      with several nodes a folder every node mounts, since any node's worker may
 *                      import what another node received
 */
@ConfigurationProperties("timesmith")
public record TimesmithProperties(Path home, String store, boolean demo, DataSize maxUploadSize, Path uploads) {

    /** The values of {@code timesmith.store}: the names of the event stores on the class path. */
    public static final List<String> STORES = EventStoreProviders.names();

    public TimesmithProperties {
        home = home == null ? Path.of("timesmith-data") : home;
        store = store == null ? "lucene" : store.toLowerCase(Locale.ROOT);
        if (!STORES.contains(store)) {
            // A typo must not start a node on an empty embedded index beside a cluster.
            throw new IllegalArgumentException("timesmith.store is '" + store + "', but must be one of "
                    + String.join(", ", STORES) + " (" + EventStoreProviders.described() + ")");
        }
        maxUploadSize = maxUploadSize == null ? DataSize.ofMegabytes(210) : maxUploadSize;
        uploads = uploads == null ? home.resolve("uploads") : uploads;
    }

    public Path index() {
        return home.resolve("index");
    }
}
