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

    /**
     * Never updated, only cloned: looking a digest up through the security providers costs far
     * more than hashing the few bytes of an id, and a clone starts from the same empty state.
     */
    private static final MessageDigest SHA_256 = sha256();

    private EventIds() {
    }

    /** A 20-character URL-safe id, like Timesketch's, for record {@code position} of {@code dataSource}. */
    public static String of(String dataSource, long position) {
        MessageDigest digest = freshDigest();
        digest.update(dataSource.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (position >>> shift));
        }
        byte[] hash = digest.digest();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 20);
    }

    private static MessageDigest freshDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
