package org.timesmith.core.reader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads JSON Lines: one JSON object per line, blank lines skipped (they still count as lines). A
 * line that is not a valid JSON object is a {@link Rejection} for that line and reading goes on.
 * Records are numbered by their position among the non-blank lines. A file without any non-blank
 * line is an error, like an empty CSV file.
 */
public final class JsonLinesEventReader extends TextLineEventReader {

    private long recordNumber;
    private String pending;

    private JsonLinesEventReader(String sourceName, TextInput input) throws IOException {
        super(sourceName, input);
        this.pending = nextNonBlankLine();
        if (pending == null) {
            throw new InputFormatException(sourceName + ": the file is empty (no JSON lines)");
        }
    }

    public static JsonLinesEventReader open(Path file, ReaderOptions options) {
        TextInput input = TextInput.open(file, options.sourceName());
        try {
            return new JsonLinesEventReader(options.sourceName(), input);
        } catch (IOException e) {
            input.close();
            throw new InputFormatException(options.sourceName() + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    private String nextNonBlankLine() throws IOException {
        String line;
        do {
            line = input.nextLine();
        } while (line != null && line.isBlank());
        return line;
    }

    @Override
    protected ReadItem fetch() throws IOException {
        String line = pending != null ? pending : nextNonBlankLine();
        pending = null;
        if (line == null) {
            return null;
        }
        return JsonValues.parseRecord(line, sourceName, ++recordNumber, input.lineNumber());
    }
}
