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

    /**
     * JSON Lines: a complete object on the first line; a first line that opens a brace but is no valid
     * object is JSON Lines only by the name ({@code .jsonl}, {@code .ndjson}), else JSON.
     */
    public static final class Provider implements ReaderProvider {
        @Override
        public ReaderInfo info() {
            return ReaderInfo.text(Format.JSONL, "JSON Lines", 200).withAliases("NDJSON")
                    .withExtensions("jsonl", "ndjson");
        }

        @Override
        public boolean recognises(FileHead head) {
            String trimmed = head.firstLine().strip();
            if (!trimmed.startsWith("{")) {
                return false;
            }
            if (JsonValues.parseRecord(trimmed, head.sourceName(), 1, 1) instanceof SourceRecord) {
                return true;
            }
            String name = head.plainName();
            return name.endsWith(".jsonl") || name.endsWith(".ndjson");
        }

        @Override
        public EventReader open(Path file, ReaderOptions options) {
            return JsonLinesEventReader.open(file, options);
        }
    }
}
