package org.timesmith.core.reader.evtx;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.timesmith.core.reader.InputFormatException;

/**
 * An EVTX file opened for reading chunk by chunk: the 4 KiB file header ({@code ElfFile}) is checked,
 * then each 64 KiB chunk is read into one reused buffer, so memory stays at one chunk whatever the file
 * size. The chunk count comes from the file size, not the header, because a log that was not closed
 * cleanly ("dirty") has chunks its header does not count yet.
 */
public final class EvtxFile implements Closeable {

    public static final byte[] SIGNATURE = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_SIZE = 4096;

    private final FileChannel channel;
    private final String sourceName;
    private final long size;
    private final byte[] buffer = new byte[EvtxChunk.SIZE];
    private long position = HEADER_SIZE;
    private int chunkIndex;

    private EvtxFile(FileChannel channel, String sourceName, long size) {
        this.channel = channel;
        this.sourceName = sourceName;
        this.size = size;
    }

    /**
     * @throws InputFormatException when the file is not an EVTX file or its header is cut short
     * @throws IOException          when it cannot be read
     */
    public static EvtxFile open(Path file, String sourceName) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            byte[] header = new byte[HEADER_SIZE];
            int read = readFully(channel, 0, header);
            if (read < SIGNATURE.length || !Arrays.equals(header, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw new InputFormatException(sourceName + ": not a Windows event log (.evtx): it does not start "
                        + "with the ElfFile signature");
            }
            if (read < HEADER_SIZE) {
                throw new InputFormatException(sourceName + ": the Windows event log is truncated: " + read
                        + " bytes, shorter than its " + HEADER_SIZE + "-byte file header");
            }
            int major = EvtxBytes.u16(header, 38);
            if (major != 3) {
                throw new InputFormatException(sourceName + ": EVTX format version " + major + "."
                        + EvtxBytes.u16(header, 36) + " is not supported (only 3.x)");
            }
            return new EvtxFile(channel, sourceName, size);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The 0-based index of the chunk {@link #nextChunk} read last, for messages. */
    public int chunkIndex() {
        return chunkIndex - 1;
    }

    /** Bytes of the file consumed so far. */
    public long position() {
        return Math.min(position, size);
    }

    public String sourceName() {
        return sourceName;
    }

    /**
     * Reads the next chunk into the shared buffer and returns how many bytes it has (less than a chunk
     * when the file is truncated), or -1 at the end of the file. Unused chunks (an all-zero signature)
     * are passed over.
     */
    public int nextChunk() throws IOException {
        while (position < size) {
            Arrays.fill(buffer, (byte) 0);
            int read = readFully(channel, position, buffer);
            position += EvtxChunk.SIZE;
            chunkIndex++;
            if (read > 0 && !EvtxChunk.unused(buffer, read)) {
                return read;
            }
        }
        return -1;
    }

    /** The buffer {@link #nextChunk} filled; valid until the next call. */
    public byte[] chunkBytes() {
        return buffer;
    }

    private static int readFully(FileChannel channel, long at, byte[] target) throws IOException {
        ByteBuffer view = ByteBuffer.wrap(target);
        while (view.hasRemaining()) {
            int n = channel.read(view, at + view.position());
            if (n < 0) {
                break;
            }
        }
        return view.position();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
