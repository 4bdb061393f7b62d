package org.timesmith.store.opensearch;

import java.util.List;
import java.util.Optional;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStoreProvider;
import org.timesmith.core.store.StoreSettings;

/**
 * {@code timesmith.store=opensearch}: a cluster configured under {@code timesmith.opensearch.*}. Every
 * value can come from the environment ({@code TIMESMITH_OPENSEARCH_HOSTS=os1:9200,os2:9200},
 * {@code TIMESMITH_OPENSEARCH_PASSWORD=…}), so a deployment changes configuration, not code:
 * <ul>
 *   <li>{@code hosts}: {@code host:port} of the nodes the client spreads requests over
 *       (default {@code localhost:9200});</li>
 *   <li>{@code username}, {@code password}: basic auth, together;</li>
 *   <li>{@code tls}: talk HTTPS (the JVM's trust store must trust the cluster's certificate);</li>
 *   <li>{@code trust-all-certificates}: accept any certificate and host name (test clusters with
 *       self-signed certificates only);</li>
 *   <li>{@code index-prefix}: prefix of every index Timesmith creates, so installations can share a
 *       cluster;</li>
 *   <li>{@code shards}, {@code replicas}: layout of each new timeline index (default 1 and 1; 1 or
 *       more replicas survive losing a data node).</li>
 * </ul>
 */
public final class OpenSearchEventStoreProvider implements EventStoreProvider {

    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public String description() {
        return "a cluster configured with timesmith.opensearch.*";
    }

    @Override
    public EventStore open(StoreSettings settings) {
        return new OpenSearchEventStore(config(settings));
    }

    /** The store configuration; invalid values fail here with the store's own message. */
    static OpenSearchStoreConfig config(StoreSettings settings) {
        List<String> hosts = settings.getList("hosts");
        Optional<String> username = settings.get("username").filter(u -> !u.isBlank());
        Optional<String> password = settings.get("password").filter(p -> !p.isEmpty());
        OpenSearchStoreConfig config = OpenSearchStoreConfig
                .of((hosts.isEmpty() ? List.of("localhost:9200") : hosts).toArray(String[]::new))
                .withTls(settings.getBoolean("tls").orElse(false),
                        settings.getBoolean("trust-all-certificates").orElse(false))
                .withIndexPrefix(settings.get("index-prefix").orElse(""))
                .withLayout(settings.getInt("shards").orElse(1), settings.getInt("replicas").orElse(1));
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(settings.name("username") + " and " + settings.name("password")
                    + " go together");
        }
        return username.isPresent() ? config.withCredentials(username.get(), password.get()) : config;
    }
}
