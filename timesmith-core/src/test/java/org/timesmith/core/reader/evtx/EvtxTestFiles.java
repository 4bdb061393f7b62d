package org.timesmith.core.reader.evtx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** Byte surgery on EVTX files for the broken-input tests: where chunks and records are, and fixing checksums. */
public final class EvtxTestFiles {

    private EvtxTestFiles() {
    }

    /** File offset of a chunk. */
    public static int chunkOffset(int chunk) {
        return EvtxFile.HEADER_SIZE + chunk * EvtxChunk.SIZE;
    }

    /** File offset of the {@code index}-th record (0-based) of a chunk. */
    public static int recordOffset(byte[] file, int chunk, int index) {
        int at = chunkOffset(chunk) + EvtxChunk.HEADER_SIZE;
        for (int i = 0; i < index; i++) {
            at += le(file).getInt(at + 4);
        }
        return at;
    }

    /** How many records a chunk's header says it holds. */
    public static int recordCount(byte[] file, int chunk) {
        ByteBuffer data = le(file);
        return (int) (data.getLong(chunkOffset(chunk) + 16) - data.getLong(chunkOffset(chunk) + 8) + 1);
    }

    /** Recomputes a chunk's two checksums, so damage inside it reaches the record decoder. */
    public static void fixChecksums(byte[] file, int chunk) {
        int base = chunkOffset(chunk);
        ByteBuffer data = le(file);
        CRC32 records = new CRC32();
        records.update(file, base + EvtxChunk.HEADER_SIZE, data.getInt(base + 48) - EvtxChunk.HEADER_SIZE);
        data.putInt(base + 52, (int) records.getValue());
        CRC32 header = new CRC32();
        header.update(file, base, 120);
        header.update(file, base + 128, EvtxChunk.HEADER_SIZE - 128);
        data.putInt(base + 124, (int) header.getValue());
    }

    public static ByteBuffer le(byte[] file) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    }
}
