package org.timesmith.server.config;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.timesmith.store.opensearch.OpenSearchStoreConfig;

/**
 * The OpenSearch cluster under {@code timesmith.opensearch.*}, used when {@code timesmith.store=opensearch}.
 * Every value can come from the environment ({@code TIMESMITH_OPENSEARCH_HOSTS=os1:9200,os2:9200},
 * {@code TIMESMITH_OPENSEARCH_PASSWORD=…}), so a deployment changes configuration, not code.
 *
 * @param hosts                {@code host:port} of the nodes the client spreads requests over
 * @param username             basic-auth user, together with {@code password}
 * @param password             basic-auth password
 * @param tls                  talk HTTPS (the JVM's trust store must trust the cluster's certificate)
 * @param trustAllCertificates accept any certificate and host name: test clusters with self-signed
 *                             certificates only
 * @param indexPrefix          prefix of every index Timesmith creates, so installations can share a cluster
 * @param shards               primary shards of each new timeline index
 * @param replicas             replicas of each new timeline index (1 or more survives losing a data node)
 */
@ConfigurationProperties("timesmith.opensearch")
public record OpenSearchProperties(List<String> hosts, Optional<String> username, Optional<String> password,
                                   boolean tls, boolean trustAllCertificates, String indexPrefix,
                                   Integer shards, Integer replicas) {

    public OpenSearchProperties {
        hosts = hosts == null ? List.of("localhost:9200") : List.copyOf(hosts);
        username = username == null ? Optional.empty() : username.filter(u -> !u.isBlank());
        password = password == null ? Optional.empty() : password.filter(p -> !p.isEmpty());
        indexPrefix = indexPrefix == null ? "" : indexPrefix;
        shards = shards == null ? 1 : shards;
        replicas = replicas == null ? 1 : replicas;
    }

    /** The store configuration; invalid values fail here with the store's own message. */
    public OpenSearchStoreConfig storeConfig() {
        OpenSearchStoreConfig config = OpenSearchStoreConfig.of(hosts.toArray(String[]::new))
                .withTls(tls, trustAllCertificates)
                .withIndexPrefix(indexPrefix)
                .withLayout(shards, replicas);
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(
                    "timesmith.opensearch.username and timesmith.opensearch.password go together");
        }
        return username.isPresent() ? config.withCredentials(username.get(), password.get()) : config;
    }
}
