package org.timesmith.core.reader.plaso;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.timesmith.core.normalize.PythonFormat;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;

/**
 * Streams the events of an open plaso storage file as Timesketch-shaped {@link SourceRecord}s, one
 * cursor row at a time. The record number is the event's row id ({@code event._identifier}), so it is
 * stable across re-reads whatever the output order. Events psort would drop as duplicates (doc §9.3)
 * come out as {@link Rejection}s naming the event they repeat, unless duplicates are kept.
 */
final class PlasoEventReader implements EventReader {

    /** The event data's link to its stream: text since format 20221023, a row number before. */
    private static final List<String> STREAM_LINKS = List.of("_event_data_stream_identifier",
            "_event_data_stream_row_identifier");

    private final PlasoStorage storage;
    private final String sourceName;
    private final boolean dropDuplicates;
    private final long fileSize;
    private final long eventCount;
    private ResultSet rows;
    private boolean rowPending;
    private ReadItem prepared;
    private long consumed;
    private boolean closed;

    /**
     * psort compares events only within one timestamp, so only that group's (timestamp_desc, values
     * hash) keys are kept: memory follows the largest number of events sharing one timestamp (as
     * psort's own heap does), not the file size.
     */
    private long groupTimestamp = Long.MIN_VALUE;
    private final Map<String, Long> groupKeys = new HashMap<>();

    PlasoEventReader(PlasoStorage storage, String sourceName, boolean dropDuplicates) {
        this.storage = storage;
        this.sourceName = sourceName;
        this.dropDuplicates = dropDuplicates;
        try {
            this.fileSize = Files.size(storage.file());
            this.eventCount = storage.eventCount();
            this.rows = storage.events();
            this.rowPending = rows.next();
        } catch (SQLException | IOException e) {
            storage.close();
            throw damaged(e);
        }
    }

    @Override
    public boolean hasNext() {
        if (prepared == null && !closed) {
            try {
                prepared = advance();
            } catch (SQLException e) {
                close();
                throw damaged(e);
            }
            if (prepared == null) {
                close();
            }
        }
        return prepared != null;
    }

    @Override
    public ReadItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReadItem item = prepared;
        prepared = null;
        return item;
    }

    @Override
    public long bytesRead() {
        return eventCount == 0 ? fileSize : Math.min(fileSize, fileSize * consumed / eventCount);
    }

    private ReadItem advance() throws SQLException {
        if (!rowPending) {
            return null;
        }
        long id = rows.getLong(1);
        Object link = rows.getObject(2);
        Object timestampValue = rows.getObject(3);
        String timestampDesc = rows.getString(4);
        List<String> labelsJson = new ArrayList<>();
        addIfPresent(labelsJson, rows.getString(5));
        while ((rowPending = rows.next()) && rows.getLong(1) == id) {
            addIfPresent(labelsJson, rows.getString(5));
        }
        consumed++;
        try {
            return read(id, link, timestampValue, timestampDesc, labelsJson);
        } catch (PlasoStorage.RecordException e) {
            return Rejection.ofField(sourceName, id, 0, e.field(), "event." + id + ": " + e.getMessage());
        }
    }

    private ReadItem read(long id, Object link, Object timestampValue, String timestampDesc, List<String> labelsJson)
            throws PlasoStorage.RecordException, SQLException {
        if (!(timestampValue instanceof Number timestampNumber)) {
            throw new PlasoStorage.RecordException("timestamp", "timestamp " + PythonFormat.repr(timestampValue)
                    + " is not an integer");
        }
        long timestamp = timestampNumber.longValue();
        Map<String, Object> eventData = storage.eventData(PlasoStorage.linkedRow(link, "event_data", storage.eventLinkColumn()));
        Map<String, Object> stream = Map.of();
        for (String streamLinkName : STREAM_LINKS) {
            Object streamLink = eventData.get(streamLinkName);
            if (streamLink != null) {
                stream = storage.stream(PlasoStorage.linkedRow(streamLink, "event_data_stream", streamLinkName));
                break;
            }
        }
        if (dropDuplicates) {
            Object storedHash = eventData.get("_event_values_hash");
            String hash = storedHash instanceof String text ? text : PlasoDocument.eventValuesHash(eventData, stream);
            if (timestamp != groupTimestamp) {
                groupTimestamp = timestamp;
                groupKeys.clear();
            }
            Long original = groupKeys.putIfAbsent(timestampDesc + '\u0000' + hash, id);
            if (original != null) {
                return Rejection.of(sourceName, id, 0, "event." + id + " duplicates event." + original
                        + " (same timestamp, timestamp_desc and event values); psort, and so Timesketch, drops it");
            }
        }
        List<String> labels = new ArrayList<>();
        for (String json : labelsJson) {
            for (String label : storage.labels(json)) {
                if (!labels.contains(label)) {
                    labels.add(label);
                }
            }
        }
        return new SourceRecord(id, 0, PlasoDocument.build(timestamp, timestampDesc, eventData, stream, labels));
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }

    private InputFormatException damaged(Exception e) {
        return new InputFormatException(storage.file() + ": plaso storage file cannot be read to the end: "
                + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (rows != null) {
                rows.close();
            }
        } catch (SQLException e) {
            // closing a read-only cursor: nothing to lose
        } finally {
            rows = null;
            storage.close();
        }
    }
}
