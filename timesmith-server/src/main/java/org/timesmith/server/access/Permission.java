package org.timesmith.server.access;

import java.util.Locale;
import java.util.Optional;

/** What a user may do in a sketch, as Timesketch names it on the wire. */
public enum Permission {
    READ, WRITE, DELETE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Permission> parse(String name) {
        for (Permission p : values()) {
            if (p.wireName().equalsIgnoreCase(name.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
