package org.timesmith.store.opensearch;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * JSON requests to any index of a cluster, outside the event store: for tools that read an index
 * Timesmith did not write (the traffic report aggregates a network-log index where it is). Same
 * connection handling as the store (hosts, credentials, TLS) and the same errors: a request the
 * cluster cannot parse is an {@link IllegalArgumentException}, anything else a
 * {@link org.timesmith.core.store.StoreException}, both with OpenSearch's reason.
 */
public final class ClusterReader implements AutoCloseable {

    private final ClusterClient client;

    private ClusterReader(ClusterClient client) {
        this.client = client;
    }

    public static ClusterReader connect(OpenSearchStoreConfig config) {
        return new ClusterReader(new ClusterClient(config));
    }

    /** Sends the request ({@code body} may be null); {@code what} names it in errors ("the traffic aggregation"). */
    public JsonNode call(String what, String method, String path, JsonNode body) {
        return client.call(what, method, path, Map.of(), body, Set.of()).body();
    }

    /** As {@link #call}, with URL parameters. */
    public JsonNode call(String what, String method, String path, Map<String, String> params, JsonNode body) {
        return client.call(what, method, path, params, body, Set.of()).body();
    }

    /** As {@link #call(String, String, String, Map, JsonNode)}, the body of the answer as its bytes (to stream through). */
    public byte[] callForBytes(String what, String method, String path, Map<String, String> params, JsonNode body) {
        return client.callForBytes(what, method, path, params, body);
    }

    /** The path segment for an index name or pattern, escaped. */
    public static String encode(String indexOrPattern) {
        return ClusterClient.encode(indexOrPattern);
    }

    @Override
    public void close() {
        client.close();
    }
}
