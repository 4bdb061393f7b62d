package org.timesmith.server.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * The one source of "now" for metadata, formatted the way Timesketch models show times: ISO-8601
 * in UTC without an offset, with microseconds ({@code 2023-01-08T08:45:23.113454}).
 */
@Component
public class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final Clock clock;

    public Times(Clock clock) {
        this.clock = clock;
    }

    public String now() {
        return format(clock.instant());
    }

    public Instant instant() {
        return clock.instant();
    }

    public static String format(Instant instant) {
        return FORMAT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }
}
