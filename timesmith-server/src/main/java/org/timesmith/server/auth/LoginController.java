package org.timesmith.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The login page and form exactly as the Timesketch client drives them (§1.1): the page carries the
 * CSRF token both as {@code id="csrf_token"} and as the {@code csrf-token} meta tag; a good login
 * answers 302 to {@code /} (or {@code next}), a bad one re-renders the page at {@code /login/}.
 */
@RestController
public class LoginController {

    private static final String LOGIN_TEMPLATE = "pages/login.html";

    private final UserService userService;
    private final LoginThrottle throttle;
    private final SessionLogin sessionLogin;
    /** The web UI's page (timesmith-web on the classpath), or empty in a backend-only build. */
    private final Optional<String> uiPage;
    private final String loginTemplate;

    public LoginController(UserService userService, LoginThrottle throttle, SessionLogin sessionLogin) {
        this.userService = userService;
        this.throttle = throttle;
        this.sessionLogin = sessionLogin;
        this.uiPage = readUiPage();
        this.loginTemplate = readLoginTemplate();
    }

    private static Optional<String> readUiPage() {
        ClassPathResource page = new ClassPathResource("static/index.html");
        if (!page.exists()) {
            return Optional.empty();
        }
        try (InputStream in = page.getInputStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web UI's index.html", e);
        }
    }

    @GetMapping("/login")
    ResponseEntity<String> page(HttpServletRequest request) {
        return html(HttpStatus.OK, loginPage(request, ""));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> login(@RequestParam(name = "username", required = false) String username,
                                 @RequestParam(name = "password", required = false) String password,
                                 @RequestParam(name = "next", required = false) String next,
                                 HttpServletRequest request, HttpServletResponse response) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return html(HttpStatus.OK, loginPage(request, "Username and password are required."));
        }
        String address = request.getRemoteAddr();
        if (throttle.blocked(username, address)) {
            return html(HttpStatus.TOO_MANY_REQUESTS,
                    loginPage(request, "Too many failed logins; try again in a few minutes."));
        }
        Optional<User> user = userService.authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(username, address);
            return html(HttpStatus.OK, loginPage(request, "Invalid username or password."));
        }
        throttle.succeeded(username, address);
        sessionLogin.start(user.get(), request, response);
        return ResponseEntity.status(HttpStatus.FOUND).header("Location", safeNext(next)).build();
    }

    @GetMapping("/logout")
    ResponseEntity<String> logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return ResponseEntity.status(HttpStatus.FOUND).header("Location", "/login/").build();
    }

    /** The application root: 200 with the CSRF meta tag (the target of a successful login and of http-basic mode). */
    @GetMapping("/")
    ResponseEntity<String> root(HttpServletRequest request) {
        String token = token(request);
        String meta = "<meta name=\"csrf-token\" content=\"" + token + "\">";
        if (uiPage.isPresent()) {
            return html(HttpStatus.OK, uiPage.get().replaceFirst("<head>", "<head>" + meta));
        }
        return html(HttpStatus.OK, "<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"csrf-token\" content=\"" + token + "\"><title>Timesmith</title></head>"
                + "<body><h1>Timesmith</h1><p>The API is at <a href=\"/api/v1/\">/api/v1/</a>.</p></body></html>");
    }

    /** Only local paths: an absolute URL in {@code next} would make the login an open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }

    private String loginPage(HttpServletRequest request, String error) {
        String token = token(request);
        String errorHtml = error.isEmpty() ? "" : "<p class=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(error)
                + "</p>";
        return loginTemplate.replace("{{csrf_token}}", token).replace("{{error}}", errorHtml);
    }

    /** The self-contained login page (inline style, no external resources) with its two placeholders. */
    private static String readLoginTemplate() {
        try (InputStream in = new ClassPathResource(LOGIN_TEMPLATE).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the login page " + LOGIN_TEMPLATE, e);
        }
    }

    private static String token(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return token == null ? "" : HtmlUtils.htmlEscape(token.getToken());
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(body);
    }
}
