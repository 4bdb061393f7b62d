package org.timesmith.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timesmith.server.api.ApiException;

class MultipartReaderTest {

    private static final String BOUNDARY = "b0undary";

    @Test
    void partsLargerThanTheBufferWithBoundaryLookalikesSurviveByteForByte() throws IOException {
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        for (int i = 0; i < 20_000; i++) {
            big.write(("line " + i + "\r\n--b0und\r\n-").getBytes(StandardCharsets.UTF_8));
        }
        byte[] content = big.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"sketch_id\"\r\n\r\n7\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"events\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
                + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        MultipartReader reader = new MultipartReader(new TrickleStream(body.toByteArray()), BOUNDARY);
        List<String> names = new ArrayList<>();
        byte[] events = null;
        for (var part = reader.next(); part.isPresent(); part = reader.next()) {
            names.add(part.get().name() + part.get().fileName().map(f -> "/" + f).orElse(""));
            byte[] bytes = part.get().content().readAllBytes();
            if (part.get().name().equals("events")) {
                events = bytes;
            } else if (part.get().name().equals("sketch_id")) {
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("7");
            } else {
                assertThat(bytes).isEmpty();
            }
        }
        assertThat(names).containsExactly("sketch_id", "events", "file/a.csv");
        assertThat(events).isEqualTo(content);
    }

    @Test
    void unreadPartsAreSkipped() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nskipped\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nread\r\n--" + BOUNDARY + "--\r\n";
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                BOUNDARY);
        assertThat(reader.next().orElseThrow().name()).isEqualTo("a");
        assertThat(new String(reader.next().orElseThrow().content().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("read");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void truncatedAndMalformedBodiesAreClientErrors() {
        String truncated = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end";
        assertThatThrownBy(() -> {
            MultipartReader reader = new MultipartReader(stream(truncated), BOUNDARY);
            reader.next().orElseThrow().content().readAllBytes();
        }).isInstanceOf(ApiException.class).hasMessageContaining("closing boundary");
        String nameless = "--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + BOUNDARY + "--\r\n";
        assertThatThrownBy(() -> new MultipartReader(stream(nameless), BOUNDARY).next())
                .isInstanceOf(ApiException.class).hasMessageContaining("no name");
        assertThatThrownBy(() -> new MultipartReader(stream("garbage without boundary"), BOUNDARY))
                .isInstanceOf(ApiException.class);
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=\"quoted\"")).isEqualTo("quoted");
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=abc; charset=x")).isEqualTo("abc");
        assertThatThrownBy(() -> MultipartReader.boundary("multipart/form-data")).isInstanceOf(ApiException.class);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out a few bytes per read, so boundaries straddle every possible buffer edge. */
    private static final class TrickleStream extends InputStream {
        private final byte[] data;
        private int position;
        private int step;

        TrickleStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + (step++ % 7) * 997), data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }
}
