package org.timesmith.core.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.LongFunction;

/**
 * Deterministic event ids: derived from the data source and the record's position in it, so a
 * retried or resumed import overwrites the events it already wrote instead of duplicating them.
 *
 * <p>An id is 20 URL-safe characters, like Timesketch's: the first {@value #DATA_SOURCE_PREFIX}
 * are a hash of the data source (72 bits), the last eight the position in an alphabet whose
 * characters sort in ASCII order, so the ids of one data source share a prefix and sort by position.
 * A store can use that to tell cheaply whether any event of a data source is already present.
 */
public final class EventIds {

    /** Characters shared by every id of one data source. */
    public static final int DATA_SOURCE_PREFIX = 12;
    private static final int POSITION_CHARS = 8;
    /** 64 URL-safe characters in ascending ASCII order, so that string order is numeric order. */
    private static final char[] SORTABLE = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
            .toCharArray();
    private static final long MAX_POSITION = (1L << (6 * POSITION_CHARS)) - 1;

    /**
     * Never updated, only cloned: looking a digest up through the security providers costs far
     * more than hashing the few bytes of an id, and a clone starts from the same empty state.
     */
    private static final MessageDigest SHA_256 = sha256();

    private EventIds() {
    }

    /** The id of record {@code position} (0 to 2^48 - 1) of {@code dataSource}. */
    public static String of(String dataSource, long position) {
        return forDataSource(dataSource).apply(position);
    }

    /** Ids of the records of one data source by position; hashes the data source once. */
    public static LongFunction<String> forDataSource(String dataSource) {
        byte[] hash = freshDigest().digest(dataSource.getBytes(StandardCharsets.UTF_8));
        String prefix = Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, DATA_SOURCE_PREFIX);
        return position -> {
            if (position < 0 || position > MAX_POSITION) {
                throw new IllegalArgumentException("record position out of range: " + position);
            }
            char[] id = new char[DATA_SOURCE_PREFIX + POSITION_CHARS];
            prefix.getChars(0, DATA_SOURCE_PREFIX, id, 0);
            long rest = position;
            for (int i = id.length - 1; i >= DATA_SOURCE_PREFIX; i--) {
                id[i] = SORTABLE[(int) (rest & 63)];
                rest >>>= 6;
            }
            return new String(id);
        };
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
