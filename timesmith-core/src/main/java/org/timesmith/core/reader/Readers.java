package org.timesmith.core.reader;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.timesmith.core.reader.plaso.PlasoReader;

/**
 * Opens the right {@link EventReader} for a file, detecting the format from its content. The order:
 * gzip (look inside; only text formats may be compressed) → SQLite (plaso) → ZIP (XLSX when it has
 * {@code xl/workbook.xml}, else old ZIP plaso) → OLE2 (XLS) → binary garbage (rejected) → Zeek
 * ({@code #separator}) → JSON ("[" then an opening brace, "]" or a line end; or an opening brace not closed
 * on its first line) or JSON Lines
 * (an opening brace with a complete object on the first line) → L2T CSV (its header) → CSV. The file
 * extension only breaks the tie when a first line starting with an opening brace is not a valid object.
 */
public final class Readers {

    private static final int HEAD_BYTES = 8 * 1024;
    private static final int BINARY_CHECK_BYTES = 1024;

    private Readers() {
    }

    /** The format of the file judged by its content (magic bytes, header), then its name. */
    public static Format detect(Path file) {
        Path name = file.getFileName();
        return detect(file, name == null ? file.toString() : name.toString());
    }

    public static EventReader open(Path file, ReaderOptions options) {
        Format format = options.format() == Format.AUTO ? detect(file, options.sourceName()) : options.format();
        ReaderOptions resolved = options.withFormat(format);
        return switch (format) {
            case CSV -> CsvEventReader.open(file, resolved);
            case JSONL -> JsonLinesEventReader.open(file, resolved);
            case JSON -> JsonEventReader.open(file, resolved);
            case L2TCSV -> L2tCsvEventReader.open(file, resolved);
            case XLSX -> ExcelEventReader.openXlsx(file, resolved);
            case XLS -> ExcelEventReader.openXls(file, resolved);
            case ZEEK -> ZeekEventReader.open(file, resolved);
            case PLASO -> PlasoReader.open(file, resolved);
            case AUTO -> throw new IllegalStateException("AUTO was resolved above");
        };
    }

    static Format detect(Path file, String sourceName) {
        byte[] head;
        boolean gzip;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            gzip = Magic.isGzip(raw);
            head = gzip ? readHead(new GZIPInputStream(raw)) : raw.readNBytes(HEAD_BYTES);
        } catch (EOFException | ZipException e) {
            throw new InputFormatException(sourceName + ": the compressed data is truncated or corrupt (" + e.getMessage()
                    + ")", e);
        } catch (IOException e) {
            throw new InputFormatException(sourceName + ": cannot be read (" + e + ")", e);
        }
        if (head.length == 0) {
            throw new InputFormatException(sourceName + ": the file is empty" + (gzip ? " (after decompression)" : ""));
        }
        if (gzip) {
            String inner = Magic.startsWith(head, head.length, Magic.SQLITE) ? "SQLite/plaso"
                    : Magic.startsWith(head, head.length, Magic.ZIP) ? "ZIP/XLSX"
                    : Magic.startsWith(head, head.length, Magic.OLE2) ? "XLS" : null;
            if (inner != null) {
                throw new InputFormatException(sourceName + ": a gzip-compressed " + inner
                        + " file is not supported; decompress it first");
            }
        } else {
            Format container = detectContainer(file, sourceName, head);
            if (container != null) {
                return container;
            }
        }
        rejectBinary(sourceName, head);
        return detectText(file, sourceName);
    }

    /** As much of the decompressed start as a truncated stream still yields. */
    private static byte[] readHead(InputStream gunzipped) throws IOException {
        byte[] buffer = new byte[HEAD_BYTES];
        int length = 0;
        try {
            for (int n; length < HEAD_BYTES && (n = gunzipped.read(buffer, length, HEAD_BYTES - length)) > 0; ) {
                length += n;
            }
        } catch (EOFException | ZipException e) {
            if (length == 0) {
                throw e;
            }
        }
        return Arrays.copyOf(buffer, length);
    }

    private static Format detectContainer(Path file, String sourceName, byte[] head) {
        if (Magic.startsWith(head, head.length, Magic.SQLITE)) {
            if (PlasoReader.isPlaso(file)) {
                return Format.PLASO;
            }
            throw new InputFormatException(sourceName + ": an SQLite database but not a plaso storage file");
        }
        if (Magic.startsWith(head, head.length, Magic.ZIP)) {
            if (hasZipEntry(file, sourceName, "xl/workbook.xml")) {
                return Format.XLSX;
            }
            if (PlasoReader.isPlaso(file)) {
                return Format.PLASO;
            }
            throw new InputFormatException(sourceName + ": a ZIP archive but neither an XLSX workbook nor a plaso "
                    + "storage file");
        }
        if (Magic.startsWith(head, head.length, Magic.OLE2)) {
            return Format.XLS;
        }
        return null;
    }

    private static boolean hasZipEntry(Path file, String sourceName, String entry) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException e) {
            throw new InputFormatException(sourceName + ": a damaged ZIP archive (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Text never holds NUL bytes (except UTF-16, recognised by its byte-order mark) and holds few
     * other control bytes; random or binary data does within its first kilobyte.
     */
    private static void rejectBinary(String sourceName, byte[] head) {
        boolean utf16 = head.length >= 2 && (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF
                || head[0] == (byte) 0xFF && head[1] == (byte) 0xFE);
        if (utf16) {
            return;
        }
        int checked = Math.min(head.length, BINARY_CHECK_BYTES);
        int control = 0;
        for (int i = 0; i < checked; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                control = checked;
                break;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0B && b != 0x1B || b == 0x7F) {
                control++;
            }
        }
        if (control * 50 > checked) {
            throw new InputFormatException(sourceName + ": not a supported timeline format (binary content; "
                    + "expected CSV, JSON, JSON Lines, L2T CSV, Zeek, XLSX, XLS or plaso)");
        }
    }

    private static Format detectText(Path file, String sourceName) {
        try (TextInput input = TextInput.open(file, sourceName)) {
            String first;
            do {
                first = input.nextLine();
            } while (first != null && first.isBlank());
            if (first == null) {
                throw new InputFormatException(sourceName + ": the file is empty (only blank lines)");
            }
            String trimmed = first.strip();
            if (first.startsWith("#separator")) {
                return Format.ZEEK;
            }
            if (trimmed.startsWith("[")) {
                // An array of records opens with "[", "[{" or "[]"; "[time],message" is a CSV header.
                String inside = trimmed.substring(1).strip();
                if (inside.isEmpty() || inside.startsWith("{") || inside.startsWith("]")) {
                    return Format.JSON;
                }
            }
            if (trimmed.startsWith("{")) {
                if (JsonValues.parseRecord(trimmed, sourceName, 1, 1) instanceof SourceRecord) {
                    return Format.JSONL;
                }
                String lower = sourceName.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
                return lower.endsWith(".jsonl") || lower.endsWith(".ndjson") ? Format.JSONL : Format.JSON;
            }
            if (L2tCsvEventReader.isL2tHeader(Arrays.stream(trimmed.split(",", -1)).map(String::strip).toList())) {
                return Format.L2TCSV;
            }
            return Format.CSV;
        } catch (IOException e) {
            throw new InputFormatException(sourceName + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
