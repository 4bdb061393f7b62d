package org.timesmith.core.reader;

import java.io.Closeable;
import java.util.Iterator;

/**
 * Streams the records of one input, one {@link ReadItem} at a time, never holding the whole input
 * in memory. Problems with a single record become {@link Rejection}s and reading goes on; problems
 * with the input as a whole (not a file of this format, truncated container, unreadable) throw
 * {@link InputFormatException} with a message naming the file.
 */
public interface EventReader extends Iterator<ReadItem>, Closeable {

    /** Bytes of the underlying (compressed, if it is) file consumed so far, for progress display. */
    long bytesRead();

    /**
     * Byte sequences so far that were not valid in the input's character set and were replaced by
     * U+FFFD (text formats only; zero for the others), so an import can report the damage.
     */
    default long invalidCharactersReplaced() {
        return 0;
    }
}
