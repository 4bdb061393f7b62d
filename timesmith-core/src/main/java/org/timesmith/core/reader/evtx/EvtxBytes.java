package org.timesmith.core.reader.evtx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads from a chunk's bytes. Every read is bounds-checked by the array, and the ones that
 * take a size from the data check it against a limit first, so a damaged size fails the record with a
 * message instead of reading a neighbour's bytes.
 */
final class EvtxBytes {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private EvtxBytes() {
    }

    static int u8(byte[] data, int offset) {
        return data[offset] & 0xFF;
    }

    static int u16(byte[] data, int offset) {
        return (short) SHORT.get(data, offset) & 0xFFFF;
    }

    static int i32(byte[] data, int offset) {
        return (int) INT.get(data, offset);
    }

    static long u32(byte[] data, int offset) {
        return i32(data, offset) & 0xFFFF_FFFFL;
    }

    static long i64(byte[] data, int offset) {
        return (long) LONG.get(data, offset);
    }

    /** {@code chars} UTF-16LE code units at {@code offset}, which must end by {@code limit}. */
    static String utf16(byte[] data, int offset, int chars, int limit) {
        require(offset, 2L * chars, limit, "text");
        return new String(data, offset, 2 * chars, StandardCharsets.UTF_16LE);
    }

    /** Fails unless {@code size} bytes at {@code offset} lie before {@code limit}. */
    static void require(int offset, long size, int limit, String what) {
        if (size < 0 || offset < 0 || offset + size > limit) {
            throw new EvtxFormatException(what + " of " + size + " bytes at offset 0x" + Integer.toHexString(offset)
                    + " runs past its end (0x" + Integer.toHexString(limit) + ")");
        }
    }
}
