package org.timesmith.core.reader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The leading bytes ("magic numbers") of the binary containers Timesmith recognises. */
final class Magic {

    static final byte[] GZIP = {0x1F, (byte) 0x8B};
    static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ZIP = {'P', 'K', 3, 4};
    static final byte[] EVTX = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private Magic() {
    }

    static boolean startsWith(byte[] head, int length, byte[] magic) {
        return length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    /** Whether a stream that supports mark/reset starts with the gzip magic; the stream is left unmoved. */
    static boolean isGzip(InputStream in) throws IOException {
        in.mark(GZIP.length);
        byte[] head = in.readNBytes(GZIP.length);
        in.reset();
        return startsWith(head, head.length, GZIP);
    }
}
