package org.timesmith.store.opensearch;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Request;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.timesmith.core.store.StoreException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The REST calls the store makes, over opensearch-java's Apache HttpClient 5 transport (which
 * spreads requests over the configured hosts and skips dead ones). Bodies are built and read with
 * the Jackson 3 tree model the rest of Timesmith uses; the generic client only carries the bytes.
 * Errors become exceptions callers can act on: a malformed query is an
 * {@link IllegalArgumentException}, everything else a {@link StoreException} with OpenSearch's reason.
 */
final class ClusterClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response: the HTTP status and the parsed body ({@link NullNode} when there is none). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return success(status);
        }

        String errorType() {
            JsonNode error = body.path("error");
            return error.isObject() ? error.path("type").asString("") : "";
        }

        String reason() {
            JsonNode error = body.path("error");
            if (!error.isObject()) {
                return error.isMissingNode() ? "HTTP " + status : error.asString();
            }
            JsonNode cause = error.path("root_cause").path(0);
            String reason = error.path("reason").asString("");
            String causeReason = cause.path("reason").asString("");
            if (!causeReason.isEmpty() && !causeReason.equals(reason)) {
                reason = reason + ": " + causeReason;
            }
            JsonNode caused = error.path("caused_by");
            if (caused.isObject() && !reason.contains(caused.path("reason").asString(""))) {
                reason = reason + ": " + caused.path("reason").asString("");
            }
            return error.path("type").asString("error") + " (HTTP " + status + "): " + reason;
        }
    }

    private final ApacheHttpClient5Transport transport;
    private final OpenSearchGenericClient client;

    ClusterClient(OpenSearchStoreConfig config) {
        HttpHost[] hosts = config.hosts().stream().map(h -> {
            int colon = h.lastIndexOf(':');
            return new HttpHost(config.tls() ? "https" : "http", h.substring(0, colon),
                    Integer.parseInt(h.substring(colon + 1)));
        }).toArray(HttpHost[]::new);
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(hosts);
        builder.setRequestConfigCallback(request -> request.setResponseTimeout(Timeout.ofMinutes(2)));
        builder.setHttpClientConfigCallback(http -> {
            if (config.user().isPresent()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                for (HttpHost host : hosts) {
                    credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(
                            config.user().get(), config.password().orElseThrow().toCharArray()));
                }
                http.setDefaultCredentialsProvider(credentials);
            }
            if (config.tls()) {
                ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create();
                if (config.trustAllCertificates()) {
                    tls.setSslContext(trustAll()).setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                }
                http.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setTlsStrategy(tls.buildAsync()).build());
            }
            return http;
        });
        transport = builder.build();
        client = new OpenSearchGenericClient(transport);
    }

    private static SSLContext trustAll() {
        TrustManager trustEverything = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // trust-all is an explicit test-only choice of the configuration
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // trust-all is an explicit test-only choice of the configuration
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustEverything}, null);
            return context;
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    static String encode(String pathPart) {
        return URLEncoder.encode(pathPart, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends the request; returns whatever status came back. I/O failures are thrown as they are. */
    Reply send(String method, String endpoint, Map<String, String> params, String body) throws IOException {
        return sendRaw(jsonRequest(method, endpoint, params, body == null ? null : body.getBytes(StandardCharsets.UTF_8)))
                .parsed();
    }

    private static Request jsonRequest(String method, String endpoint, Map<String, String> params, byte[] body) {
        Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(endpoint).query(params);
        if (body != null) {
            request.body(Body.from(body, "application/json"));
        }
        return request.build();
    }

    /** Sends an NDJSON body (bulk). */
    Reply sendNdjson(String endpoint, Map<String, String> params, byte[] body) throws IOException {
        return sendRaw(Requests.builder().method("POST").endpoint(endpoint).query(params)
                .body(Body.from(body, "application/x-ndjson")).build()).parsed();
    }

    /** A response as it came: the HTTP status and the body's bytes (none: empty). */
    record RawReply(int status, byte[] body) {
        Reply parsed() {
            return new Reply(status, body.length > 0 ? JSON.readTree(body) : NullNode.getInstance());
        }
    }

    private RawReply sendRaw(Request request) throws IOException {
        try (Response response = client.execute(request)) {
            if (response.getBody().isEmpty()) {
                return new RawReply(response.getStatus(), new byte[0]);
            }
            try (Body body = response.getBody().get()) {
                return new RawReply(response.getStatus(), body.bodyAsBytes());
            }
        }
    }

    /**
     * As {@link #call}, but a success's body comes back as its bytes, for a caller that streams through a
     * large answer instead of building its tree.
     */
    byte[] callForBytes(String what, String method, String endpoint, Map<String, String> params, JsonNode body) {
        RawReply raw;
        try {
            raw = sendRaw(jsonRequest(method, endpoint, params, JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw unanswered(what, e);
        }
        if (success(raw.status())) {
            return raw.body();
        }
        throw failure(what, raw.parsed());
    }

    private static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    private static StoreException unanswered(String what, IOException e) {
        return new StoreException(what + " failed: the OpenSearch cluster did not answer: " + e.getMessage(), e);
    }

    /**
     * Sends the request and returns the reply when its status is a success or one of
     * {@code accepted}; otherwise throws: {@link IllegalArgumentException} for a 400 (a request the
     * cluster cannot parse: bad query syntax, a field that cannot be sorted or aggregated),
     * {@link StoreException} for the rest.
     */
    Reply call(String what, String method, String endpoint, Map<String, String> params, JsonNode body,
               Set<Integer> accepted) {
        Reply reply;
        try {
            reply = send(method, endpoint, params, body == null ? null : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw unanswered(what, e);
        }
        if (reply.ok() || accepted.contains(reply.status())) {
            return reply;
        }
        throw failure(what, reply);
    }

    Reply call(String what, String method, String endpoint, JsonNode body) {
        return call(what, method, endpoint, Map.of(), body, Set.of());
    }

    static RuntimeException failure(String what, Reply reply) {
        String message = what + " failed: " + reply.reason();
        // A closed index is the store's state, not a malformed request.
        if (reply.status() == 400 && !reply.errorType().equals("resource_already_exists_exception")
                && !reply.errorType().equals("index_closed_exception")) {
            return new IllegalArgumentException(message);
        }
        return new StoreException(message);
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            throw new StoreException("closing the OpenSearch client failed: " + e.getMessage(), e);
        }
    }
}
