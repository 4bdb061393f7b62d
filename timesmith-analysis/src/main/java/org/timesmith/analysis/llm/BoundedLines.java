package org.timesmith.analysis.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a stream into UTF-8 lines of at most a given number of bytes, so that one enormous line
 * (an agent gone wrong) costs no more memory than the limit: a longer line is skipped to its end
 * and reported with its length instead of being held.
 */
public final class BoundedLines {

    /** What to do with each line; returning false stops reading. */
    public interface Handler {
        boolean line(long number, String line);

        boolean tooLong(long number, long bytes);
    }

    private BoundedLines() {
    }

    /** Reads until the end of {@code in}, or until the handler says stop; returns the lines read. */
    public static long read(InputStream in, int maxBytes, Handler handler) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long number = 0;
        long length = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                length += i - start;
                if (length <= maxBytes) {
                    line.write(buffer, start, i - start);
                }
                number++;
                if (!deliver(handler, number, line, length, maxBytes)) {
                    return number;
                }
                line.reset();
                length = 0;
                start = i + 1;
            }
            int rest = n - start;
            if (length + rest <= maxBytes) {
                line.write(buffer, start, rest);
            } else {
                line.reset(); // too long: only its length is counted from here on
            }
            length += rest;
        }
        if (length > 0) {
            number++;
            deliver(handler, number, line, length, maxBytes);
        }
        return number;
    }

    private static boolean deliver(Handler handler, long number, ByteArrayOutputStream line, long length, int maxBytes) {
        if (length > maxBytes) {
            return handler.tooLong(number, length);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return handler.line(number, text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
