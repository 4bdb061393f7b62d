package org.timesmith.server.auth;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.timesmith.server.api.ApiException;

/** The user making the current request, read fresh so that a disabled account stops working at once. */
@Component
public class CurrentUser {

    private final UserRepository users;

    public CurrentUser(UserRepository users) {
        this.users = users;
    }

    public User get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof SessionUser principal)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Login required.");
        }
        User user = users.byId(principal.id())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Login required."));
        if (!user.active()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "This account is disabled.");
        }
        return user;
    }
}
