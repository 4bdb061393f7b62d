package org.timesmith.core.reader;

import java.nio.file.Path;

/**
 * One input format, found by {@link Readers} through {@link java.util.ServiceLoader}: what it is called
 * and where detection asks it ({@link #info()}), how to recognise a file of it, and how to open a
 * reader. A new format is a reader class plus a provider listed in its module's
 * {@code META-INF/services/org.timesmith.core.reader.ReaderProvider}; nothing else in core, the server
 * or the CLI names it.
 *
 * <p>Detection asks the providers in ascending {@link ReaderInfo#detectionOrder()}: first those of
 * binary formats whose {@link ReaderInfo#containers()} include the container the file starts with
 * (SQLite, ZIP, OLE2), then, when the content is text, the text formats with the file's first
 * non-blank line. The first that {@linkplain #recognises recognises} the file wins; a provider that
 * accepts any text (CSV) comes last.
 */
public interface ReaderProvider {

    /** The format's name, aliases, labels, upload extensions and place in detection. */
    ReaderInfo info();

    /**
     * Whether the file is of this format. Binary formats are asked only for files that start with one
     * of their containers, text formats only for text (never for a compressed binary container).
     *
     * @throws InputFormatException when the file cannot be read to decide
     */
    boolean recognises(FileHead head);

    /**
     * Opens a reader; {@code options.format()} is this format.
     *
     * @throws InputFormatException when the file is not of this format at all
     */
    EventReader open(Path file, ReaderOptions options);
}
