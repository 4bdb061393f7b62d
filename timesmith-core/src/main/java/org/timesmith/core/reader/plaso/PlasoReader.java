package org.timesmith.core.reader.plaso;

import java.nio.file.Path;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.reader.ReaderOptions;

/** Reads plaso storage files (SQLite) directly, without a plaso installation. */
public final class PlasoReader {

    private PlasoReader() {
    }

    /** Whether the file is a plaso storage file (SQLite with plaso's metadata table, or the old ZIP format). */
    public static boolean isPlaso(Path file) {
        return false;
    }

    public static EventReader open(Path file, ReaderOptions options) {
        throw new InputFormatException(file + ": the plaso reader is being built");
    }
}
