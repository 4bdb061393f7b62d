package org.timesmith.core.reader;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.zip.ZipException;

/**
 * The iterator plumbing every reader shares: look one item ahead, stop for good at the end, and
 * turn an I/O failure in the middle of the input (a truncated gzip stream, a disk error) into an
 * {@link InputFormatException} naming the input, after the records read so far were handed out.
 */
abstract class AbstractEventReader implements EventReader {

    protected final String sourceName;
    private ReadItem next;
    private boolean finished;

    protected AbstractEventReader(String sourceName) {
        this.sourceName = sourceName;
    }

    /** The next item, or null when the input is exhausted. */
    protected abstract ReadItem fetch() throws IOException;

    /** Where reading stands, for error messages ("line 12", "row 40"). */
    protected abstract String position();

    @Override
    public final boolean hasNext() {
        if (next == null && !finished) {
            try {
                next = fetch();
            } catch (IOException e) {
                throw failure(e);
            } catch (UncheckedIOException e) {
                throw failure(e.getCause());
            } catch (InputFormatException e) {
                finished = true;
                throw e;
            }
            finished = next == null;
        }
        return next != null;
    }

    @Override
    public final ReadItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException(sourceName + ": no more records");
        }
        ReadItem item = next;
        next = null;
        return item;
    }

    private InputFormatException failure(IOException e) {
        finished = true;
        String what = e instanceof ZipException || e instanceof EOFException
                ? "the compressed data is truncated or corrupt (" + e.getMessage() + ")"
                : "cannot be read (" + e.getMessage() + ")";
        return new InputFormatException(sourceName + ": " + what + " at " + position(), e);
    }
}
