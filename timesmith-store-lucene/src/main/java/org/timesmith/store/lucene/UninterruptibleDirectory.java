package org.timesmith.store.lucene;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.OutputStreamIndexOutput;

/**
 * An index directory whose writes survive an interrupt of the writing thread.
 *
 * <p>Lucene writes files through NIO channels, and an NIO channel closes itself when the thread
 * using it is interrupted. An interrupt that reached a caller while it flushed a segment (an
 * analyzer's job being stopped, a request being cancelled) therefore failed the flush, and a failed
 * flush is a "tragic" error: the writer closes and refuses every write until the index is reopened.
 * Here files are written through {@link FileOutputStream}, which ignores interrupts, and what needs a
 * channel for longer (a commit's fsyncs, checking and releasing the write lock) runs on a thread of its
 * own that no caller can interrupt; the caller waits for it and keeps its interrupt for whatever it
 * does next. Reading stays memory-mapped.
 */
final class UninterruptibleDirectory extends FilterDirectory {

    /** Bytes handed to the file at once, as Lucene's own outputs do. */
    private static final int CHUNK = 8192;
    private static final ExecutorService CHANNELS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("index-channel-", 0).factory());

    private final Path path;
    private final AtomicLong tempFiles = new AtomicLong();

    UninterruptibleDirectory(FSDirectory in) {
        super(in);
        this.path = in.getDirectory();
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        ensureOpen();
        Path file = path.resolve(name);
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        OutputStream chunked = new FilterOutputStream(new FileOutputStream(file.toFile())) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                for (int done = 0; done < length; done += CHUNK) {
                    out.write(bytes, offset + done, Math.min(CHUNK, length - done));
                }
            }
        };
        return new OutputStreamIndexOutput("FileOutputStream(path=\"" + file + "\")", name, chunked, CHUNK);
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        ensureOpen();
        while (true) {
            String name = IndexFileNames.segmentFileName(prefix,
                    suffix + "_" + Long.toString(tempFiles.getAndIncrement(), Character.MAX_RADIX), "tmp");
            try {
                return createOutput(name, context);
            } catch (FileAlreadyExistsException e) {
                // another run's leftover: take the next name
            }
        }
    }

    /**
     * Mapping a file needs a channel, and a file opened to be read once belongs to the opening thread,
     * so the map is made here with the interrupt flag put aside for the moment (an interrupt that arrives
     * during the few microseconds of the map fails this open only; the writer does not depend on it).
     */
    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return in.openInput(name, context);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void sync(Collection<String> names) throws IOException {
        run(() -> in.sync(names));
    }

    @Override
    public void syncMetaData() throws IOException {
        run(in::syncMetaData);
    }

    /** The write lock, checked and released through its channel away from the caller's thread. */
    @Override
    public Lock obtainLock(String name) throws IOException {
        Lock lock = uninterruptibly(() -> in.obtainLock(name));
        return new Lock() {
            @Override
            public void ensureValid() throws IOException {
                run(lock::ensureValid);
            }

            @Override
            public void close() throws IOException {
                run(lock::close);
            }
        };
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private interface IoRunnable {
        void run() throws IOException;
    }

    private static void run(IoRunnable action) throws IOException {
        uninterruptibly(() -> {
            action.run();
            return null;
        });
    }

    /** Runs {@code action} on a thread of its own and waits for it; an interrupt meanwhile is kept for later. */
    private static <T> T uninterruptibly(IoAction<T> action) throws IOException {
        CompletableFuture<T> done = CompletableFuture.supplyAsync(() -> {
            try {
                return action.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, CHANNELS);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof java.io.UncheckedIOException io) {
                        throw io.getCause();
                    }
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IOException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
