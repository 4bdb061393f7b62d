package org.timesmith.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Starts the session of a user who proved who they are (by password or by an ID token). */
@Component
public class SessionLogin {

    private final SecurityContextRepository contextRepository;

    public SessionLogin(SecurityContextRepository contextRepository) {
        this.contextRepository = contextRepository;
    }

    public void start(User user, HttpServletRequest request, HttpServletResponse response) {
        // A new session id defeats session fixation; the CSRF token in the session stays valid.
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new SessionUser(user.id(), user.username()), null, List.of()));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
    }
}
