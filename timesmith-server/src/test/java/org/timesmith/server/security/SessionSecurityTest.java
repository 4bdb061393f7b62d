package org.timesmith.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.timesmith.server.auth.LoginThrottle;
import org.timesmith.server.support.TestServer;

/**
 * Sessions and login as an attacker meets them, over raw HTTP with cookies handled by hand: the
 * session id is renewed at login, the cookie's flags (HttpOnly, SameSite, Secure behind a TLS proxy),
 * the same answer for an unknown user and a wrong password, throttling per client address (behind a
 * proxy, the forwarded one) that ends after its lockout, and CSRF refused on every state-changing
 * route the server maps (read from its own mappings, so a new route is covered).
 */
class SessionSecurityTest {

    private static final Pattern CSRF = Pattern.compile("id=\"csrf_token\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*id=\"csrf_token\"");
    private static final String COOKIE = "timesmith_session";
    private static TestServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = TestServer.shared();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(String path, String cookie, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (cookie != null) {
            builder.header("Cookie", COOKIE + "=" + cookie);
        }
        headers.forEach(builder::header);
        return builder;
    }

    /** The session cookie a response sets, whole (value and attributes), or null. */
    private static String setCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "="))
                .findFirst().orElse(null);
    }

    private static String value(String setCookie) {
        return setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
    }

    /** The login page: its session cookie value and its CSRF token. */
    private record Page(String cookie, String token, String body) {
    }

    private static Page loginPage(Map<String, String> headers) {
        HttpResponse<String> page = send(request("/login/", null, headers).GET());
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        String set = setCookie(page);
        assertThat(set).as("a session cookie for the CSRF token").isNotNull();
        return new Page(value(set), m.group(1) != null ? m.group(1) : m.group(2), page.body());
    }

    private static HttpResponse<String> postLogin(Page page, String username, String password, Map<String, String> headers) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf_token=" + page.token();
        return send(request("/login/", page.cookie(), headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    void theSessionIdIsRenewedAtLoginAndTheOldOneStaysAnonymous() {
        Page page = loginPage(Map.of());
        HttpResponse<String> login = postLogin(page, "alice", TestServer.PASSWORD, Map.of());

        assertThat(login.statusCode()).isEqualTo(302);
        String renewed = value(setCookie(login));
        assertThat(renewed).isNotEqualTo(page.cookie());
        assertThat(send(request("/api/v1/users/me/", renewed, Map.of()).GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/v1/users/me/", page.cookie(), Map.of()).GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void theCookieIsHttpOnlyAndSameSiteAndSecureBehindATlsProxy() {
        String plain = setCookie(send(request("/login/", null, Map.of()).GET()));
        assertThat(plain).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");

        // the reverse proxy on the same host terminates TLS and says so
        String behindTls = setCookie(send(request("/login/", null, Map.of("X-Forwarded-Proto", "https")).GET()));
        assertThat(behindTls).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("Secure");
    }

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() {
        Page first = loginPage(Map.of("X-Forwarded-For", "192.0.2.10"));
        HttpResponse<String> unknown = postLogin(first, "nobody-here", "whatever", Map.of("X-Forwarded-For", "192.0.2.10"));
        Page second = loginPage(Map.of("X-Forwarded-For", "192.0.2.11"));
        HttpResponse<String> wrong = postLogin(second, "alice", "not-her-password", Map.of("X-Forwarded-For", "192.0.2.11"));

        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(200);
        assertThat(unknown.body().replace(first.token(), "TOKEN")).isEqualTo(wrong.body().replace(second.token(), "TOKEN"));
        assertThat(unknown.body()).contains("Invalid username or password.");
    }

    @Test
    void aGuesserIsThrottledByAddressWhileTheRealUserFromElsewhereStillLogsIn() {
        Map<String, String> attacker = Map.of("X-Forwarded-For", "203.0.113.66");
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(postLogin(loginPage(attacker), "bob", "guess-" + i, attacker).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> blocked = postLogin(loginPage(attacker), "bob", TestServer.PASSWORD, attacker);
        assertThat(blocked.statusCode()).as("refused even with the right password").isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed logins");

        Map<String, String> bobsLaptop = Map.of("X-Forwarded-For", "198.51.100.7");
        assertThat(postLogin(loginPage(bobsLaptop), "bob", TestServer.PASSWORD, bobsLaptop).statusCode()).isEqualTo(302);
    }

    @Test
    void aLockoutEndsAfterItsTimeAndASuccessClearsTheCount() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        LoginThrottle throttle = new LoginThrottle(clock, server.bean(JdbcClient.class));
        String user = "throttle-" + System.nanoTime();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.blocked(user, "192.0.2.1")).isFalse();
            throttle.failed(user, "192.0.2.1");
        }
        assertThat(throttle.blocked(user, "192.0.2.1")).isTrue();
        assertThat(throttle.blocked(user.toUpperCase(), "192.0.2.1")).as("user names are case-insensitive").isTrue();
        assertThat(throttle.blocked(user, "192.0.2.2")).as("another address").isFalse();

        clock.advance(LoginThrottle.LOCKOUT.plusSeconds(1));
        assertThat(throttle.blocked(user, "192.0.2.1")).as("the lockout has ended").isFalse();
        throttle.failed(user, "192.0.2.1");
        assertThat(throttle.blocked(user, "192.0.2.1")).as("a new count starts at one").isFalse();

        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 2; i++) {
            throttle.failed(user, "192.0.2.1");
        }
        throttle.succeeded(user, "192.0.2.1");
        throttle.failed(user, "192.0.2.1");
        assertThat(throttle.blocked(user, "192.0.2.1")).as("a success cleared the count").isFalse();
    }

    @Test
    void everyStateChangingRouteRefusesACookieRequestWithoutTheCsrfToken() {
        Page page = loginPage(Map.of());
        HttpResponse<String> login = postLogin(page, "alice", TestServer.PASSWORD, Map.of());
        String session = value(setCookie(login));

        Set<String> routes = new TreeSet<>();
        RequestMappingHandlerMapping mapping = server.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                if (method == RequestMethod.POST || method == RequestMethod.PUT || method == RequestMethod.DELETE
                        || method == RequestMethod.PATCH) {
                    for (String pattern : entry.getKey().getPatternValues()) {
                        routes.add(method + " " + pattern.replaceAll("\\{[^}]+}", "1"));
                    }
                }
            }
        }
        assertThat(routes).hasSizeGreaterThan(40);
        List<String> accepted = new ArrayList<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            HttpResponse<String> response = send(request(path.endsWith("/") ? path : path + "/", session, Map.of())
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}")));
            if (response.statusCode() != 403 || !response.body().toLowerCase().contains("csrf")) {
                accepted.add(route + " -> " + response.statusCode() + " " + response.body());
            }
        }
        assertThat(accepted).as("state-changing routes that did not refuse a request without the token").isEmpty();
        assertThat(send(request("/api/v1/users/me/", session, Map.of()).GET()).statusCode())
                .as("the session is still good").isEqualTo(200);
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
