package org.timesmith.core.event;

import java.util.Map;
import java.util.Objects;

/**
 * One normalised timeline event as it is stored: a deterministic id and its Timesketch-shaped
 * source document ({@code message}, {@code datetime}, {@code timestamp}, {@code timestamp_desc},
 * {@code __ts_timeline_id}, {@code tag}, {@code timesketch_label}, and every other source field as
 * it came, nested objects kept nested). The map is owned by the event and is not copied, because
 * events are created and handed on at ingest rates where a copy per event costs real throughput.
 */
public record Event(String id, Map<String, Object> source) {

    public static final String MESSAGE = "message";
    public static final String DATETIME = "datetime";
    public static final String TIMESTAMP = "timestamp";
    public static final String TIMESTAMP_DESC = "timestamp_desc";
    public static final String TIMELINE_ID = "__ts_timeline_id";
    public static final String TAG = "tag";
    public static final String LABEL = "timesketch_label";
    public static final String DATA_TYPE = "data_type";
    public static final String STAR_LABEL = "__ts_star";
    public static final String COMMENT_LABEL = "__ts_comment";

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
    }

    /** Microseconds since the epoch, UTC; every stored event has one. */
    public long timestamp() {
        return ((Number) source.get(TIMESTAMP)).longValue();
    }

    public String message() {
        return String.valueOf(source.get(MESSAGE));
    }
}
