package org.timesmith.core.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Deterministic event ids: derived from the data source and the record's position in it, so a
 * retried or resumed import overwrites the events it already wrote instead of duplicating them.
 */
public final class EventIds {

    private EventIds() {
    }

    /** A 20-character URL-safe id, like Timesketch's, for record {@code position} of {@code dataSource}. */
    public static String of(String dataSource, long position) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
        digest.update(dataSource.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (position >>> shift));
        }
        byte[] hash = digest.digest();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 20);
    }
}
