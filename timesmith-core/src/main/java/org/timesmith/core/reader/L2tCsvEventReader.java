package org.timesmith.core.reader;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads log2timeline's 17-column L2T CSV. {@code date} (MM/DD/YYYY), {@code time} (HH:MM:SS,
 * optionally with a fraction) and {@code timezone} (a zone name such as UTC, Europe/Amsterdam or
 * EST5EDT) become {@code timestamp} (µs since the epoch, UTC) and {@code datetime}; {@code type}
 * becomes {@code timestamp_desc} and {@code desc} becomes {@code message}. The other columns are
 * kept under their own names, and {@code extra} is kept raw and also split on {@code ;} into its
 * {@code key: value} pairs (a key that clashes with a column is stored as {@code extra_<key>}).
 * A bad date, time or zone rejects the row naming the column.
 */
public final class L2tCsvEventReader extends AbstractEventReader {

    /** The L2T CSV columns in order; their comma-joined form is the header that identifies the format. */
    public static final List<String> COLUMNS = List.of("date", "time", "timezone", "MACB", "source", "sourcetype",
            "type", "user", "host", "short", "desc", "version", "filename", "inode", "notes", "format", "extra");
    private static final List<String> KEPT = List.of("MACB", "source", "sourcetype", "user", "host", "short",
            "version", "filename", "inode", "notes", "format");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final CsvEventReader csv;

    private L2tCsvEventReader(String sourceName, CsvEventReader csv) {
        super(sourceName);
        this.csv = csv;
    }

    public static L2tCsvEventReader open(Path file, ReaderOptions options) {
        ReaderOptions comma = new ReaderOptions(Format.L2TCSV, options.sourceName(), Optional.of(','), Optional.empty());
        CsvEventReader csv = CsvEventReader.open(file, comma);
        if (!isL2tHeader(csv.header())) {
            csv.close();
            throw new InputFormatException(options.sourceName() + ": not an L2T CSV file; its header is "
                    + csv.header() + " but L2T CSV needs " + String.join(",", COLUMNS));
        }
        return new L2tCsvEventReader(options.sourceName(), csv);
    }

    static boolean isL2tHeader(List<String> header) {
        if (header.size() != COLUMNS.size()) {
            return false;
        }
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (!COLUMNS.get(i).equalsIgnoreCase(header.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected ReadItem fetch() {
        if (!csv.hasNext()) {
            return null;
        }
        return switch (csv.next()) {
            case Rejection rejection -> rejection;
            case SourceRecord row -> convert(row);
        };
    }

    private ReadItem convert(SourceRecord row) {
        // The CSV reader keyed the row by the file's header, which matched COLUMNS ignoring case.
        List<String> header = csv.header();
        Map<String, String> cells = LinkedHashMap.newLinkedHashMap(COLUMNS.size());
        for (int i = 0; i < COLUMNS.size(); i++) {
            cells.put(COLUMNS.get(i), (String) row.fields().get(header.get(i)));
        }
        long number = row.recordNumber();
        long line = row.line();
        LocalDate date;
        LocalTime time;
        ZoneId zone;
        try {
            date = LocalDate.parse(cells.get("date").strip(), DATE);
        } catch (DateTimeException e) {
            return Rejection.ofField(sourceName, number, line, "date",
                    "'" + cells.get("date") + "' is not a date in MM/DD/YYYY form");
        }
        try {
            time = LocalTime.parse(cells.get("time").strip());
        } catch (DateTimeException e) {
            return Rejection.ofField(sourceName, number, line, "time",
                    "'" + cells.get("time") + "' is not a time in HH:MM:SS form");
        }
        try {
            zone = ZoneId.of(cells.get("timezone").strip(), ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            return Rejection.ofField(sourceName, number, line, "timezone",
                    "'" + cells.get("timezone") + "' is not a known time zone");
        }
        long micros = UtcTimes.micros(ZonedDateTime.of(date, time, zone).toInstant());

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("datetime", UtcTimes.isoMicros(micros));
        fields.put("timestamp", micros);
        fields.put("timestamp_desc", cells.get("type"));
        fields.put("message", cells.get("desc"));
        for (String column : KEPT) {
            fields.put(column, cells.get(column));
        }
        String extra = cells.get("extra");
        fields.put("extra", extra);
        for (String pair : extra.split(";")) {
            int colon = pair.indexOf(':');
            String key = colon < 0 ? "" : pair.substring(0, colon).strip();
            if (!key.isEmpty()) {
                fields.put(fields.containsKey(key) ? "extra_" + key : key, pair.substring(colon + 1).strip());
            }
        }
        return new SourceRecord(number, line, fields);
    }

    @Override
    protected String position() {
        return csv.position();
    }

    @Override
    public long bytesRead() {
        return csv.bytesRead();
    }

    @Override
    public long invalidCharactersReplaced() {
        return csv.invalidCharactersReplaced();
    }

    @Override
    public void close() {
        csv.close();
    }

    /** log2timeline's CSV: recognised by its header. */
    public static final class Provider implements ReaderProvider {
        @Override
        public ReaderInfo info() {
            return ReaderInfo.text(Format.L2TCSV, "L2T CSV", 400).withAliases("L2T");
        }

        @Override
        public boolean recognises(FileHead head) {
            return isL2tHeader(Arrays.stream(head.firstLine().strip().split(",", -1)).map(String::strip).toList());
        }

        @Override
        public EventReader open(Path file, ReaderOptions options) {
            return L2tCsvEventReader.open(file, options);
        }
    }
}
