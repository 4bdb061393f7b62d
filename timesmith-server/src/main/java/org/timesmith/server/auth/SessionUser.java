package org.timesmith.server.auth;

import java.io.Serializable;

/** The principal kept in the HTTP session after login; the user row is re-read on every request. */
public record SessionUser(long id, String username) implements Serializable {
}
