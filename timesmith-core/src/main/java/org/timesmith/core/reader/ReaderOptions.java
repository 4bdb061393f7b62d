package org.timesmith.core.reader;

import java.util.Optional;

/**
 * How to read one input.
 *
 * @param format     the format, or {@link Format#AUTO} to detect it from the content
 * @param sourceName the name used in rejections and errors (usually the file name as uploaded)
 * @param delimiter  CSV delimiter; detected from the header when empty
 * @param sheet      Excel sheet name; the first sheet when empty
 */
public record ReaderOptions(Format format, String sourceName, Optional<Character> delimiter, Optional<String> sheet) {

    public static ReaderOptions auto(String sourceName) {
        return new ReaderOptions(Format.AUTO, sourceName, Optional.empty(), Optional.empty());
    }

    public ReaderOptions withFormat(Format newFormat) {
        return new ReaderOptions(newFormat, sourceName, delimiter, sheet);
    }
}
