package org.timesmith.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One logged-in HTTP session with a Timesketch API v1 server, driven the way the official Python
 * client drives it (API doc §0 and §1): the CSRF token scraped from the login page is sent as
 * {@code X-CSRFToken} with a {@code Referer} on every request, the session cookie is kept, answers
 * 500/502/503/504 and refused connections are retried with a doubling backoff, and an expired
 * session (401, or a redirect to the login page) triggers one fresh login before the request is
 * repeated. Every failure becomes an {@link ApiException} whose message names the request.
 */
final class ApiSession {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final System.Logger LOG = System.getLogger(ApiSession.class.getName());
    private static final Set<Integer> RETRY_STATUSES = Set.of(500, 502, 503, 504);
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*\\bid=\"csrf_token\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSRF_META = Pattern.compile("<meta[^>]*\\bname=\"csrf-token\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");
    private static final Pattern CONTENT = Pattern.compile("\\bcontent=\"([^\"]*)\"");
    private static final Pattern PARAGRAPH = Pattern.compile("<p[^>]*>(.*?)</p>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final ConnectionSettings settings;
    private final String host;
    private final String apiRoot;
    private final HttpClient http;
    private volatile String csrfToken;
    /** The tokens of the last OpenID Connect sign-in (auth_mode = oauth), reused when the session expires. */
    private volatile OidcFlow.Tokens oidcTokens;
    private volatile String oidcRefusal = "";

    ApiSession(ConnectionSettings settings) {
        this.settings = settings;
        this.host = settings.hostUri().endsWith("/")
                ? settings.hostUri().substring(0, settings.hostUri().length() - 1) : settings.hostUri();
        this.apiRoot = host + "/api/v1/";
        HttpClient.Builder builder = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15));
        if (!settings.verify()) {
            LOG.log(System.Logger.Level.WARNING, "TLS certificate verification is disabled (verify = False) for "
                    + host + ": the connection can be intercepted.");
            builder.sslContext(trustingContext());
        }
        this.http = builder.build();
    }

    String host() {
        return host;
    }

    ConnectionSettings settings() {
        return settings;
    }

    /** Logs in as {@link ConnectionSettings#username()} following §1.1 (userpass) or §1.2 (http-basic). */
    void login() {
        switch (settings.authMode()) {
            case "userpass" -> loginUserpass();
            case "http-basic" -> csrfToken = scrapeToken(send(() -> HttpRequest.newBuilder(uri(host + "/")).GET(),
                    HttpResponse.BodyHandlers.ofString(), "GET " + host + "/", false).body()).orElse(null);
            case "oauth" -> loginOidc();
            case "oauth_local" -> throw new ApiException("auth_mode = oauth_local (pasting a code) is not supported:"
                    + " use auth_mode = oauth, which receives the code on 127.0.0.1 itself.");
            default -> throw new ApiException("Unknown auth_mode \"" + settings.authMode()
                    + "\": use userpass, http-basic or oauth.");
        }
    }

    private void loginUserpass() {
        String loginUrl = host + "/login/?local_auth=1";
        csrfToken = null;
        HttpResponse<String> page = send(() -> HttpRequest.newBuilder(uri(loginUrl)).GET(),
                HttpResponse.BodyHandlers.ofString(), "GET " + loginUrl, false);
        if (page.statusCode() != 200 && page.statusCode() != 201) {
            throw new ApiException("Cannot open the login page " + loginUrl + ": HTTP " + page.statusCode() + ": "
                    + errorMessage(page.body()), page.statusCode(), null);
        }
        csrfToken = scrapeToken(page.body()).orElse(null);
        StringBuilder form = new StringBuilder()
                .append("username=").append(URLEncoder.encode(settings.username(), StandardCharsets.UTF_8))
                .append("&password=").append(URLEncoder.encode(settings.password(), StandardCharsets.UTF_8));
        if (csrfToken != null) {
            form.append("&csrf_token=").append(URLEncoder.encode(csrfToken, StandardCharsets.UTF_8));
        }
        HttpResponse<String> answer = send(() -> HttpRequest.newBuilder(uri(loginUrl))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString())),
                HttpResponse.BodyHandlers.ofString(), "POST " + loginUrl, false);
        if (answer.statusCode() == 401) {
            throw new ApiException("Authentication rejected by " + host + " for user " + settings.username() + ": "
                    + errorMessage(answer.body()), 401, null);
        }
        if (answer.statusCode() == 429) {
            throw new ApiException("Login refused by " + host + ": " + errorMessage(answer.body()), 429, null);
        }
        String path = answer.uri().getPath() == null ? "" : answer.uri().getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/login")) {
            throw new ApiException("Authentication failed at " + host + ": invalid username or password for user "
                    + settings.username() + ".", 401, null);
        }
    }

    /**
     * §1.3 with any OpenID Connect issuer: the ID token from the authorization-code flow goes to
     * {@code /login/api_callback/}, which starts the session; the CSRF token then comes from the
     * root page. A token kept from an earlier sign-in is tried first, so an expired session does not
     * send the user to the browser again while the token is still valid.
     */
    private void loginOidc() {
        OidcSettings oidc = settings.oidc().orElseThrow(() -> new ApiException("auth_mode = oauth needs client_id"
                + " (and oidc_issuer unless it is Google) in the rc file section for " + host + "."));
        csrfToken = null;
        OidcFlow.Tokens tokens = oidcTokens;
        if (tokens == null || apiCallback(tokens) == 401) {
            tokens = new OidcFlow(http, oidc).signIn();
            int status = apiCallback(tokens);
            if (status != 200 && status != 201) {
                throw new ApiException("The server at " + host + " did not accept the ID token from " + oidc.issuer()
                        + ": HTTP " + status + ": " + oidcRefusal, status, null);
            }
        }
        oidcTokens = tokens;
        csrfToken = scrapeToken(send(() -> HttpRequest.newBuilder(uri(host + "/")).GET(),
                HttpResponse.BodyHandlers.ofString(), "GET " + host + "/", false).body()).orElse(null);
    }

    /** Sends the ID token to the server's callback; returns the status, keeping the server's reason. */
    private int apiCallback(OidcFlow.Tokens tokens) {
        String url = host + "/login/api_callback/?id_token=" + URLEncoder.encode(tokens.idToken(), StandardCharsets.UTF_8);
        HttpResponse<String> answer = send(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(url)).GET();
            if (!tokens.accessToken().isEmpty()) {
                request.header("Authorization", "Bearer " + tokens.accessToken());
            }
            return request;
        }, HttpResponse.BodyHandlers.ofString(), "GET " + host + "/login/api_callback/", false);
        oidcRefusal = errorMessage(answer.body());
        if (answer.statusCode() == 404) {
            throw new ApiException("The server at " + host + " offers no OpenID Connect sign-in to API clients ("
                    + oidcRefusal + "). Use auth_mode = userpass.", 404, null);
        }
        return answer.statusCode();
    }

    static Optional<String> scrapeToken(String html) {
        Matcher input = CSRF_INPUT.matcher(html);
        if (input.find()) {
            Matcher value = VALUE.matcher(input.group());
            if (value.find()) {
                return Optional.of(unescape(value.group(1)));
            }
        }
        Matcher meta = CSRF_META.matcher(html);
        if (meta.find()) {
            Matcher content = CONTENT.matcher(meta.group());
            if (content.find()) {
                return Optional.of(unescape(content.group(1)));
            }
        }
        return Optional.empty();
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    // ----------------------------------------------------------------------------------------------
    // JSON requests below /api/v1/

    JsonNode get(String path) {
        return json(sendApi(() -> HttpRequest.newBuilder(api(path)).GET(), "GET " + path), "GET " + path);
    }

    JsonNode post(String path, Object body) {
        byte[] bytes = JSON.writeValueAsBytes(body);
        return json(sendApi(() -> HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), "POST " + path), "POST " + path);
    }

    /** DELETE without a body; the reference server answers with the bare number 200. */
    JsonNode delete(String path) {
        return json(sendApi(() -> HttpRequest.newBuilder(api(path)).DELETE(), "DELETE " + path), "DELETE " + path);
    }

    /** A request whose answer the caller reads itself (ZIP downloads, multipart uploads). */
    <T> HttpResponse<T> exchange(String path, Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<T> handler,
                                 String what) {
        return send(request, handler, what, true);
    }

    URI api(String path) {
        return uri(apiRoot + path);
    }

    private HttpResponse<byte[]> sendApi(Supplier<HttpRequest.Builder> request, String what) {
        return send(request, HttpResponse.BodyHandlers.ofByteArray(), what, true);
    }

    /** Checks an answer the way the Python client does: 200 and 201 succeed; 404 is "not found"; the rest fail. */
    static JsonNode json(HttpResponse<byte[]> response, String what) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        int status = response.statusCode();
        if (status == 404) {
            throw new NotFoundException(what + " failed: not found (HTTP 404): " + errorMessage(text));
        }
        if (status != 200 && status != 201) {
            throw new ApiException(what + " failed: HTTP " + status + ": " + errorMessage(text), status, null);
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new ApiException(what + " answered HTTP " + status + " with a body that is not JSON: "
                    + abbreviate(text), status, null);
        }
    }

    /** The server's reason: the first HTML paragraph, else the JSON {@code message}, else the raw text (§0.5). */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no message)";
        }
        Matcher p = PARAGRAPH.matcher(body);
        if (body.stripLeading().startsWith("<") && p.find()) {
            return unescape(p.group(1).replaceAll("<[^>]+>", "").strip());
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json.isObject() && json.has("message")) {
                return json.get("message").asString();
            }
        } catch (JacksonException notJson) {
            // not JSON: the raw text below is the best we have
        }
        return abbreviate(body.strip());
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private <T> HttpResponse<T> send(Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<T> handler,
                                     String what, boolean relogin) {
        boolean relogged = false;
        int attempt = 0;
        while (true) {
            HttpRequest.Builder builder = request.get().timeout(settings.requestTimeout());
            decorate(builder);
            HttpResponse<T> response;
            try {
                response = http.send(builder.build(), handler);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                if (attempt < settings.retryCount()) {
                    pause(attempt++);
                    continue;
                }
                throw new ApiException("Cannot reach the server at " + host + " (" + what + "): "
                        + (e.getMessage() == null ? "connection refused" : e.getMessage()) + " after "
                        + (attempt + 1) + " attempts.", 0, e);
            } catch (SSLHandshakeException e) {
                throw new ApiException("TLS handshake with " + host + " failed: " + e.getMessage()
                        + " (set verify = False only for a server you trust).", 0, e);
            } catch (HttpTimeoutException e) {
                throw new ApiException("The server at " + host + " did not answer " + what + " within "
                        + settings.requestTimeout().toSeconds() + " s.", 0, e);
            } catch (IOException e) {
                if (attempt < settings.retryCount()) {
                    pause(attempt++);
                    continue;
                }
                throw new ApiException("Connection to " + host + " failed during " + what + ": " + e, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException("Interrupted during " + what, 0, e);
            }
            int status = response.statusCode();
            if (RETRY_STATUSES.contains(status) && attempt < settings.retryCount()) {
                LOG.log(System.Logger.Level.DEBUG, () -> what + ": HTTP " + status + ", retrying");
                pause(attempt++);
                continue;
            }
            if (relogin && !relogged && sessionExpired(response)) {
                LOG.log(System.Logger.Level.INFO, () -> "The session with " + host + " expired; logging in again.");
                relogged = true;
                login();
                continue;
            }
            if (RETRY_STATUSES.contains(status) && settings.retryCount() > 0) {
                throw new ApiException(what + " failed: HTTP " + status + " after " + (attempt + 1) + " attempts: "
                        + (response.body() instanceof byte[] bytes ? errorMessage(new String(bytes, StandardCharsets.UTF_8))
                        : "server error"), status, null);
            }
            return response;
        }
    }

    private boolean sessionExpired(HttpResponse<?> response) {
        if (!settings.authMode().equals("userpass") && !settings.authMode().equals("oauth")) {
            return false;
        }
        if (response.statusCode() == 401) {
            return true;
        }
        String path = response.uri().getPath();
        return path != null && (path.equals("/login") || path.equals("/login/"));
    }

    private void decorate(HttpRequest.Builder builder) {
        String token = csrfToken;
        if (token != null) {
            builder.header("X-CSRFToken", token).header("Referer", settings.hostUri());
        }
        if (settings.authMode().equals("http-basic")) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void pause(int attempt) {
        long millis = settings.backoff().toMillis() << Math.min(attempt, 10);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("Interrupted while waiting to retry", 0, e);
        }
    }

    private static URI uri(String text) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException("Not a valid URL: " + text + " (" + e.getMessage() + ")");
        }
    }

    /** Trusts every certificate and host name: only for {@code verify = False}, which the user asked for. */
    private static SSLContext trustingContext() {
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
            @Override public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }
}
