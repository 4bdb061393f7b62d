package org.timesmith.core.reader;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Records handed over by code rather than read from a file: maps of field values (the importer's
 * {@code add_dict}) or JSON object texts ({@code add_json}). A JSON text that is not a valid
 * object, or a null map, is a {@link Rejection} for its position; reading goes on. Records are
 * numbered from 1 in the order given; lines mean nothing here and are 0.
 */
public final class RecordsEventReader extends AbstractEventReader {

    private final Iterator<?> source;
    private final boolean json;
    private long recordNumber;
    private long bytesRead;

    private RecordsEventReader(String sourceName, Iterator<?> source, boolean json) {
        super(sourceName);
        this.source = Objects.requireNonNull(source, "source");
        this.json = json;
    }

    /** Each map becomes one record; the map is copied so later changes by the caller do not leak in. */
    public static RecordsEventReader ofMaps(String sourceName, Iterator<? extends Map<String, ?>> records) {
        return new RecordsEventReader(sourceName, records, false);
    }

    /** Each string must be one JSON object; {@link #bytesRead()} counts their UTF-8 size. */
    public static RecordsEventReader ofJson(String sourceName, Iterator<String> jsonObjects) {
        return new RecordsEventReader(sourceName, jsonObjects, true);
    }

    @Override
    protected ReadItem fetch() {
        if (!source.hasNext()) {
            return null;
        }
        Object next = source.next();
        recordNumber++;
        if (next == null) {
            return Rejection.of(sourceName, recordNumber, 0, "record is null");
        }
        if (json) {
            String text = (String) next;
            bytesRead += utf8Length(text);
            return JsonValues.parseRecord(text, sourceName, recordNumber, 0);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        ((Map<?, ?>) next).forEach((key, value) -> fields.put(String.valueOf(key), value));
        return new SourceRecord(recordNumber, 0, fields);
    }

    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    @Override
    protected String position() {
        return "record " + recordNumber;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() {
        // Nothing to release: the caller owns the iterator.
    }
}
