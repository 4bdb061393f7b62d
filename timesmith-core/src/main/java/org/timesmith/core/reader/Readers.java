package org.timesmith.core.reader;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens the right {@link EventReader} for a file, detecting the format from its content. The formats
 * are the {@link ReaderProvider}s on the class path ({@link ServiceLoader}), so no switch here names
 * them. Detection: gzip (look inside; only text formats may be compressed) → the binary formats of the
 * container the file starts with (SQLite, ZIP, OLE2), in their detection order; a container none of
 * them recognises is refused → binary garbage (rejected) → the text formats in their detection order
 * with the first non-blank line (built in: Zeek, JSON Lines, JSON, L2T CSV, then CSV for any other
 * text). The file extension only breaks ties a provider cannot settle by content (a first line
 * starting with an opening brace that is not a valid object: JSON Lines for {@code .jsonl} and
 * {@code .ndjson}, else JSON).
 */
public final class Readers {

    private static final int HEAD_BYTES = 8 * 1024;
    private static final int BINARY_CHECK_BYTES = 1024;

    /** In the order of the service files (the order of {@link #formatNames()} and messages). */
    private static final List<ReaderProvider> PROVIDERS = ServiceLoader.load(ReaderProvider.class,
            Readers.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    private static final List<ReaderProvider> DETECTION_ORDER = PROVIDERS.stream()
            .sorted(Comparator.comparingInt((ReaderProvider p) -> p.info().detectionOrder())).toList();

    private Readers() {
    }

    /** The formats that can be read, in the order the providers are listed. */
    public static List<Format> formats() {
        return PROVIDERS.stream().map(p -> p.info().format()).toList();
    }

    /** The lower-case names {@link Format#parse} accepts for {@code --format}: {@code auto} and each format's. */
    public static List<String> formatNames() {
        return Stream.concat(Stream.of(Format.AUTO), formats().stream())
                .map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The provider whose name or alias this is (any case; dashes and underscores ignored). */
    public static Optional<ReaderProvider> provider(String name) {
        String normal = Format.normal(name);
        return PROVIDERS.stream().filter(p -> p.info().format().name().equals(normal)
                || p.info().aliases().stream().map(Format::normal).anyMatch(normal::equals)).findFirst();
    }

    /** The format an upload's file extension (no dot, any case) names, if a provider claims it. */
    public static Optional<Format> formatOfExtension(String extension) {
        String lower = extension.toLowerCase(Locale.ROOT);
        return PROVIDERS.stream().filter(p -> p.info().extensions().contains(lower)).map(p -> p.info().format()).findFirst();
    }

    /** The format of the file judged by its content (magic bytes, header), then its name. */
    public static Format detect(Path file) {
        Path name = file.getFileName();
        return detect(file, name == null ? file.toString() : name.toString());
    }

    public static EventReader open(Path file, ReaderOptions options) {
        Format format = options.format().equals(Format.AUTO) ? detect(file, options.sourceName()) : options.format();
        ReaderProvider provider = PROVIDERS.stream().filter(p -> p.info().format().equals(format)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no reader for format " + format + " (known: "
                        + String.join(", ", formatNames()) + ")"));
        return provider.open(file, options.withFormat(format));
    }

    /** The format of the file judged by its content, then by {@code sourceName}, used in messages too. */
    public static Format detect(Path file, String sourceName) {
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
        FileHead fileHead = new FileHead(file, sourceName, head, gzip);
        Optional<Container> container = Container.of(head);
        if (container.isPresent()) {
            if (gzip) {
                throw new InputFormatException(sourceName + ": a gzip-compressed " + container.get().compressedLabel()
                        + " file is not supported; decompress it first");
            }
            return detectBinary(fileHead, container.get());
        }
        rejectBinary(sourceName, head);
        fileHead.firstLine();
        return DETECTION_ORDER.stream().filter(p -> p.info().containers().isEmpty() && p.recognises(fileHead)).findFirst()
                .map(p -> p.info().format())
                .orElseThrow(() -> new InputFormatException(sourceName + ": not a supported timeline format "
                        + "(expected " + expected() + ")"));
    }

    private static Format detectBinary(FileHead head, Container container) {
        List<ReaderProvider> candidates = DETECTION_ORDER.stream().filter(p -> p.info().containers().contains(container))
                .toList();
        for (ReaderProvider candidate : candidates) {
            if (candidate.recognises(head)) {
                return candidate.info().format();
            }
        }
        List<String> names = candidates.stream().map(p -> p.info().description()).toList();
        String but = switch (names.size()) {
            case 0 -> "no reader reads it";
            case 1 -> "not " + names.get(0);
            case 2 -> "neither " + names.get(0) + " nor " + names.get(1);
            default -> "none of " + String.join(", ", names);
        };
        throw new InputFormatException(head.sourceName() + ": " + container.description() + " but " + but);
    }

    /** "CSV, JSON, …, XLS or plaso": the formats' labels in provider order. */
    private static String expected() {
        List<String> labels = PROVIDERS.stream().map(p -> p.info().label()).toList();
        return labels.size() < 2 ? String.join("", labels)
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.getLast();
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
                    + "expected " + expected() + ")");
        }
    }
}
