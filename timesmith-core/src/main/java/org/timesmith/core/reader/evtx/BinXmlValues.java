package org.timesmith.core.reader.evtx;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Decodes the typed substitution values of a template instance into Java values rendered as evtx
 * dumpers render them, so a field has the same value whether it came from an {@code .evtx} file or
 * from the JSON such a tool wrote: integers as {@code Long} (an unsigned 64-bit value past
 * {@code Long.MAX_VALUE} as {@code BigInteger}), reals as {@code Double}, booleans, GUIDs in upper
 * case without braces, FILETIME and SYSTEMTIME as ISO-8601 UTC with microseconds, SIDs as
 * {@code S-1-5-…}, hexadecimal integers as {@code 0x…}, binary data as upper-case hex, arrays as lists.
 */
final class BinXmlValues {

    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int ANSI_STRING = 0x02;
    static final int BINXML = 0x21;
    static final int ARRAY = 0x80;

    private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final long FILETIME_EPOCH_OFFSET_MICROS = 11_644_473_600_000_000L;
    private static final Charset ANSI = Charset.forName("windows-1252");

    private BinXmlValues() {
    }

    /** The decoded value; {@link #BINXML} values are decoded by the parser, not here. */
    static Object decode(int type, byte[] data, int offset, int size) {
        EvtxBytes.require(offset, size, data.length, "value of type 0x" + Integer.toHexString(type));
        if ((type & ARRAY) != 0) {
            return array(type & ~ARRAY, data, offset, size);
        }
        return switch (type) {
            case NULL -> null;
            case STRING -> trimNul(new String(data, offset, size - size % 2, java.nio.charset.StandardCharsets.UTF_16LE));
            case ANSI_STRING -> trimNul(new String(data, offset, size, ANSI));
            case 0x0E -> HexFormat.of().withUpperCase().formatHex(data, offset, offset + size);
            case 0x13 -> sid(data, offset, size);
            case 0x10 -> size == 4 ? hex(EvtxBytes.u32(data, offset)) : fixed(0x15, data, offset, size);
            default -> fixed(type, data, offset, size);
        };
    }

    /** A fixed-size value; its size must match the type's. */
    private static Object fixed(int type, byte[] data, int offset, int size) {
        int expected = fixedSize(type);
        if (expected < 0) {
            throw new EvtxFormatException("unknown value type 0x" + Integer.toHexString(type));
        }
        if (size != expected) {
            throw new EvtxFormatException("value of type 0x" + Integer.toHexString(type) + " has " + size
                    + " bytes, expected " + expected);
        }
        return switch (type) {
            case 0x03 -> (long) data[offset];
            case 0x04 -> (long) EvtxBytes.u8(data, offset);
            case 0x05 -> (long) (short) EvtxBytes.u16(data, offset);
            case 0x06 -> (long) EvtxBytes.u16(data, offset);
            case 0x07 -> (long) EvtxBytes.i32(data, offset);
            case 0x08 -> EvtxBytes.u32(data, offset);
            case 0x09 -> EvtxBytes.i64(data, offset);
            case 0x0A -> unsigned(EvtxBytes.i64(data, offset));
            case 0x0B -> Double.parseDouble(Float.toString(Float.intBitsToFloat(EvtxBytes.i32(data, offset))));
            case 0x0C -> Double.longBitsToDouble(EvtxBytes.i64(data, offset));
            case 0x0D -> EvtxBytes.i32(data, offset) != 0;
            case 0x0F -> guid(data, offset);
            case 0x11 -> filetime(EvtxBytes.i64(data, offset));
            case 0x12 -> systemtime(data, offset);
            case 0x14 -> hex(EvtxBytes.u32(data, offset));
            case 0x15, 0x20 -> hex(EvtxBytes.i64(data, offset));
            default -> throw new EvtxFormatException("unknown value type 0x" + Integer.toHexString(type));
        };
    }

    /** Bytes of a fixed-size type, -1 for a variable or unknown one. */
    static int fixedSize(int type) {
        return switch (type) {
            case 0x03, 0x04 -> 1;
            case 0x05, 0x06 -> 2;
            case 0x07, 0x08, 0x0B, 0x0D, 0x14 -> 4;
            case 0x09, 0x0A, 0x0C, 0x11, 0x15, 0x20 -> 8;
            case 0x0F, 0x12 -> 16;
            default -> -1;
        };
    }

