package org.timesmith.core.reader.evtx;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.timesmith.core.reader.WindowsEventXml.Element;

/**
 * Writes valid EVTX files from element trees, for tests and benchmarks: a file header, 64 KiB chunks
 * with correct CRC32 checksums, and one event record per element, its Binary XML a template instance
 * whose template holds the element structure and whose substitution values carry every leaf and
 * attribute value, typed. Names are written inline on first use in a chunk and referred to by offset
 * after, templates likewise, as Windows does. A value may be a {@link Typed} to choose its value type
 * (FILETIME, GUID, SID, hex, binary, arrays, nested Binary XML …); otherwise strings are strings,
 * {@code Long}/{@code Integer} unsigned 64/32-bit integers, {@code Boolean} booleans, {@code Double}
 * reals and null a null value. An attribute named {@code xmlns} is written as literal template text.
 */
public final class EvtxWriter implements Closeable {

    /** A value with its EVTX value type ({@code 0x11} FILETIME, {@code 0x81} string array …). */
    public record Typed(int type, Object value) {
    }

    private final FileChannel channel;
    private final byte[] chunk = new byte[EvtxChunk.SIZE];
    private final Map<String, Integer> names = new HashMap<>();
    private final Map<String, Integer> templates = new HashMap<>();
    private int pos = EvtxChunk.HEADER_SIZE;
    private int chunks;
    private long nextRecordId = 1;
    private long chunkFirstRecordId = 1;
    private int lastRecordOffset;

