package org.timesmith.core.reader;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV file with a header row (Timesketch's CSV layout) with FastCSV. The delimiter is
 * taken from the options or sniffed from the header ({@code ,} {@code ;} tab {@code |}); quoted
 * fields may span lines and a record's line is the one where it starts. Values stay strings; an
 * empty cell is no value, so the event has no such field — as in Timesketch, whose importer reads
 * empty cells as NaN and drops them (L2T CSV, whose columns are fixed, keeps them as {@code ""}). A row with more or fewer cells than
 * the header becomes a {@link Rejection} for its line. An empty file (not even a header) is an
 * error; a header without rows reads as zero records.
 */
public final class CsvEventReader extends AbstractEventReader {

    /** Longest field read; above the normaliser's value limit so that it, not the parser, rejects. */
    static final int MAX_FIELD_CHARS = 48 * 1024 * 1024;
    private static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};
    private static final int SNIFF_CHARS = 1024 * 1024;

    private final TextInput input;
    private final CsvReader<CsvRecord> csv;
    private final CloseableIterator<CsvRecord> rows;
    private final List<String> header;
    private final char delimiter;
    private final boolean keepEmptyCells;
    private long recordNumber;
    private long line;

    private CsvEventReader(String sourceName, TextInput input, CsvReader<CsvRecord> csv, char delimiter,
                           boolean keepEmptyCells) {
        super(sourceName);
        this.input = input;
        this.csv = csv;
        this.delimiter = delimiter;
        this.keepEmptyCells = keepEmptyCells;
        this.rows = csv.iterator();
        try {
            if (!rows.hasNext()) {
                throw new InputFormatException(sourceName + ": the file is empty (no header row)");
            }
            CsvRecord first = rows.next();
            this.line = first.getStartingLineNumber();
            this.header = Headers.fieldNames(first.getFields());
        } catch (CsvParseException | UncheckedIOException e) {
            throw new InputFormatException(sourceName + ": cannot read the CSV header (" + e.getMessage() + ")", e);
        }
    }

    public static CsvEventReader open(Path file, ReaderOptions options) {
        TextInput input = TextInput.open(file, options.sourceName());
        try {
            BufferedReader text = new BufferedReader(input.reader(), 64 * 1024);
            char delimiter = options.delimiter().isPresent() ? options.delimiter().get() : sniffDelimiter(text);
            CsvReader<CsvRecord> csv = CsvReader.builder()
                    .fieldSeparator(delimiter)
                    .skipEmptyLines(true)
                    .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .maxBufferSize(MAX_FIELD_CHARS)
                    .build(CsvRecordHandler.builder()
                            .maxFieldSize(MAX_FIELD_CHARS)
                            .maxRecordSize(2 * MAX_FIELD_CHARS)
                            .build(), text);
            return new CsvEventReader(options.sourceName(), input, csv, delimiter, options.format().equals(Format.L2TCSV));
        } catch (IOException e) {
            input.close();
            throw new InputFormatException(options.sourceName() + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /**
     * The candidate delimiter found most often outside quotes in the first line; comma on a tie
     * or when none occurs (a one-column file).
     */
    static char sniffDelimiter(BufferedReader text) throws IOException {
        text.mark(SNIFF_CHARS);
        int[] counts = new int[CANDIDATE_DELIMITERS.length];
        boolean quoted = false;
        for (int i = 0; i < SNIFF_CHARS; i++) {
            int c = text.read();
            if (c < 0 || !quoted && (c == '\n' || c == '\r')) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int d = 0; d < CANDIDATE_DELIMITERS.length; d++) {
                    if (c == CANDIDATE_DELIMITERS[d]) {
                        counts[d]++;
                    }
                }
            }
        }
        text.reset();
        int best = 0;
        for (int d = 1; d < counts.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return CANDIDATE_DELIMITERS[best];
    }

    /** The field names from the header row (trimmed, empty and repeated names made unique). */
    public List<String> header() {
        return header;
    }

    public char delimiter() {
        return delimiter;
    }

    @Override
    protected ReadItem fetch() {
        CsvRecord row;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            row = rows.next();
        } catch (CsvParseException e) {
            throw new InputFormatException(sourceName + ": malformed CSV after line " + line + " (" + e.getMessage()
                    + ")", e);
        }
        recordNumber++;
        line = row.getStartingLineNumber();
        int cells = row.getFieldCount();
        if (cells != header.size()) {
            return Rejection.of(sourceName, recordNumber, line,
                    "row has " + cells + (cells == 1 ? " cell" : " cells") + " but the header has " + header.size());
        }
        Map<String, Object> fields = LinkedHashMap.newLinkedHashMap(cells);
        for (int i = 0; i < cells; i++) {
            String value = row.getField(i);
            if (keepEmptyCells || !value.isEmpty()) {
                fields.put(header.get(i), value);
            }
        }
        return new SourceRecord(recordNumber, line, fields);
    }

    @Override
    protected String position() {
        return "line " + line + " (record " + recordNumber + ")";
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
        TextInput.closeQuietly(csv);
        input.close();
    }

    /** CSV: any text no other text format recognises, so it is asked last. */
    public static final class Provider implements ReaderProvider {
        @Override
        public ReaderInfo info() {
            return ReaderInfo.text(Format.CSV, "CSV", 1000).withExtensions("csv");
        }

        @Override
        public boolean recognises(FileHead head) {
            return true;
        }

        @Override
        public EventReader open(Path file, ReaderOptions options) {
            return CsvEventReader.open(file, options);
        }
    }
}
