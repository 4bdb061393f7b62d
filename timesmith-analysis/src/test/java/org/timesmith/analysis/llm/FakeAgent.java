package org.timesmith.analysis.llm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A misbehaving agent for fault tests: a plain socket server on loopback that reads the request
 * head and then follows a script writing raw HTTP bytes (so it can stop mid-chunk, go silent, or
 * send anything). The request body is read on its own thread so the client is never blocked.
 */
final class FakeAgent implements AutoCloseable {

    interface Script {
        void answer(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread acceptor;

    FakeAgent(Script script) throws IOException {
        this(script, false);
    }

    /**
     * @param answerFirst read none of the request body until the script has written its answer (then
     *                    read it all and end the answer): only a client that reads while it sends
     *                    gets through when both exceed what the sockets buffer
     */
    FakeAgent(Script script, boolean answerFirst) throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    while (!DuplexHttp.readLine(in).isEmpty()) {
                        // the request head
                    }
                    if (answerFirst) {
                        script.answer(socket.getOutputStream());
                        readToLastChunk(in);
                        end(socket.getOutputStream());
                        continue;
                    }
                    Thread.ofPlatform().daemon().start(() -> {
                        try {
                            in.transferTo(OutputStream.nullOutputStream());
                        } catch (IOException ignored) {
                            // the connection ended
                        }
                    });
                    script.answer(socket.getOutputStream());
                } catch (IOException | InterruptedException e) {
                    // the test ended or the client went away
                }
            }
        });
    }

    /** Reads a chunked request body up to its last chunk ({@code 0\r\n\r\n}); the client keeps the connection open. */
    private static void readToLastChunk(InputStream in) throws IOException {
        byte[] end = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] window = new byte[end.length];
        for (int b = in.read(); b >= 0; b = in.read()) {
            System.arraycopy(window, 1, window, 0, window.length - 1);
            window[window.length - 1] = (byte) b;
            if (java.util.Arrays.equals(window, end)) {
                return;
            }
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    static void head(OutputStream out, String contentType) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void end(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
