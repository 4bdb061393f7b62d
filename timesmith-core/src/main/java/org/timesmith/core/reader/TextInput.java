package org.timesmith.core.reader;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The text of one input file as characters: gzip-compressed files are decompressed on the fly, a
 * byte-order mark selects UTF-8 or UTF-16 LE/BE (UTF-8 without one), and byte sequences that are
 * not valid in that charset become U+FFFD and are counted instead of failing the import. It also
 * counts the bytes of the file itself consumed so far, compressed if it is, for progress display.
 */
final class TextInput implements Closeable {

    private static final int MAX_LINE_CHARS = 64 * 1024 * 1024;

    private final CountingInputStream raw;
    private final DecodingReader reader;
    private long lineNumber;
    private int pushedBack = -1;

    private TextInput(CountingInputStream raw, DecodingReader reader) {
        this.raw = raw;
        this.reader = reader;
    }

    static TextInput open(Path file, String sourceName) {
        CountingInputStream raw = null;
        try {
            raw = new CountingInputStream(Files.newInputStream(file));
            InputStream bytes = new BufferedInputStream(raw, 64 * 1024);
            if (Magic.isGzip(bytes)) {
                bytes = new BufferedInputStream(new GZIPInputStream(bytes, 64 * 1024), 64 * 1024);
            }
            Charset charset = consumeByteOrderMark(bytes);
            return new TextInput(raw, new DecodingReader(bytes, charset));
        } catch (IOException e) {
            closeQuietly(raw);
            throw new InputFormatException(sourceName + ": cannot be read (" + e + ")", e);
        }
    }

    /** Reads the byte-order mark, if any, and says which charset the rest of the stream is in. */
    static Charset consumeByteOrderMark(InputStream bytes) throws IOException {
        bytes.mark(4);
        int b0 = bytes.read();
        int b1 = bytes.read();
        if (b0 == 0xFE && b1 == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (b0 == 0xEF && b1 == 0xBB && bytes.read() == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        bytes.reset();
        return StandardCharsets.UTF_8;
    }

    Reader reader() {
        return reader;
    }

    long bytesRead() {
        return raw.count();
    }

    /** Byte sequences that were not valid text and were replaced by U+FFFD. */
    long invalidSequencesReplaced() {
        return reader.replaced();
    }

    /** Number of the line last returned by {@link #nextLine()}, 1-based. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its terminator ({@code \n}, {@code \r\n} or a lone {@code \r}), or null at
     * the end. A line longer than 64 Mi characters is a whole-input problem: nothing that long is a
     * record any reader here can use, and holding it would defeat the flat memory promise.
     */
    String nextLine() throws IOException {
        int c = pushedBack >= 0 ? pushedBack : reader.read();
        pushedBack = -1;
        if (c < 0) {
            return null;
        }
        StringBuilder line = new StringBuilder(128);
        while (c >= 0 && c != '\n' && c != '\r') {
            if (line.length() >= MAX_LINE_CHARS) {
                throw new IOException("line " + (lineNumber + 1) + " is longer than " + MAX_LINE_CHARS + " characters");
            }
            line.append((char) c);
            c = reader.read();
        }
        if (c == '\r') {
            int next = reader.read();
            if (next != '\n') {
                pushedBack = next;
            }
        }
        lineNumber++;
        return line.toString();
    }

    @Override
    public void close() {
        closeQuietly(reader);
        closeQuietly(raw);
    }

    static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Closing a file we only read cannot lose data; the read itself reported any real problem.
        }
    }

    /** Counts the bytes consumed from the underlying file. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /**
     * Decodes bytes to characters, replacing each malformed or unmappable sequence with U+FFFD and
     * counting it (InputStreamReader replaces too, but silently). */
    static final class DecodingReader extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
        private final CharBuffer chars = CharBuffer.allocate(64 * 1024).flip();
        private boolean endOfInput;
        private boolean flushed;
        private long replaced;

        DecodingReader(InputStream in, Charset charset) {
            this.in = in;
            this.decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        long replaced() {
            return replaced;
        }

        @Override
        public int read() throws IOException {
            if (!chars.hasRemaining() && !fill()) {
                return -1;
            }
            return chars.get();
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!chars.hasRemaining() && !fill()) {
                return -1;
            }
            int n = Math.min(length, chars.remaining());
            chars.get(buffer, offset, n);
            return n;
        }

        /** Refills the character buffer; false at the end of the input. */
        private boolean fill() throws IOException {
            chars.clear();
            try {
                while (chars.position() == 0) {
                    if (!bytes.hasRemaining() || !endOfInput && bytes.remaining() < 16) {
                        readBytes();
                    }
                    if (flushed) {
                        break;
                    }
                    CoderResult result = decoder.decode(bytes, chars, endOfInput);
                    if (result.isError()) {
                        if (!chars.hasRemaining()) {
                            break;
                        }
                        bytes.position(bytes.position() + result.length());
                        chars.put('\uFFFD');
                        replaced++;
                    } else if (endOfInput && !bytes.hasRemaining()) {
                        decoder.flush(chars);
                        flushed = true;
                    }
                }
            } finally {
                chars.flip();
            }
            return chars.hasRemaining();
        }

        private void readBytes() throws IOException {
            if (endOfInput) {
                return;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
