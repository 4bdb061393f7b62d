package org.timesmith.store.opensearch;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps query strings the embedded store answers answerable here. OpenSearch 3 refuses a query
 * string longer than its cluster setting {@code search.query.max_query_string_length} (32,000
 * characters by default), yet an exact search for a value near Lucene's term limit (32,766 bytes)
 * is longer than that. Only when a query string needs it, the store reads the cluster's limit and
 * raises it (persistently, doubling up to {@link #CEILING}); a cluster that refuses the change, or a
 * query string beyond the ceiling, gets a clear error naming the setting.
 */
final class QueryStringLimit {

    private static final System.Logger LOG = System.getLogger(QueryStringLimit.class.getName());
    static final String SETTING = "search.query.max_query_string_length";
    /** No cluster refuses a query string this short (the setting's smallest default). */
    static final int ALWAYS_ALLOWED = 32_000;
    /** The longest query string the store asks a cluster to accept. */
    static final int CEILING = 1 << 20;

    private final ClusterClient client;
    /** The cluster's limit as last read or set; 0 until a long query string made the store look. */
    private volatile int known;

    QueryStringLimit(ClusterClient client) {
        this.client = client;
    }

    /** Makes sure the cluster takes {@code query}, raising its limit if need be. */
    void allow(String query) {
        int length = query == null ? 0 : query.length();
        if (length <= ALWAYS_ALLOWED || length <= known) {
            return;
        }
        if (length > CEILING) {
            throw new IllegalArgumentException("a query string of " + length + " characters is longer than the "
                    + CEILING + " the OpenSearch store sends");
        }
        synchronized (this) {
            if (known == 0) {
                known = current();
            }
            if (length <= known) {
                return;
            }
            int wanted = Math.min(CEILING, Math.max(2 * known, Integer.highestOneBit(length) << 1));
            ObjectNode body = ClusterClient.JSON.createObjectNode();
            body.putObject("persistent").put(SETTING, wanted);
            ClusterClient.Reply reply = client.call("raising " + SETTING, "PUT", "/_cluster/settings", Map.of(), body,
                    Set.of(400, 401, 403));
            if (!reply.ok()) {
                throw new IllegalArgumentException("a query string of " + length + " characters is longer than the "
                        + "cluster's " + SETTING + " (" + known + ") and the cluster refused to raise it: "
                        + reply.reason());
            }
            LOG.log(System.Logger.Level.INFO, "raised the cluster''s {0} from {1} to {2} for a query string of {3}"
                    + " characters", SETTING, known, wanted, length);
            known = wanted;
        }
    }

    /** The cluster's effective limit: transient over persistent over default; none at all before OpenSearch 3. */
    private int current() {
        JsonNode settings = client.call("reading " + SETTING, "GET", "/_cluster/settings",
                Map.of("include_defaults", "true", "flat_settings", "true"), null, Set.of()).body();
        for (String scope : new String[] {"transient", "persistent", "defaults"}) {
            JsonNode value = settings.path(scope).path(SETTING);
            if (!value.isMissingNode() && !value.isNull()) {
                return Integer.parseInt(value.asString());
            }
        }
        return Integer.MAX_VALUE;
    }
}
