package org.timesmith.core.reader;

import java.util.Map;

/**
 * One record as a reader found it, before normalisation: field names as in the input (after the
 * reader's own format-specific mapping, e.g. L2T CSV's columns to Timesketch fields), values as
 * strings, numbers, booleans, lists or nested maps.
 *
 * @param recordNumber 1-based position of the record in the input; with the data source it makes
 *                     the event id, so it must be stable across re-reads of the same input
 * @param line         1-based line where the record starts, or 0 where lines mean nothing
 */
public record SourceRecord(long recordNumber, long line, Map<String, Object> fields) implements ReadItem {
}
