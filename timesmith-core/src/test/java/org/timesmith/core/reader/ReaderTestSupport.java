package org.timesmith.core.reader;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/** Helpers the reader tests share: fixtures, temp files, draining a reader. */
final class ReaderTestSupport {

    private ReaderTestSupport() {
    }

    /** A file under the shared fixtures folder; the calling test is skipped with a notice when it is absent. */
    static Path fixture(String relative) {
        String root = System.getProperty("timesmith.fixtures", "../shared/fixtures");
        Path file = Path.of(root).resolve(relative);
        if (!Files.isRegularFile(file)) {
            System.out.println("SKIPPED: fixture not found: " + file.toAbsolutePath());
        }
        assumeTrue(Files.isRegularFile(file), "fixture not found: " + file);
        return file;
    }

    static Path resource(String name) {
        try {
            return Path.of(ReaderTestSupport.class.getResource("/readers/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ReaderOptions options(Path file) {
        return ReaderOptions.auto(file.getFileName().toString());
    }

    static ReaderOptions options(Path file, Format format) {
        return options(file).withFormat(format);
    }

    static ReaderOptions withDelimiter(Path file, char delimiter) {
        return new ReaderOptions(Format.CSV, file.getFileName().toString(), Optional.of(delimiter), Optional.empty());
    }

    static List<ReadItem> readAll(EventReader reader) {
        try (reader) {
            List<ReadItem> items = new ArrayList<>();
            reader.forEachRemaining(items::add);
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SourceRecord> records(List<ReadItem> items) {
        return items.stream().filter(SourceRecord.class::isInstance).map(SourceRecord.class::cast).toList();
    }

    static List<Rejection> rejections(List<ReadItem> items) {
        return items.stream().filter(Rejection.class::isInstance).map(Rejection.class::cast).toList();
    }

    /** Drains the reader into the list until it fails, then rethrows; the list keeps what came before. */
    static void readInto(EventReader reader, List<ReadItem> items) {
        try (reader) {
            while (reader.hasNext()) {
                items.add(reader.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
