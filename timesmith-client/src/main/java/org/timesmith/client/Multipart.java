package org.timesmith.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.SequenceInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body for {@code POST /api/v1/upload/}: text fields, an
 * {@code events} part without a file name (JSON Lines), and a {@code file} part streamed from a
 * byte range of a file, so a 100 MB plaso chunk is never held in memory.
 */
final class Multipart {

    private static final byte[] CRLF = {'\r', '\n'};

    private final String boundary = "timesmith-" + UUID.randomUUID();
    /** The body in order: text and event bytes as {@code byte[]}, the file part as a {@link FileRange}. */
    private final List<Object> segments = new ArrayList<>();

    private record FileRange(Path file, long offset, long length) {
    }

    Multipart fields(Map<String, String> fields) {
        fields.forEach((name, value) -> text("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n"));
        return this;
    }

    Multipart events(byte[] jsonLines) {
        text("Content-Disposition: form-data; name=\"events\"\r\nContent-Type: application/json\r\n\r\n");
        segments.add(jsonLines);
        segments.add(CRLF);
        return this;
    }

    Multipart file(String fileName, Path file, long offset, long length) {
        text("Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName.replace("\"", "_")
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        segments.add(new FileRange(file, offset, length));
        segments.add(CRLF);
        return this;
    }

    private void text(String partHead) {
        segments.add(("--" + boundary + "\r\n" + partHead).getBytes(StandardCharsets.UTF_8));
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** One publisher over the whole body with its exact length; a file range is read only while sending. */
    HttpRequest.BodyPublisher publisher() {
        List<Object> all = new ArrayList<>(segments);
        all.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        if (all.stream().allMatch(byte[].class::isInstance)) {
            return HttpRequest.BodyPublishers.ofByteArrays(all.stream().map(byte[].class::cast).toList());
        }
        long length = all.stream().mapToLong(s -> s instanceof byte[] bytes ? bytes.length : ((FileRange) s).length()).sum();
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> open(all)), length);
    }

    private static InputStream open(List<Object> all) {
        List<InputStream> streams = new ArrayList<>();
        for (Object segment : all) {
            streams.add(segment instanceof byte[] bytes ? new ByteArrayInputStream(bytes)
                    : range(((FileRange) segment).file(), ((FileRange) segment).offset(), ((FileRange) segment).length()));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    private static InputStream range(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            return new InputStream() {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = in.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = in.read(buffer, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Grows a JSON Lines buffer; reset after each upload so memory stays bounded by one batch. */
    static final class LineBuffer extends ByteArrayOutputStream {
        byte[] bytes() {
            return toByteArray();
        }
    }
}
