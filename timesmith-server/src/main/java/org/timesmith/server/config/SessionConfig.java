package org.timesmith.server.config;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Where HTTP sessions live, by {@code timesmith.sessions}: {@code jdbc} keeps them in the metadata
 * database (table {@code spring_session}, created by Flyway on both dialects), so a login on one
 * node is valid on every node and survives a restart; {@code memory} keeps them in the servlet
 * container. Unset, it is {@code jdbc} on PostgreSQL (the several-node setup) and {@code memory} on
 * SQLite, where one node serves everything and a session write per request would only compete
 * with imports for SQLite's single writer.
 */
@Configuration
@Conditional(SessionConfig.JdbcSessions.class)
@EnableJdbcHttpSession(tableName = "spring_session")
public class SessionConfig {

    /** Upsert, valid on PostgreSQL and SQLite: two concurrent requests may set the same attribute. */
    private static final String UPSERT_ATTRIBUTE = "INSERT INTO %TABLE_NAME%_ATTRIBUTES"
            + " (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES) VALUES (?, ?, ?)"
            + " ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES";

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionRepositoryCustomizer(
            @Value("${server.servlet.session.timeout:12h}") Duration timeout) {
        return repository -> {
            repository.setDefaultMaxInactiveInterval(timeout);
            repository.setCreateSessionAttributeQuery(UPSERT_ATTRIBUTE);
        };
    }

    /** The same cookie as the container's sessions, so clients see no difference. */
    @Bean
    CookieSerializer cookieSerializer(@Value("${server.servlet.session.cookie.name:timesmith_session}") String name,
                                      @Value("${server.servlet.session.cookie.same-site:lax}") String sameSite) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(name);
        serializer.setSameSite(Character.toUpperCase(sameSite.charAt(0)) + sameSite.substring(1).toLowerCase());
        serializer.setUseHttpOnlyCookie(true);
        return serializer;
    }

    /** Before Spring Security's filters, which read the security context from the session. */
    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<?>> sessionRepositoryFilterRegistration(
            SessionRepositoryFilter<?> filter) {
        FilterRegistrationBean<SessionRepositoryFilter<?>> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        return registration;
    }

    /** Matches when sessions go to the database; an unknown {@code timesmith.sessions} value stops the start. */
    static final class JdbcSessions extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String mode = context.getEnvironment().getProperty("timesmith.sessions", "").trim();
            if (mode.isEmpty()) {
                String url = context.getEnvironment().getProperty("spring.datasource.url", "");
                mode = url.startsWith("jdbc:postgresql:") ? "jdbc" : "memory";
            }
            return switch (mode) {
                case "jdbc" -> ConditionOutcome.match("HTTP sessions in the metadata database");
                case "memory" -> ConditionOutcome.noMatch("HTTP sessions in memory");
                default -> throw new IllegalStateException(
                        "timesmith.sessions must be 'jdbc' or 'memory', not '" + mode + "'");
            };
        }
    }
}
