package org.timesmith.core.reader.plaso;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.timesmith.core.reader.Container;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.FileHead;
import org.timesmith.core.reader.Format;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.reader.ReaderInfo;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.ReaderProvider;

/**
 * Reads plaso storage files (SQLite) directly, without a plaso installation, and yields every event
 * as the document Timesketch's plaso import (psort's {@code opensearch_ts} output) would index:
 * {@code datetime}, {@code timestamp}, {@code timestamp_desc}, {@code message}, {@code data_type},
 * {@code parser}, {@code display_name}, {@code source_short}/{@code source_long}, {@code tag} and every
 * event data attribute. Storage formats from 20210621 on are read (tested: 20221023, 20230327,
 * 20260516); tables and columns are discovered at run time. The ZIP format of plaso 20171231 and
 * older, and SQLite files that are not plaso or lack the event tables, fail with an
 * {@link InputFormatException} naming the file and the problem.
 *
 * <p>By default the reader applies psort's de-duplication, so the events indexed are the events
 * Timesketch would index; each dropped duplicate is reported as a rejection naming the event it
 * repeats, so read = indexed + rejected still holds.
 */
public final class PlasoReader {

    /** What to do with events psort would drop as duplicates (same timestamp, description and values). */
    public enum Duplicates {
        /** Reject them with a reason, as psort (and so Timesketch) drops them. */
        REJECT_LIKE_PSORT,
        /** Keep every stored event, like {@code psort -a}. */
        KEEP
    }

    /** Numbered stream names inside plaso's old ZIP storage (plaso_proto.N in the oldest, event_data.N later). */
    private static final Pattern ZIP_STREAM = Pattern.compile(
            "(plaso_(proto|meta|index|timestamps)|event_(data|index|timestamps|tag_data|tag_index)"
                    + "|session_(start|completion)|serializer)\\.\\d+");

    private PlasoReader() {
    }

    /** Whether the file is a plaso storage file (SQLite with plaso's metadata table, or the old ZIP format). */
    public static boolean isPlaso(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return false;
        }
        if (PlasoStorage.startsWith(file, PlasoStorage.SQLITE_MAGIC)) {
            return PlasoStorage.hasPlasoMetadata(file);
        }
        return PlasoStorage.startsWith(file, PlasoStorage.ZIP_MAGIC) && isPlasoZip(file);
    }

    /** Opens the file with psort's de-duplication; see {@link #open(Path, ReaderOptions, Duplicates)}. */
    public static EventReader open(Path file, ReaderOptions options) {
        return open(file, options, Duplicates.REJECT_LIKE_PSORT);
    }

    /**
     * Opens a plaso storage file for streaming. The reader holds a read-only SQLite connection until
     * it is closed or has yielded its last item.
     *
     * @throws InputFormatException if the file cannot be read, is the old ZIP format, is not a plaso
     *                              storage file or misses a table or column the events need
     */
    public static EventReader open(Path file, ReaderOptions options, Duplicates duplicates) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InputFormatException(file + ": cannot be read (missing, not a file, or no permission)");
        }
        if (PlasoStorage.startsWith(file, PlasoStorage.ZIP_MAGIC)) {
            if (isPlasoZip(file)) {
                throw new InputFormatException(file + ": a plaso storage file in the ZIP format of plaso 20171231 "
                        + "or older, which is not supported; process the evidence again with plaso 20180127 or "
                        + "later to get an SQLite storage file");
            }
            throw new InputFormatException(file + ": a ZIP archive, not a plaso storage file");
        }
        if (!PlasoStorage.startsWith(file, PlasoStorage.SQLITE_MAGIC)) {
            throw new InputFormatException(file + ": not a plaso storage file (no SQLite 3 header)");
        }
        PlasoStorage storage = PlasoStorage.open(file);
        String sourceName = options.sourceName() == null || options.sourceName().isBlank()
                ? file.getFileName().toString() : options.sourceName();
        return new PlasoEventReader(storage, sourceName, duplicates == Duplicates.REJECT_LIKE_PSORT);
    }

    private static boolean isPlasoZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                if (ZIP_STREAM.matcher(entries.nextElement().getName()).matches()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** plaso storage files: SQLite (current) or ZIP (old) with plaso's tables or streams. */
    public static final class Provider implements ReaderProvider {
        @Override
        public ReaderInfo info() {
            return ReaderInfo.binary(Format.PLASO, "plaso", "a plaso storage file", 20, Container.SQLITE,
                    Container.ZIP).withExtensions("plaso");
        }

        @Override
        public boolean recognises(FileHead head) {
            return isPlaso(head.file());
        }

        @Override
        public EventReader open(Path file, ReaderOptions options) {
            return PlasoReader.open(file, options);
        }
    }
}
