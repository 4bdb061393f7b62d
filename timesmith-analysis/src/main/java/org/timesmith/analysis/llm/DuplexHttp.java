package org.timesmith.analysis.llm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST whose request and response are both streams, read and written at once: the
 * request body goes out chunked from its own thread while the caller reads the response. The JDK's
 * {@code java.net.http.HttpClient} does not read an HTTP/1.1 response before it has sent the whole
 * request, so an agent that answers while it reads would fill both TCP buffers and the two sides
 * would wait on each other; this small client on a plain socket (TLS for {@code https}) avoids that.
 * Connecting may take {@link LlmProviderConfig#CONNECT_TIMEOUT}; the response may be silent for at
 * most the read timeout.
 */
final class DuplexHttp {

    private static final int MAX_HEADER_LINE = 16 * 1024;

    private final LlmProviderConfig config;

    DuplexHttp(LlmProviderConfig config) {
        this.config = config;
    }

    /** POSTs to {@code url}; see {@link LlmProvider#analyzeLogs}. */
    void post(URI url, Map<String, String> headers, LlmProvider.RequestBody body, LlmProvider.ResponseBody answer) {
        String where = config.name() + " at " + url;
        boolean tls = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        Socket socket = null;
        Thread sender = null;
        AtomicReference<IOException> sendFailure = new AtomicReference<>();
        AtomicLong sent = new AtomicLong();
        try {
            socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
            socket.connect(new InetSocketAddress(url.getHost(), port), (int) LlmProviderConfig.CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis()));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            out.write(head(url, port, headers).getBytes(StandardCharsets.ISO_8859_1));
            Socket open = socket;
            sender = Thread.ofPlatform().name("llm-send-" + config.name()).daemon().start(() -> {
                try (ChunkedOutput chunked = new ChunkedOutput(out, sent)) {
                    body.writeTo(chunked);
                } catch (IOException e) {
                    sendFailure.set(e);
                } catch (java.io.UncheckedIOException e) {
                    sendFailure.set(e.getCause()); // writing to the agent failed, not reading the events
                } catch (RuntimeException e) {
                    sendFailure.set(new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e));
                    closeQuietly(open);
                }
            });
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            int status = status(readLine(in), where);
            Map<String, String> responseHeaders = headers(in);
            if (status / 100 != 2) {
                throw new LlmException(where + " answered HTTP " + status + ": " + excerpt(in));
            }
            InputStream responseBody = responseBody(in, responseHeaders);
            answer.read(responseHeaders.getOrDefault("content-type", ""), responseBody);
        } catch (ConnectException e) {
            throw new LlmException("cannot connect to " + where + ": " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new LlmException(where + " sent nothing for " + config.readTimeout().toSeconds()
                    + " s (the read timeout); " + sent.get() + " bytes of events were sent", e);
        } catch (EOFException e) {
            throw new LlmException(where + " closed the connection in the middle of its answer ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            sourceFailure(sendFailure);
            throw new LlmException("talking to " + where + " failed: " + e, e);
        } finally {
            closeQuietly(socket);
            if (sender != null) {
                try {
                    sender.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        sourceFailure(sendFailure);
    }

    /** Reading the events to send failed (not the agent): that is the run's failure. */
    private static void sourceFailure(AtomicReference<IOException> sendFailure) {
        IOException failure = sendFailure.get();
        if (failure != null && failure.getCause() instanceof RuntimeException r) {
            throw new LlmException("reading the events to send failed: " + r.getMessage(), r);
        }
    }

    private String head(URI url, int port, Map<String, String> extra) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", url.getHost() + (url.getPort() > 0 ? ":" + port : ""));
        all.put("Transfer-Encoding", "chunked");
        all.put("Connection", "close");
        all.put("User-Agent", "timesmith");
        all.putAll(extra);
        config.apiKey().ifPresent(key -> all.put("Authorization", "Bearer " + key));
        all.putAll(config.headers());
        all.forEach((name, value) -> {
            if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new LlmException("LLM provider " + config.name() + ": header " + name + " holds a line break");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        return head.append("\r\n").toString();
    }

    private static int status(String line, String where) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new LlmException(where + " did not answer HTTP: " + line);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new LlmException(where + " did not answer HTTP: " + line);
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static InputStream responseBody(InputStream in, Map<String, String> headers) {
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInput(in);
        }
        String length = headers.get("content-length");
        return length == null ? in : new LimitedInput(in, Long.parseLong(length.trim()));
    }

    /** A header line without its CRLF; EOF before the line ends is an {@link EOFException}. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended before the response header was complete");
            }
            if (line.size() > MAX_HEADER_LINE) {
                throw new IOException("a response header line is longer than " + MAX_HEADER_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String excerpt(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(300);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no body)";
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that already failed
            }
        }
    }

    /** The request body as HTTP chunks; closing writes the last chunk and flushes. */
    private static final class ChunkedOutput extends OutputStream {
        private final OutputStream out;
        private final AtomicLong sent;
        private final byte[] buffer = new byte[32 * 1024];
        private int size;

        ChunkedOutput(OutputStream out, AtomicLong sent) {
            this.out = out;
            this.sent = sent;
        }

        @Override
        public void write(int b) throws IOException {
            if (size == buffer.length) {
                flushChunk();
            }
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (size == buffer.length) {
                    flushChunk();
                }
                int n = Math.min(len, buffer.length - size);
                System.arraycopy(b, off, buffer, size, n);
                size += n;
                off += n;
                len -= n;
            }
        }

        private void flushChunk() throws IOException {
            if (size > 0) {
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(buffer, 0, size);
                out.write('\r');
                out.write('\n');
                sent.addAndGet(size);
                size = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            flushChunk();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flushChunk();
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** A response body framed by HTTP: reading one byte is reading a block of one. */
    private abstract static class FramedInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** A chunked response body; the connection ending before the last chunk is an {@link EOFException}. */
    private static final class ChunkedInput extends FramedInput {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = readLine(in);
                int semicolon = size.indexOf(';');
                try {
                    left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size in the answer: " + size);
                }
                if (left == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailers are ignored
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            left -= n;
            if (left == 0) {
                readLine(in);
            }
            return n;
        }
    }

    /** A body of known length; the connection ending early is an {@link EOFException}. */
    private static final class LimitedInput extends FramedInput {
        private final InputStream in;
        private long left;

        LimitedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection ended " + left + " bytes before the announced length");
            }
            left -= n;
            return n;
        }
    }
}
