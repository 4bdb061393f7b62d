package org.timesmith.core.reader;

import java.util.Locale;
import java.util.Objects;

/**
 * The name of an input format Timesmith reads, as the CLI's {@code --format} and the upload's stored
 * format spell it ({@code CSV}, {@code JSONL}, …). The set is open: each {@link ReaderProvider} found
 * on the class path names one, so a new reader adds a format without touching this class; the
 * constants are the built-in ones, for code that names them. {@link #AUTO} detects the format from
 * the content.
 *
 * @param name the upper-case name
 */
public record Format(String name) {

    public static final Format AUTO = new Format("AUTO");
    public static final Format CSV = new Format("CSV");
    public static final Format JSONL = new Format("JSONL");
    public static final Format JSON = new Format("JSON");
    public static final Format L2TCSV = new Format("L2TCSV");
    public static final Format XLSX = new Format("XLSX");
    public static final Format XLS = new Format("XLS");
    public static final Format PLASO = new Format("PLASO");
    public static final Format ZEEK = new Format("ZEEK");

    public Format {
        name = normal(Objects.requireNonNull(name, "name"));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a format name must not be blank");
        }
    }

    /**
     * The format a name or alias stands for ({@code auto}, {@code csv}, {@code ndjson}, {@code l2t},
     * {@code excel}, …; case, dashes and underscores do not matter).
     *
     * @throws IllegalArgumentException for a name no reader knows, listing the known ones
     */
    public static Format parse(String name) {
        String normal = normal(name);
        if (normal.equals(AUTO.name)) {
            return AUTO;
        }
        return Readers.provider(normal).map(p -> p.info().format()).orElseThrow(() -> new IllegalArgumentException(
                "unknown format '" + name.strip() + "' (use " + String.join(", ", Readers.formatNames()) + ")"));
    }

    /** The form names are compared in: upper case without dashes and underscores. */
    static String normal(String name) {
        return name.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    @Override
    public String toString() {
        return name;
    }
}
