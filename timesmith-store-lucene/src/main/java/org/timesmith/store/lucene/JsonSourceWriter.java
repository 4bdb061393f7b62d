package org.timesmith.store.lucene;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Writes an event source of plain JSON values (maps with string keys, collections, strings, whole
 * numbers, finite floating-point numbers, booleans and nulls) as compact JSON, byte for byte what
 * Jackson writes for it. Jackson's generic serialization cost 6 % of indexing time; this is a loop
 * over the map. Any other value makes {@link #write} answer null so that the caller uses Jackson.
 * One instance per thread: the buffer is reused.
 */
final class JsonSourceWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII characters: 0 written as is, otherwise the letter of a short escape, or 'u'. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    /** A buffer grown beyond this, for a huge value, is not kept for the next source. */
    private static final int KEPT_BUFFER = 1 << 16;

    private byte[] buffer = new byte[4096];
    private int length;

    /** The JSON bytes of the source, or null when it holds a value this writer leaves to Jackson. */
    byte[] write(Map<String, Object> source) {
        length = 0;
        byte[] json = writeMap(source) ? Arrays.copyOf(buffer, length) : null;
        if (buffer.length > KEPT_BUFFER) {
            buffer = new byte[KEPT_BUFFER];
        }
        return json;
    }

    private boolean writeMap(Map<?, ?> map) {
        append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                return false;
            }
            if (!first) {
                append(',');
            }
            first = false;
            if (!writeString(key)) {
                return false;
            }
            append(':');
            if (!writeValue(entry.getValue())) {
                return false;
            }
        }
        append('}');
        return true;
    }

    private boolean writeValue(Object value) {
        switch (value) {
            case null -> appendAscii("null");
            case String s -> {
                return writeString(s);
            }
            case Long l -> appendAscii(Long.toString(l));
            case Integer i -> appendAscii(Integer.toString(i));
            case Short s -> appendAscii(Short.toString(s));
            case Byte b -> appendAscii(Byte.toString(b));
            case BigInteger big -> appendAscii(big.toString());
            case Double d when Double.isFinite(d) -> appendAscii(Double.toString(d));
            case Float f when Float.isFinite(f) -> appendAscii(Float.toString(f));
            case Boolean b -> appendAscii(b ? "true" : "false");
            case Map<?, ?> map -> {
                return writeMap(map);
            }
            case Collection<?> values -> {
                append('[');
                boolean first = true;
                for (Object element : values) {
                    if (!first) {
                        append(',');
                    }
                    first = false;
                    if (!writeValue(element)) {
                        return false;
                    }
                }
                append(']');
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Writes a quoted, escaped, UTF-8 string; false on an unpaired surrogate, which Jackson rejects. */
    private boolean writeString(String s) {
        int n = s.length();
        ensure(3 * n + 2); // enough for UTF-8; an escape checks for its own extra bytes
        byte[] out = buffer;
        int at = length;
        out[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    out[at++] = (byte) c;
                } else {
                    if (at + 6 + 3 * (n - i) > out.length) {
                        length = at;
                        ensure(6 + 3 * (n - i));
                        out = buffer;
                    }
                    out[at++] = '\\';
                    out[at++] = escape;
                    if (escape == 'u') {
                        out[at++] = '0';
                        out[at++] = '0';
                        out[at++] = HEX[c >> 4];
                        out[at++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[at++] = (byte) (0xF0 | (cp >> 18));
                out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (cp & 0x3F));
            }
        }
        out[at++] = '"';
        length = at;
        return true;
    }

    private void appendAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    private void append(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + more));
        }
    }
}
