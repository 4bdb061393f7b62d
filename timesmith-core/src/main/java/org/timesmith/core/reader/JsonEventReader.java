package org.timesmith.core.reader;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;

/**
 * Reads a JSON document with Jackson's streaming parser: a top-level array of objects, one object,
 * or several top-level values one after another (each array's elements and each object become
 * records). An array element that is not an object is a {@link Rejection}; malformed or cut-off
 * JSON ends the read with an {@link InputFormatException} naming the line and column, after the
 * records before it were handed out. Memory holds one record at a time.
 */
public final class JsonEventReader extends AbstractEventReader {

    private final TextInput input;
    private final JsonParser parser;
    private boolean insideArray;
    private boolean sawValue;
    private long recordNumber;

    private JsonEventReader(String sourceName, TextInput input) {
        super(sourceName);
        this.input = input;
        this.parser = JsonValues.MAPPER.createParser(input.reader());
    }

    public static JsonEventReader open(Path file, ReaderOptions options) {
        TextInput input = TextInput.open(file, options.sourceName());
        JsonEventReader reader = null;
        try {
            reader = new JsonEventReader(options.sourceName(), input);
            if (!reader.hasNext() && !reader.sawValue) {
                throw new InputFormatException(options.sourceName() + ": the file is empty (no JSON value)");
            }
            return reader;
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            } else {
                input.close();
            }
            throw e;
        }
    }

    @Override
    protected ReadItem fetch() {
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    if (insideArray) {
                        throw cutOff("the JSON array is not closed");
                    }
                    return null;
                }
                sawValue = true;
                if (token == JsonToken.START_ARRAY && !insideArray) {
                    insideArray = true;
                    continue;
                }
                if (token == JsonToken.END_ARRAY && insideArray) {
                    insideArray = false;
                    continue;
                }
                long line = parser.currentTokenLocation().getLineNr();
                if (token == JsonToken.START_OBJECT) {
                    var fields = JsonValues.readObject(parser);
                    return new SourceRecord(++recordNumber, line, fields);
                }
                String what = JsonValues.describe(token);
                parser.skipChildren();
                recordNumber++;
                return Rejection.of(sourceName, recordNumber, line, (insideArray ? "array element" : "top-level value")
                        + " is " + what + ", not a JSON object");
            }
        } catch (JacksonIOException e) {
            throw new UncheckedIOException(e.getCause());
        } catch (JacksonException e) {
            throw cutOff("malformed or cut-off JSON: " + e.getOriginalMessage(), e.getLocation());
        }
    }

    private InputFormatException cutOff(String what) {
        return cutOff(what, parser.currentLocation());
    }

    private InputFormatException cutOff(String what, TokenStreamLocation location) {
        String where = location == null ? position()
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new InputFormatException(sourceName + ": " + what + " at " + where + " (after " + recordNumber
                + " records)");
    }

    @Override
    protected String position() {
        TokenStreamLocation location = parser.currentLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public long invalidCharactersReplaced() {
        return input.invalidSequencesReplaced();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (JacksonException ignored) {
            // Nothing is written; a failure to release the parser cannot lose data.
        }
        input.close();
    }

    /**
     * JSON: an array of records ("[" then an opening brace, "]" or a line end; "[time],message" is a
     * CSV header), or an opening brace that JSON Lines (asked before) did not take.
     */
    public static final class Provider implements ReaderProvider {
        @Override
        public ReaderInfo info() {
            return ReaderInfo.text(Format.JSON, "JSON", 300).withExtensions("json");
        }

        @Override
        public boolean recognises(FileHead head) {
            String trimmed = head.firstLine().strip();
            if (trimmed.startsWith("[")) {
                String inside = trimmed.substring(1).strip();
                return inside.isEmpty() || inside.startsWith("{") || inside.startsWith("]");
            }
            return trimmed.startsWith("{");
        }

        @Override
        public EventReader open(Path file, ReaderOptions options) {
            return JsonEventReader.open(file, options);
        }
    }
}
