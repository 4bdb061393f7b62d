package org.timesmith.server.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.timesmith.server.api.ApiException;

/**
 * Reads a {@code multipart/form-data} body part by part as streams, holding at most one buffer in
 * memory whatever the size of a part. (The servlet container would read a part without a file name,
 * like the importer's {@code events}, into a string.)
 */
final class MultipartReader {

    /** One part: its form name, the file name if it has one, and its content (read it before the next part). */
    record Part(String name, Optional<String> fileName, InputStream content) {
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|[^;\\s]+)");

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[BUFFER];
    private int start;
    private int end;
    private boolean eof;
    private boolean finished;
    private PartStream current;

    MultipartReader(InputStream in, String boundary) throws IOException {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first boundary has no CRLF before it; pretend it has one so every boundary looks alike.
        buffer[0] = '\r';
        buffer[1] = '\n';
        end = 2;
        new PartStream().transferTo(OutputStream.nullOutputStream());
        afterDelimiter();
    }

    /** The boundary of a multipart Content-Type header. */
    static String boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!m.find()) {
            throw ApiException.badRequest("The multipart request has no boundary.");
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /** The next part, or empty after the last one. */
    Optional<Part> next() throws IOException {
        if (current != null) {
            current.transferTo(OutputStream.nullOutputStream());
            current = null;
            afterDelimiter();
        }
        if (finished) {
            return Optional.empty();
        }
        String name = null;
        Optional<String> fileName = Optional.empty();
        int headerBytes = 0;
        while (true) {
            String line = line();
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw ApiException.badRequest("The headers of a multipart part are too long.");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-disposition")) {
                String value = line.substring(colon + 1);
                Matcher n = NAME.matcher(value);
                if (n.find()) {
                    name = n.group(1);
                }
                Matcher f = FILE_NAME.matcher(value);
                if (f.find()) {
                    fileName = Optional.of(f.group(1));
                }
            }
        }
        if (name == null) {
            throw ApiException.badRequest("A multipart part has no name.");
        }
        current = new PartStream();
        return Optional.of(new Part(name, fileName, current));
    }

    /** After a delimiter: "--" ends the body, CRLF starts the next part's headers. */
    private void afterDelimiter() throws IOException {
        int first = read();
        int second = read();
        if (first == '-' && second == '-') {
            finished = true;
        } else if (first != '\r' || second != '\n') {
            throw ApiException.badRequest("The multipart body is malformed (bad boundary line).");
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = read();
            if (b < 0) {
                throw ApiException.badRequest("The multipart body ends inside the headers of a part.");
            }
            if (b == '\r') {
                int next = read();
                if (next == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
                if (next < 0) {
                    throw ApiException.badRequest("The multipart body ends inside the headers of a part.");
                }
                line.write(next);
            } else {
                line.write(b);
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw ApiException.badRequest("The headers of a multipart part are too long.");
            }
        }
    }

    private int read() throws IOException {
        if (start == end && !fill()) {
            return -1;
        }
        return buffer[start++] & 0xff;
    }

    /** Moves the unread bytes to the front and reads more; false at the end of the input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = start; i <= end - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The content of one part: ends right before the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int found = indexOfDelimiter();
                if (found == start) {
                    start += delimiter.length;
                    done = true;
                    return -1;
                }
                int available = found >= 0 ? found - start : end - start - (delimiter.length - 1);
                if (available > 0) {
                    int n = Math.min(length, available);
                    System.arraycopy(buffer, start, target, offset, n);
                    start += n;
                    return n;
                }
                if (!fill()) {
                    throw ApiException.badRequest("The multipart body ends before its closing boundary.");
                }
            }
        }
    }
}
