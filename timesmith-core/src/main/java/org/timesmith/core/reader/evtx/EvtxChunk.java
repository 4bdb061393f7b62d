package org.timesmith.core.reader.evtx;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.timesmith.core.reader.WindowsEventXml.Element;

/**
 * One 64 KiB chunk of an EVTX file ({@code ElfChnk}): its header is checked (signature, header
 * CRC32, free-space offset, CRC32 of the records data) before any record is trusted, then the event
 * records ({@code 0x2a2a} signature, size, record id, written time, Binary XML) are decoded one at a
 * time. A record that breaks the format becomes a {@link ChunkItem.Damaged} and reading resumes at the
 * next record signature, so one bad record does not take the chunk with it.
 */
public final class EvtxChunk {

    public static final int SIZE = 0x10000;
    static final byte[] SIGNATURE = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};
    static final int HEADER_SIZE = 512;
    static final int RECORD_SIGNATURE = 0x00002A2A;
    /** Signature, size, id and written time before the Binary XML, and the size copy after it. */
    static final int RECORD_OVERHEAD = 28;

    private final byte[] data;
    private final int index;
    private final BinXmlParser parser;
    private final int limit;
    private int pos = HEADER_SIZE;

    private EvtxChunk(byte[] data, int index, int limit) {
        this.data = data;
        this.index = index;
        this.limit = limit;
        this.parser = new BinXmlParser(data);
    }

    /** Whether the chunk was never used: its signature is all zero bytes (space the log preallocated). */
    public static boolean unused(byte[] data, int length) {
        for (int i = 0; i < Math.min(length, SIGNATURE.length); i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the chunk starts with the {@code ElfChnk} signature. */
    public static boolean hasSignature(byte[] data, int length) {
        return length >= SIGNATURE.length && Arrays.equals(data, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /**
     * Checks the chunk in {@code data} (of which {@code length} bytes were read) and opens its records.
     *
     * @throws EvtxFormatException naming the problem when the chunk cannot be trusted: truncated, bad
     *                             signature, header or records checksum mismatch, free-space offset outside
     *                             the chunk
     */
    public static EvtxChunk open(byte[] data, int length, int index) {
        if (length < SIZE) {
            throw new EvtxFormatException("chunk " + index + " is truncated: " + length + " of " + SIZE + " bytes"
                    + claimedRecords(data, length));
        }
        if (!hasSignature(data, length)) {
            throw new EvtxFormatException("chunk " + index + " has no ElfChnk signature");
        }
        CRC32 header = new CRC32();
        header.update(data, 0, 120);
        header.update(data, 128, HEADER_SIZE - 128);
        long storedHeader = EvtxBytes.u32(data, 124);
        if (header.getValue() != storedHeader) {
            throw new EvtxFormatException("chunk " + index + " header checksum mismatch (stored 0x"
                    + Long.toHexString(storedHeader) + ", computed 0x" + Long.toHexString(header.getValue()) + ")"
                    + claimedRecords(data, length));
        }
        long freeSpace = EvtxBytes.u32(data, 48);
        if (freeSpace < HEADER_SIZE || freeSpace > SIZE) {
            throw new EvtxFormatException("chunk " + index + " free-space offset 0x" + Long.toHexString(freeSpace)
                    + " lies outside the chunk" + claimedRecords(data, length));
        }
        CRC32 records = new CRC32();
        records.update(data, HEADER_SIZE, (int) freeSpace - HEADER_SIZE);
        long storedRecords = EvtxBytes.u32(data, 52);
        if (records.getValue() != storedRecords) {
            throw new EvtxFormatException("chunk " + index + " records checksum mismatch (stored 0x"
                    + Long.toHexString(storedRecords) + ", computed 0x" + Long.toHexString(records.getValue()) + ")"
                    + claimedRecords(data, length));
        }
        return new EvtxChunk(data, index, (int) freeSpace);
    }

    /** "; its records 12–40 are skipped", from the header's first and last record ids when readable. */
    private static String claimedRecords(byte[] data, int length) {
        if (length < 40) {
            return "; its records are skipped";
        }
        long first = EvtxBytes.i64(data, 24);
        long last = EvtxBytes.i64(data, 32);
        return first > 0 && last >= first && last - first < SIZE
                ? "; its " + (last - first + 1) + " records (ids " + first + "–" + last + " by its header) are skipped"
                : "; its records are skipped";
    }

    /** The next record of the chunk, empty after the last. */
    public Optional<ChunkItem> next() {
        if (pos + RECORD_OVERHEAD > limit) {
            return Optional.empty();
        }
        int start = pos;
        if (EvtxBytes.i32(data, start) != RECORD_SIGNATURE) {
            pos = resync(start + 1);
            return Optional.of(new ChunkItem.Damaged(-1, where(start) + "no event record signature; "
                    + (pos - start) + " bytes up to the next record are skipped"));
        }
        long size = EvtxBytes.u32(data, start + 4);
        if (size < RECORD_OVERHEAD || start + size > limit || EvtxBytes.u32(data, start + (int) size - 4) != size) {
            pos = resync(start + 4);
            return Optional.of(new ChunkItem.Damaged(-1, where(start) + "record size " + size
                    + " does not fit the chunk or its trailing copy; " + (pos - start) + " bytes are skipped"));
        }
        long recordId = EvtxBytes.i64(data, start + 8);
        long written = BinXmlValues.filetimeMicros(EvtxBytes.i64(data, start + 16));
        pos = start + (int) size;
        try {
            List<Element> elements = parser.record(start + 24, start + (int) size - 4);
            if (elements.isEmpty()) {
                return Optional.of(new ChunkItem.Damaged(recordId, where(start) + "record " + recordId
                        + " holds no element"));
            }
            return Optional.of(new ChunkItem.Event(recordId, written, elements.getFirst()));
        } catch (EvtxFormatException | IndexOutOfBoundsException e) {
            return Optional.of(new ChunkItem.Damaged(recordId, where(start) + "record " + recordId + ": "
                    + e.getMessage()));
        }
    }

    private String where(int offset) {
        return "chunk " + index + " offset 0x" + Integer.toHexString(offset) + ": ";
    }

    /** The next offset at or after {@code from} where a record signature with a plausible size starts. */
    private int resync(int from) {
        for (int at = from; at + RECORD_OVERHEAD <= limit; at++) {
            if (EvtxBytes.i32(data, at) == RECORD_SIGNATURE) {
                long size = EvtxBytes.u32(data, at + 4);
                if (size >= RECORD_OVERHEAD && at + size <= limit && EvtxBytes.u32(data, at + (int) size - 4) == size) {
                    return at;
                }
            }
        }
        return limit;
    }
}
