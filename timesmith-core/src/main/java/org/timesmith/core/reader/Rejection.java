package org.timesmith.core.reader;

import java.util.Optional;

/**
 * A record that could not become an event, with enough to find and fix it: the input's name, the
 * record number and line, the offending field when there is one, and a sentence saying why.
 */
public record Rejection(String source, long recordNumber, long line, Optional<String> field, String reason)
        implements ReadItem {

    public static Rejection of(String source, long recordNumber, long line, String reason) {
        return new Rejection(source, recordNumber, line, Optional.empty(), reason);
    }

    public static Rejection ofField(String source, long recordNumber, long line, String field, String reason) {
        return new Rejection(source, recordNumber, line, Optional.of(field), reason);
    }

    /** "file.csv line 12 (record 11), field datetime: reason" — the form shown to users. */
    public String describe() {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(" line ").append(line).append(" (record ").append(recordNumber).append(')');
        } else {
            text.append(" record ").append(recordNumber);
        }
        field.ifPresent(f -> text.append(", field ").append(f));
        return text.append(": ").append(reason).toString();
    }
}
