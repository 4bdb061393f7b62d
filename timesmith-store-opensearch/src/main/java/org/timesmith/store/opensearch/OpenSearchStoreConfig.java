package org.timesmith.store.opensearch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to reach the cluster and how to lay out and feed the indices the store creates. Hosts are
 * {@code host:port} pairs; the client spreads requests over them and skips a node that stops
 * answering. Every index name the store is given is prefixed with {@code indexPrefix} in the
 * cluster, so several installations can share one cluster.
 *
 * @param trustAllCertificates accept any server certificate and host name (tests with self-signed
 *                             certificates only; never in production)
 * @param bulkEvents           events per bulk request (Timesketch's importer flushes every 1,000)
 * @param bulkBytes            upper bound of one bulk request body, whichever limit comes first
 * @param maxInFlightBulks     bulk requests a writer keeps in flight before {@code add} blocks
 * @param maxRetries           retries of a bulk (or of its rejected items) on 429, 5xx, timeouts
 * @param initialBackoff       first wait before a retry; doubled for each further retry (capped at 30 s)
 */
public record OpenSearchStoreConfig(List<String> hosts, Optional<String> user, Optional<String> password,
                                    boolean tls, boolean trustAllCertificates, String indexPrefix,
                                    int shards, int replicas, int bulkEvents, int bulkBytes, int maxInFlightBulks,
                                    int maxRetries, Duration initialBackoff) {

    public OpenSearchStoreConfig {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one OpenSearch host is needed");
        }
        for (String host : hosts) {
            if (!host.matches("[^:/\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("OpenSearch host '" + host + "' is not host:port");
            }
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("OpenSearch user and password go together");
        }
        if (!indexPrefix.matches("[a-z0-9_.\\-]*")) {
            throw new IllegalArgumentException("index prefix '" + indexPrefix + "' may only hold a-z 0-9 _ . -");
        }
        if (shards < 1 || replicas < 0 || bulkEvents < 1 || bulkBytes < 1_024 || maxInFlightBulks < 1
                || maxRetries < 0 || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("invalid OpenSearch store sizing: shards=" + shards + " replicas="
                    + replicas + " bulkEvents=" + bulkEvents + " bulkBytes=" + bulkBytes + " maxInFlightBulks="
                    + maxInFlightBulks + " maxRetries=" + maxRetries + " initialBackoff=" + initialBackoff);
        }
    }

    /** Plain HTTP without credentials, one shard and no replica per index, Timesketch-sized bulks. */
    public static OpenSearchStoreConfig of(String... hosts) {
        return new OpenSearchStoreConfig(List.of(hosts), Optional.empty(), Optional.empty(), false, false, "",
                1, 0, 1_000, 10 * 1024 * 1024, 2, 8, Duration.ofMillis(200));
    }

    public OpenSearchStoreConfig withCredentials(String userName, String secret) {
        return new OpenSearchStoreConfig(hosts, Optional.of(userName), Optional.of(secret), tls, trustAllCertificates,
                indexPrefix, shards, replicas, bulkEvents, bulkBytes, maxInFlightBulks, maxRetries, initialBackoff);
    }

    public OpenSearchStoreConfig withTls(boolean enabled, boolean trustAll) {
        return new OpenSearchStoreConfig(hosts, user, password, enabled, trustAll, indexPrefix, shards, replicas,
                bulkEvents, bulkBytes, maxInFlightBulks, maxRetries, initialBackoff);
    }

    public OpenSearchStoreConfig withIndexPrefix(String prefix) {
        return new OpenSearchStoreConfig(hosts, user, password, tls, trustAllCertificates, prefix, shards, replicas,
                bulkEvents, bulkBytes, maxInFlightBulks, maxRetries, initialBackoff);
    }

    public OpenSearchStoreConfig withLayout(int shardCount, int replicaCount) {
        return new OpenSearchStoreConfig(hosts, user, password, tls, trustAllCertificates, indexPrefix, shardCount,
                replicaCount, bulkEvents, bulkBytes, maxInFlightBulks, maxRetries, initialBackoff);
    }

    public OpenSearchStoreConfig withBulk(int events, int bytes, int inFlight, int retries, Duration backoff) {
        return new OpenSearchStoreConfig(hosts, user, password, tls, trustAllCertificates, indexPrefix, shards,
                replicas, events, bytes, inFlight, retries, backoff);
    }
}
