package org.timesmith.server.auth;

/** A named set of users that can be granted access to sketches together. */
public record Group(long id, String name, String description) {
}
