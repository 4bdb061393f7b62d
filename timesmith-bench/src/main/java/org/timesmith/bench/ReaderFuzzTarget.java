package org.timesmith.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Readers;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;

/**
 * Jazzer's fuzz target for the input readers: the input is written as a file with the extension of
 * {@code -Dtimesmith.fuzz.extension} and read to its end through {@link Readers}, as an import reads
 * an upload. The invariant: every item is a record or a per-record rejection, and a file that cannot
 * be read at all is an {@link InputFormatException} with a message; any other exception, a hang or
 * running out of memory is a finding. {@link #check} is the same rule for the regression corpus.
 */
public final class ReaderFuzzTarget {

    private static final String EXTENSION = System.getProperty("timesmith.fuzz.extension", "csv");
    private static final Path DIR = tempDir();

    private ReaderFuzzTarget() {
    }

    private static Path tempDir() {
        try {
            Path shm = Path.of("/dev/shm");
            return Files.isWritable(shm) ? Files.createTempDirectory(shm, "timesmith-fuzz")
                    : Files.createTempDirectory("timesmith-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Called by Jazzer once before fuzzing: reads a broken file of each container kind (OLE2, ZIP,
     * SQLite), so that loading POI's and SQLite's classes, seconds on a busy machine, is not taken for
     * a hang of the first input that reaches them.
     */
    public static void fuzzerInitialize() throws IOException {
        byte[][] containers = {
            {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0},
            {'P', 'K', 3, 4, 0, 0, 0, 0},
            "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)};
        for (byte[] container : containers) {
            fuzzerTestOneInput(container);
        }
    }

    /** Called by Jazzer for every input. */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        Path file = DIR.resolve("input." + EXTENSION);
        Files.write(file, data);
        check(file);
    }

    /** Reads the file to its end; returns the records and rejections read, throws on a broken invariant. */
    public static long[] check(Path file) {
        long records = 0;
        long rejections = 0;
        try (EventReader reader = Readers.open(file, ReaderOptions.auto(file.getFileName().toString()))) {
            while (reader.hasNext()) {
                ReadItem item = reader.next();
                switch (item) {
                    case SourceRecord r -> records++;
                    case Rejection r -> {
                        if (r.reason() == null || r.reason().isBlank()) {
                            throw new IllegalStateException("a rejection without a reason: " + r);
                        }
                        rejections++;
                    }
                }
            }
        } catch (InputFormatException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new IllegalStateException("a file error without a message", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new long[] {records, rejections};
    }
}
