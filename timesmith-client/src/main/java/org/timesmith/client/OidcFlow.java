package org.timesmith.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The OpenID Connect authorization-code flow with PKCE for a tool on the user's machine (RFC 8252):
 * reads the issuer's discovery document, listens on a random port of 127.0.0.1 for the redirect,
 * lets the user sign in at the issuer's authorization page, checks the returned {@code state},
 * and exchanges the code (with the PKCE verifier) for an ID token and an access token.
 */
final class OidcFlow {

    /** What the issuer gave: the ID token is what the Timesketch API's callback checks. */
    record Tokens(String idToken, String accessToken) {
    }

    private static final String CALLBACK_PATH = "/callback";

    private final HttpClient http;
    private final OidcSettings settings;
    private final SecureRandom random = new SecureRandom();

    OidcFlow(HttpClient http, OidcSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    Tokens signIn() {
        JsonNode discovery = getJson(URI.create(settings.issuer().replaceAll("/+$", "")
                + "/.well-known/openid-configuration"), "the issuer's discovery document");
        String authorizationEndpoint = required(discovery, "authorization_endpoint");
        String tokenEndpoint = required(discovery, "token_endpoint");
        String verifier = randomToken();
        String state = randomToken();
        CompletableFuture<Map<String, String>> redirect = new CompletableFuture<>();
        HttpServer listener;
        try {
            listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new ApiException("Cannot listen on 127.0.0.1 for the sign-in redirect: " + e.getMessage(), 0, e);
        }
        listener.createContext(CALLBACK_PATH, exchange -> {
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            byte[] page = ("<!doctype html><html><body><p>" + (query.containsKey("code")
                    ? "Signed in. You can close this window." : "Sign-in failed: " + escape(query.getOrDefault(
                    "error_description", query.getOrDefault("error", "no code")))) + "</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
            redirect.complete(query);
        });
        listener.start();
        try {
            String redirectUri = "http://127.0.0.1:" + listener.getAddress().getPort() + CALLBACK_PATH;
            URI authorization = URI.create(authorizationEndpoint + (authorizationEndpoint.contains("?") ? "&" : "?")
                    + form(Map.of("response_type", "code", "client_id", settings.clientId(), "redirect_uri", redirectUri,
                    "scope", "openid email profile", "state", state, "code_challenge", challenge(verifier),
                    "code_challenge_method", "S256")));
            settings.browser().accept(authorization);
            Map<String, String> answer = await(redirect);
            if (!state.equals(answer.get("state"))) {
                throw new ApiException("The sign-in redirect carried the wrong state; it was not started by this client.");
            }
            if (!answer.containsKey("code")) {
                throw new ApiException("The issuer refused the sign-in: " + answer.getOrDefault("error_description",
                        answer.getOrDefault("error", "no code in the redirect")));
            }
            Map<String, String> exchange = new HashMap<>(Map.of("grant_type", "authorization_code", "code",
                    answer.get("code"), "redirect_uri", redirectUri, "client_id", settings.clientId(),
                    "code_verifier", verifier));
            settings.clientSecret().ifPresent(secret -> exchange.put("client_secret", secret));
            JsonNode tokens = postForm(URI.create(tokenEndpoint), form(exchange));
            return new Tokens(required(tokens, "id_token"), tokens.path("access_token").asString(""));
        } finally {
            listener.stop(0);
        }
    }

    private Map<String, String> await(CompletableFuture<Map<String, String>> redirect) {
        try {
            return redirect.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException("No sign-in at " + settings.issuer() + " within " + settings.timeout().toSeconds()
                    + " s.", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("Interrupted while waiting for the sign-in.", 0, e);
        } catch (ExecutionException e) {
            throw new ApiException("The sign-in redirect failed: " + e.getCause(), 0, e);
        }
    }

    private JsonNode getJson(URI uri, String what) {
        return read(send(HttpRequest.newBuilder(uri).GET().build(), what), what);
    }

    private JsonNode postForm(URI uri, String body) {
        return read(send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                "the token exchange"), "the token exchange");
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException("Cannot reach the OpenID Connect issuer " + settings.issuer() + " (" + what + "): "
                    + e.getMessage(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("Interrupted during " + what, 0, e);
        }
    }

    private JsonNode read(HttpResponse<String> response, String what) {
        JsonNode json;
        try {
            json = ApiSession.JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ApiException(what + " at " + settings.issuer() + " answered HTTP " + response.statusCode()
                    + " without JSON.", response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            throw new ApiException(what + " at " + settings.issuer() + " failed: HTTP " + response.statusCode() + ": "
                    + json.path("error_description").asString(json.path("error").asString("")), response.statusCode(), null);
        }
        return json;
    }

    private String required(JsonNode json, String field) {
        String value = json.path(field).asString("");
        if (value.isEmpty()) {
            throw new ApiException("The OpenID Connect issuer " + settings.issuer() + " gave no " + field + ".");
        }
        return value;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String form(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(text.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
