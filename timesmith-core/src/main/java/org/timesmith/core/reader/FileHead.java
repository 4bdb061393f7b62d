package org.timesmith.core.reader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * What {@link ReaderProvider}s look at to recognise a file: its first bytes (after gzip
 * decompression), its name, and for text its first non-blank line. The line is read once, on first
 * request, through the same text decoding the readers use (gzip, byte-order marks, UTF-16).
 */
public final class FileHead {

    private final Path file;
    private final String sourceName;
    private final byte[] bytes;
    private final boolean compressed;
    private Optional<String> firstLine = Optional.empty();

    FileHead(Path file, String sourceName, byte[] bytes, boolean compressed) {
        this.file = file;
        this.sourceName = sourceName;
        this.bytes = bytes;
        this.compressed = compressed;
    }

    public Path file() {
        return file;
    }

    /** The name used in messages (usually the file name as uploaded). */
    public String sourceName() {
        return sourceName;
    }

    /** The source name in lower case without a trailing {@code .gz}, for extension tie-breaks. */
    public String plainName() {
        return sourceName.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
    }

    /** Whether the file is gzip-compressed (the head bytes are then the decompressed ones). */
    public boolean compressed() {
        return compressed;
    }

    /** Whether the (decompressed) content starts with these bytes. */
    public boolean startsWith(byte[] magic) {
        return Magic.startsWith(bytes, bytes.length, magic);
    }

    /** Up to the first 8 KiB of the (decompressed) content. */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    /** Whether the file is a ZIP archive holding this entry. */
    public boolean hasZipEntry(String entry) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException e) {
            throw new InputFormatException(sourceName + ": a damaged ZIP archive (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The first line that is not blank, as it stands (not stripped).
     *
     * @throws InputFormatException when there is none, or the text cannot be read
     */
    public String firstLine() {
        if (firstLine.isEmpty()) {
            firstLine = Optional.of(readFirstLine());
        }
        return firstLine.get();
    }

    private String readFirstLine() {
        try (TextInput input = TextInput.open(file, sourceName)) {
            String first;
            do {
                first = input.nextLine();
            } while (first != null && first.isBlank());
            if (first == null) {
                throw new InputFormatException(sourceName + ": the file is empty (only blank lines)");
            }
            return first;
        } catch (IOException e) {
            throw new InputFormatException(sourceName + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
