package org.timesmith.server.config;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.timesmith.server.api.WireUrlFilter;

/**
 * Session login with CSRF protection the Timesketch client satisfies: the token is issued into the
 * session by the login page, sent back as the {@code csrf_token} form field or the
 * {@code X-CSRFToken} header, and stays valid for the whole session. API calls without a session
 * get 401 JSON instead of a redirect to the login page.
 */
@Configuration
public class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    FilterRegistrationBean<WireUrlFilter> wireUrlFilter() {
        FilterRegistrationBean<WireUrlFilter> registration = new FilterRegistrationBean<>(new WireUrlFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityContextRepository contextRepository) {
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setHeaderName("X-CSRFToken");
        csrfTokens.setParameterName("csrf_token");
        CsrfTokenRequestAttributeHandler plainTokens = new CsrfTokenRequestAttributeHandler();
        // Render the token eagerly so the login page always carries one.
        plainTokens.setCsrfRequestAttributeName(null);
        http.securityContext(context -> context.securityContextRepository(contextRepository))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(plainTokens))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/login/api_callback", "/logout", "/", "/error").permitAll()
                        // The web UI's static files carry no data; the UI itself logs in through /login/.
                        .requestMatchers("/assets/**", "/favicon.ico", "/favicon.svg").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                json(response, HttpServletResponse.SC_UNAUTHORIZED, "Login required."))
                        .accessDeniedHandler((request, response, e) ->
                                json(response, HttpServletResponse.SC_FORBIDDEN,
                                        "Missing or invalid CSRF token; send the token of the login page"
                                                + " as the X-CSRFToken header.")))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> { });
        return http.build();
    }

    private static void json(HttpServletResponse response, int status, String message) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"message\": \"" + message.replace("\"", "'") + "\", \"status\": " + status + "}");
    }
}