    public EvtxWriter(Path file) {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            channel.write(ByteBuffer.wrap(new byte[EvtxFile.HEADER_SIZE]), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a whole file of these events. */
    public static void write(Path file, List<Element> events, Instant written) {
        try (EvtxWriter writer = new EvtxWriter(file)) {
            for (Element event : events) {
                writer.write(event, written);
            }
        }
    }

    /** Appends one record; it starts a new chunk when the current one is full. */
    public void write(Element event, Instant written) {
        Map<String, Integer> namesBefore = new HashMap<>(names);
        Map<String, Integer> templatesBefore = new HashMap<>(templates);
        try {
            pos = record(pos, event, written);
        } catch (ChunkFull full) {
            names.clear();
            names.putAll(namesBefore);
            templates.clear();
            templates.putAll(templatesBefore);
            if (chunkFirstRecordId == nextRecordId) {
                throw new IllegalArgumentException("one event does not fit an empty chunk");
            }
            flushChunk();
            pos = record(pos, event, written);
        }
    }

    private int record(int start, Element event, Instant written) {
        int at = start;
        at = putInt(at, EvtxChunk.RECORD_SIGNATURE);
        int sizeAt = at;
        at = putInt(at, 0);
        at = putLong(at, nextRecordId);
        at = putLong(at, filetime(written));
        at = fragment(at, event, 0);
        at = put(at, 0x00);
        int size = at + 4 - start;
        putInt(at, size);
        putInt(sizeAt, size);
        lastRecordOffset = start;
        nextRecordId++;
        return at + 4;
    }

    /** A fragment header and a template instance of the element. */
    private int fragment(int start, Element element, int depth) {
        int at = put(start, 0x0F, 0x01, 0x01, 0x00);
        List<Object> values = new ArrayList<>();
        String key = shape(element, new StringBuilder()).toString();
        at = put(at, 0x0C, 0x01);
        Integer known = templates.get(key);
        at = putInt(at, key.hashCode());
        if (known != null) {
            at = putInt(at, known);
            collectValues(element, values);
        } else {
            int definition = at + 4;
            templates.put(key, definition);
            at = putInt(at, definition);
            at = putInt(at, 0);
            at = putBytes(at, guidBytes(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))));
            int sizeAt = at;
            at = putInt(at, 0);
            int dataStart = at;
            at = put(at, 0x0F, 0x01, 0x01, 0x00);
            at = templateElement(at, element, values);
            at = put(at, 0x00);
            putInt(sizeAt, at - dataStart);
        }
        at = putInt(at, values.size());
        int descriptors = at;
        at += 4 * values.size();
        check(at);
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            int type = type(value);
            int valueStart = at;
            at = value(at, type, value instanceof Typed typed ? typed.value() : value, depth);
            putShort(descriptors + 4 * i, at - valueStart);
            put(descriptors + 4 * i + 2, type, 0);
        }
        return at;
    }

    /** The template's structure: names, attribute names and where values go. */
    private static StringBuilder shape(Element element, StringBuilder key) {
        key.append('<').append(element.name());
        element.attributes().forEach((name, value) -> key.append(' ').append(name)
                .append(name.equals("xmlns") ? "=" + value : ""));
        key.append('>');
        List<Element> children = element.children();
        if (children.isEmpty()) {
            key.append('%');
        }
        for (Element child : children) {
            shape(child, key);
        }
        return key.append("</>");
    }

    private static void collectValues(Element element, List<Object> values) {
        element.attributes().forEach((name, value) -> {
            if (!name.equals("xmlns")) {
                values.add(value);
            }
        });
        List<Element> children = element.children();
        if (children.isEmpty()) {
            values.add(element.value());
        }
        for (Element child : children) {
            collectValues(child, values);
        }
    }

    private int templateElement(int start, Element element, List<Object> values) {
        Map<String, Object> attributes = new LinkedHashMap<>(element.attributes());
        int at = put(start, attributes.isEmpty() ? 0x01 : 0x41);
        at = putShort(at, 0xFFFF);
        int sizeAt = at;
        at = putInt(at, 0);
        at = name(at, element.name());
        int attributeListAt = at;
        if (!attributes.isEmpty()) {
            at = putInt(at, 0);
        }
        int attributesStart = at;
        int remaining = attributes.size();
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            at = put(at, --remaining > 0 ? 0x46 : 0x06);
            at = name(at, attribute.getKey());
            if (attribute.getKey().equals("xmlns")) {
                at = text(at, String.valueOf(attribute.getValue()));
            } else {
                at = substitution(at, values.size(), attribute.getValue());
                values.add(attribute.getValue());
            }
        }
        if (!attributes.isEmpty()) {
            putInt(attributeListAt, at - attributesStart);
        }
        at = put(at, 0x02);
        List<Element> children = element.children();
        if (children.isEmpty()) {
            at = substitution(at, values.size(), element.value());
            values.add(element.value());
        }
        for (Element child : children) {
            at = templateElement(at, child, values);
        }
        at = put(at, 0x04);
        putInt(sizeAt, at - sizeAt - 4);
        return at;
    }

    private int substitution(int at, int index, Object value) {
        int next = put(at, 0x0E);
        next = putShort(next, index);
        return put(next, type(value));
    }

    private int text(int start, String text) {
        int at = put(start, 0x05, 0x01);
        at = putShort(at, text.length());
        return putBytes(at, text.getBytes(StandardCharsets.UTF_16LE));
    }

    /** A name reference: inline (pointing right behind itself) on first use in the chunk. */
    private int name(int start, String name) {
        Integer known = names.get(name);
        if (known != null) {
            return putInt(start, known);
        }
        int offset = start + 4;
        names.put(name, offset);
        int at = putInt(start, offset);
        at = putInt(at, 0);
        at = putShort(at, hash(name));
        at = putShort(at, name.length());
        at = putBytes(at, name.getBytes(StandardCharsets.UTF_16LE));
        return putShort(at, 0);
    }

    private static int hash(String name) {
        int hash = 0;
        for (int i = 0; i < name.length(); i++) {
            hash = hash * 65599 + name.charAt(i);
        }
        return hash & 0xFFFF;
    }

    private static int type(Object value) {
        return switch (value) {
            case null -> BinXmlValues.NULL;
            case Typed typed -> typed.type();
            case String s -> BinXmlValues.STRING;
            case Integer i -> 0x08;
            case Long l -> 0x0A;
            case Boolean b -> 0x0D;
            case Double d -> 0x0C;
            default -> throw new IllegalArgumentException("no EVTX type for " + value.getClass());
        };
    }

    private int value(int start, int type, Object value, int depth) {
        if ((type & BinXmlValues.ARRAY) != 0) {
            int at = start;
            for (Object item : (List<?>) value) {
                at = value(at, type & ~BinXmlValues.ARRAY, item, depth);
                if (type == (BinXmlValues.ARRAY | BinXmlValues.STRING)) {
                    at = putShort(at, 0);
                }
            }
            return at;
        }
        return switch (type) {
            case BinXmlValues.NULL -> start;
            case BinXmlValues.STRING -> putBytes(start, ((String) value).getBytes(StandardCharsets.UTF_16LE));
            case BinXmlValues.ANSI_STRING -> putBytes(start, ((String) value).getBytes(StandardCharsets.ISO_8859_1));
            case 0x03, 0x04 -> put(start, ((Number) value).intValue() & 0xFF);
            case 0x05, 0x06 -> putShort(start, ((Number) value).intValue());
            case 0x07, 0x08 -> putInt(start, ((Number) value).intValue());
            case 0x09, 0x0A, 0x10 -> putLong(start, ((Number) value).longValue());
            case 0x0B -> putInt(start, Float.floatToIntBits(((Number) value).floatValue()));
            case 0x0C -> putLong(start, Double.doubleToLongBits(((Number) value).doubleValue()));
            case 0x0D -> putInt(start, (Boolean) value ? 1 : 0);
            case 0x0E -> putBytes(start, HexFormat.of().parseHex((String) value));
            case 0x0F -> putBytes(start, guidBytes(UUID.fromString((String) value)));
            case 0x11 -> putLong(start, filetime(Instant.parse((String) value)));
            case 0x12 -> systemtime(start, Instant.parse((String) value));
            case 0x13 -> putBytes(start, sid((String) value));
            case 0x14 -> putInt(start, (int) Long.parseLong(((String) value).substring(2), 16));
            case 0x15 -> putLong(start, Long.parseUnsignedLong(((String) value).substring(2), 16));
            case BinXmlValues.BINXML -> fragment(start, (Element) value, depth + 1);
            default -> throw new IllegalArgumentException("cannot write value type 0x" + Integer.toHexString(type));
        };
    }

    private int systemtime(int start, Instant time) {
        var utc = time.atOffset(ZoneOffset.UTC);
        int at = putShort(start, utc.getYear());
        at = putShort(at, utc.getMonthValue());
        at = putShort(at, utc.getDayOfWeek().getValue() % 7);
        at = putShort(at, utc.getDayOfMonth());
        at = putShort(at, utc.getHour());
        at = putShort(at, utc.getMinute());
        at = putShort(at, utc.getSecond());
        return putShort(at, utc.getNano() / 1_000_000);
    }

    static byte[] sid(String text) {
        String[] parts = text.split("-");
        int count = parts.length - 3;
        ByteBuffer sid = ByteBuffer.allocate(8 + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
        sid.put((byte) Integer.parseInt(parts[1])).put((byte) count);
        long authority = Long.parseLong(parts[2]);
        for (int shift = 40; shift >= 0; shift -= 8) {
            sid.put((byte) (authority >>> shift));
        }
        for (int i = 3; i < parts.length; i++) {
            sid.putInt((int) Long.parseLong(parts[i]));
        }
        return sid.array();
    }

    static byte[] guidBytes(UUID uuid) {
        ByteBuffer guid = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        long high = uuid.getMostSignificantBits();
        guid.putInt((int) (high >>> 32)).putShort((short) (high >>> 16)).putShort((short) high);
        guid.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits());
        return guid.array();
    }

    static long filetime(Instant time) {
        return (ChronoUnit.MICROS.between(Instant.EPOCH, time) + 11_644_473_600_000_000L) * 10
                + time.getNano() / 100 % 10;
    }

    /** Thrown when a record does not fit the rest of the chunk; the record is then written again in a new one. */
    private static final class ChunkFull extends RuntimeException {
        ChunkFull() {
            super(null, null, false, false);
        }
    }

    private void check(int end) {
        if (end > EvtxChunk.SIZE) {
            throw new ChunkFull();
        }
    }

    private int put(int at, int... bytes) {
        check(at + bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            chunk[at + i] = (byte) bytes[i];
        }
        return at + bytes.length;
    }

    private int putShort(int at, int value) {
        return put(at, value & 0xFF, value >>> 8 & 0xFF);
    }

    private int putInt(int at, int value) {
        check(at + 4);
        ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return at + 4;
    }

    private int putLong(int at, long value) {
        check(at + 8);
        ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
        return at + 8;
    }

    private int putBytes(int at, byte[] bytes) {
        check(at + bytes.length);
        System.arraycopy(bytes, 0, chunk, at, bytes.length);
        return at + bytes.length;
    }

    /** Completes the chunk's header (record ids, offsets, both checksums) and writes it out. */
    private void flushChunk() {
        ByteBuffer header = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        header.put(0, EvtxChunk.SIGNATURE);
        header.putLong(8, chunkFirstRecordId).putLong(16, nextRecordId - 1);
        header.putLong(24, chunkFirstRecordId).putLong(32, nextRecordId - 1);
        header.putInt(40, 128).putInt(44, lastRecordOffset).putInt(48, pos);
        CRC32 records = new CRC32();
        records.update(chunk, EvtxChunk.HEADER_SIZE, pos - EvtxChunk.HEADER_SIZE);
        header.putInt(52, (int) records.getValue());
        CRC32 crc = new CRC32();
        crc.update(chunk, 0, 120);
        crc.update(chunk, 128, EvtxChunk.HEADER_SIZE - 128);
        header.putInt(124, (int) crc.getValue());
        try {
            channel.write(ByteBuffer.wrap(chunk), EvtxFile.HEADER_SIZE + (long) chunks * EvtxChunk.SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunks++;
        Arrays.fill(chunk, (byte) 0);
        names.clear();
        templates.clear();
        pos = EvtxChunk.HEADER_SIZE;
        chunkFirstRecordId = nextRecordId;
    }

    @Override
    public void close() {
        try {
            if (pos > EvtxChunk.HEADER_SIZE) {
                flushChunk();
            }
            ByteBuffer header = ByteBuffer.allocate(EvtxFile.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            header.put(0, EvtxFile.SIGNATURE);
            header.putLong(8, 0).putLong(16, Math.max(0, chunks - 1)).putLong(24, nextRecordId);
            header.putInt(32, 128).putShort(36, (short) 1).putShort(38, (short) 3)
                    .putShort(40, (short) EvtxFile.HEADER_SIZE).putShort(42, (short) chunks);
            CRC32 crc = new CRC32();
            crc.update(header.array(), 0, 120);
            header.putInt(124, (int) crc.getValue());
            channel.write(header, 0);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
