package org.timesmith.core.reader;

/** What a reader yields for each record of its input: the record's fields, or why it was rejected. */
public sealed interface ReadItem permits SourceRecord, Rejection {

    /** 1-based position of the record in its input (row, line or event number). */
    long recordNumber();
}
