package org.timesmith.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the server the way the official Timesketch Python client does: GET the login page,
 * scrape the CSRF token from {@code id="csrf_token"}, POST the form, keep the session cookie and
 * send {@code X-CSRFToken} and {@code Referer} on every later request.
 */
public final class TsClient {

    private static final Pattern CSRF = Pattern.compile("id=\"csrf_token\"[^>]*value=\"([^\"]*)\"");
    public static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A response: status, body text, and the body parsed as JSON when it is JSON. */
    public record Response(int status, String body, Map<String, List<String>> headers, byte[] bytes) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final String base;
    private final HttpClient http;
    private String csrfToken;

    public TsClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private TsClient(String base, HttpClient http, String csrfToken) {
        this.base = base;
        this.http = http;
        this.csrfToken = csrfToken;
    }

    /**
     * The same browser talking to another node behind the load balancer: it sends the session
     * cookie and CSRF token this client got (cookies are per host, not per port).
     */
    public TsClient sameSessionOn(String otherBase) {
        return new TsClient(otherBase, http, csrfToken);
    }

    /** Logs in like §1.1; returns the login POST response (302 on success). */
    public Response login(String username, String password) {
        Response page = send(HttpRequest.newBuilder(uri("/login/?local_auth=1")).GET());
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no csrf token in the login page: " + page.body());
        }
        csrfToken = m.group(1);
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&csrf_token=" + enc(csrfToken);
        return send(withHeaders(HttpRequest.newBuilder(uri("/login/?local_auth=1")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public static TsClient loggedIn(String base, String username, String password) {
        TsClient client = new TsClient(base);
        Response r = client.login(username, password);
        if (r.status() != 302) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
        }
        return client;
    }

    public Response get(String path) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path))).GET());
    }

    public Response post(String path, Object body) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response put(String path, Object body) {
        return putJson(path, JSON.writeValueAsString(body));
    }

    /** A PUT of JSON text as given (for broken or oversized bodies). */
    public Response putJson(String path, String json) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST of bytes as given with the given content type (for broken or hostile bodies). */
    public Response raw(String path, String contentType, byte[] body) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response delete(String path) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path))).DELETE());
    }

    public Response delete(String path, Object body) {
        return send(withHeaders(HttpRequest.newBuilder(uri(path))).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /**
     * A multipart POST like {@code requests}: text fields, optional named parts without a filename
     * (like the importer's {@code events}) and optional file parts.
     */
    public Response multipart(String path, Map<String, String> fields, Map<String, String> jsonParts,
                              Map<String, Map.Entry<String, byte[]>> files) {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                        + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, String> f : jsonParts.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n"
                        + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, Map.Entry<String, byte[]>> f : files.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                        + "\"; filename=\"" + f.getValue().getKey() + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(f.getValue().getValue());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(withHeaders(HttpRequest.newBuilder(uri(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private HttpRequest.Builder withHeaders(HttpRequest.Builder builder) {
        if (csrfToken != null) {
            builder.header("x-csrftoken", csrfToken);
        }
        return builder.header("referer", base);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
