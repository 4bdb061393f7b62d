package org.timesmith.core.reader;

/**
 * Base of the readers that take one record per line of a {@link TextInput} (JSON lines, Zeek):
 * position, progress, replaced-character count and closing all come from the input.
 */
abstract class TextLineEventReader extends AbstractEventReader {

    protected final TextInput input;

    protected TextLineEventReader(String sourceName, TextInput input) {
        super(sourceName);
        this.input = input;
    }

    @Override
    protected String position() {
        return "line " + input.lineNumber();
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public long invalidCharactersReplaced() {
        return input.invalidSequencesReplaced();
    }

    @Override
    public void close() {
        input.close();
    }
}