    private static List<Object> array(int type, byte[] data, int offset, int size) {
        List<Object> items = new ArrayList<>();
        if (type == STRING) {
            String all = new String(data, offset, size - size % 2, java.nio.charset.StandardCharsets.UTF_16LE);
            int start = 0;
            for (int nul; (nul = all.indexOf('\0', start)) >= 0; start = nul + 1) {
                items.add(all.substring(start, nul));
            }
            if (start < all.length()) {
                items.add(all.substring(start));
            }
            return items;
        }
        if (type == 0x13) {
            for (int at = offset; at < offset + size; ) {
                int length = 8 + 4 * EvtxBytes.u8(data, at + 1);
                items.add(sid(data, at, Math.min(length, offset + size - at)));
                at += length;
            }
            return items;
        }
        int width = type == 0x10 ? 8 : fixedSize(type);
        if (width <= 0 || size % width != 0) {
            throw new EvtxFormatException("array of type 0x" + Integer.toHexString(type) + " has " + size
                    + " bytes, not a multiple of its items");
        }
        for (int at = offset; at < offset + size; at += width) {
            items.add(type == 0x10 ? hex(EvtxBytes.i64(data, at)) : fixed(type, data, at, width));
        }
        return items;
    }

    private static String trimNul(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\0') {
            end--;
        }
        return text.substring(0, end);
    }

    private static Object unsigned(long value) {
        return value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value));
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static String guid(byte[] data, int offset) {
        HexFormat hex = HexFormat.of().withUpperCase();
        return hex.toHexDigits(EvtxBytes.i32(data, offset)) + '-' + hex.toHexDigits((short) EvtxBytes.u16(data, offset + 4))
                + '-' + hex.toHexDigits((short) EvtxBytes.u16(data, offset + 6)) + '-'
                + hex.formatHex(data, offset + 8, offset + 10) + '-' + hex.formatHex(data, offset + 10, offset + 16);
    }

    /** {@code S-1-5-21-…}: revision, 48-bit big-endian authority, then 32-bit little-endian sub-authorities. */
    private static String sid(byte[] data, int offset, int size) {
        if (size < 8) {
            throw new EvtxFormatException("SID of " + size + " bytes is shorter than its 8-byte header");
        }
        int count = EvtxBytes.u8(data, offset + 1);
        if (size < 8 + 4 * count) {
            throw new EvtxFormatException("SID of " + size + " bytes cannot hold its " + count + " sub-authorities");
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = authority << 8 | EvtxBytes.u8(data, offset + i);
        }
        StringBuilder sid = new StringBuilder("S-").append(EvtxBytes.u8(data, offset)).append('-').append(authority);
        for (int i = 0; i < count; i++) {
            sid.append('-').append(EvtxBytes.u32(data, offset + 8 + 4 * i));
        }
        return sid.toString();
    }

    /** Microseconds since the epoch of a FILETIME (100 ns intervals since 1601). */
    static long filetimeMicros(long filetime) {
        return Long.divideUnsigned(filetime, 10) - FILETIME_EPOCH_OFFSET_MICROS;
    }

    static String filetime(long filetime) {
        return iso(filetimeMicros(filetime));
    }

    static String iso(long micros) {
        return ISO_MICROS.format(Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS));
    }

    private static String systemtime(byte[] data, int offset) {
        int year = EvtxBytes.u16(data, offset);
        int month = EvtxBytes.u16(data, offset + 2);
        int day = EvtxBytes.u16(data, offset + 6);
        int hour = EvtxBytes.u16(data, offset + 8);
        int minute = EvtxBytes.u16(data, offset + 10);
        int second = EvtxBytes.u16(data, offset + 12);
        int millis = EvtxBytes.u16(data, offset + 14);
        try {
            LocalDateTime time = LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000);
            return ISO_MICROS.format(time.toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            throw new EvtxFormatException("SYSTEMTIME " + year + "-" + month + "-" + day + " " + hour + ":" + minute
                    + ":" + second + "." + millis + " is not a valid time");
        }
    }
}
