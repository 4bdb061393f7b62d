package org.timesmith.core.store.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.timesmith.core.event.Event;

/**
 * The events the contract kit writes: a small hand-made timeline whose every field exercises one
 * matching rule, plus generated bulk events. Timestamps are microseconds since the epoch.
 */
public final class ContractEvents {

    public static final long SECOND = 1_000_000L;
    public static final long HOUR = 3_600 * SECOND;

    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    /** A 60-word value longer than the 256 characters a keyword holds. */
    public static final String LONG_VALUE = IntStream.range(0, 60).mapToObj(i -> "word" + i)
            .collect(Collectors.joining(" "));

    public static final String WINDOWS_PATH = "C:\\Windows\\System32\\cmd.exe";

    private ContractEvents() {
    }

    /** An event with the Timesketch fields filled in and the given extra fields (name, value, ...). */
    public static Event event(String id, long timestamp, long timelineId, Object... fields) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put(Event.DATETIME, DATETIME.format(Instant.EPOCH.plus(timestamp, ChronoUnit.MICROS)));
        source.put(Event.TIMESTAMP, timestamp);
        source.put(Event.TIMESTAMP_DESC, "Event Time");
        source.put(Event.TIMELINE_ID, timelineId);
        for (int i = 0; i < fields.length; i += 2) {
            source.put((String) fields[i], fields[i + 1]);
        }
        return new Event(id, source);
    }

    /**
     * The basic timeline, in writing order (deliberately not time order). In time order it is
     * e1 (1 s), e2 and e3 (both 2 s, a tie), e4 (1 h), e5 (3 h 5 s); e4 and e5 are timeline 2.
     */
    public static List<Event> basic() {
        return List.of(
                event("e3", 2 * SECOND, 1,
                        "message", "Failed password for invalid user", "data_type", "auth:login",
                        "user", "root", "port", 443),
                event("e1", SECOND, 1,
                        "message", "User alice logged in from 10.0.0.1", "data_type", "auth:login",
                        "user", "alice", "port", 22, "score", 1.5, "tag", List.of("malware"),
                        "http", Map.of("method", "GET", "status", 200), "path", WINDOWS_PATH,
                        "hostname", "WebServer01"),
                event("e5", 3 * HOUR + 5 * SECOND, 2,
                        "message", "Something else Entirely", "data_type", "web:access", "long", LONG_VALUE),
                event("e2", 2 * SECOND, 1,
                        "message", "User bob logged out", "data_type", "auth:logout", "user", "bob",
                        "port", 80, "tag", List.of(), "hostname", "webserver02"),
                event("e4", HOUR, 2,
                        "message", "GET /index.html HTTP/1.1", "data_type", "web:access",
                        "http", Map.of("method", "GET", "status", 404)));
    }

    /** {@code count} small events one second apart from {@code start}, ids {@code prefix + n} (zero-padded). */
    public static List<Event> generated(String prefix, int count, long start, long timelineId) {
        return IntStream.range(0, count)
                .mapToObj(i -> event(prefix + String.format("%06d", i), start + i * SECOND, timelineId,
                        "message", "generated event number " + i + (i % 2 == 0 ? " even" : " odd"),
                        "data_type", i % 3 == 0 ? "gen:three" : "gen:other", "n", i))
                .toList();
    }
}
