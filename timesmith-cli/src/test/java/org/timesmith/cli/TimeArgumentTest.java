package org.timesmith.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {

    private static long micros(String instant) {
        Instant value = Instant.parse(instant);
        return value.getEpochSecond() * 1_000_000L + value.getNano() / 1000;
    }

    @Test
    void aBareDateCoversTheWholeDay() {
        assertThat(TimeArgument.start("2024-03-12", ZoneOffset.UTC)).isEqualTo(micros("2024-03-12T00:00:00Z"));
        assertThat(TimeArgument.end("2024-03-12", ZoneOffset.UTC)).isEqualTo(micros("2024-03-12T23:59:59.999999Z"));
    }

    @Test
    void dateTimesWithTOrSpaceFractionsAndOffsets() {
        assertThat(TimeArgument.start("2024-03-12T08:30:00Z", ZoneOffset.UTC)).isEqualTo(micros("2024-03-12T08:30:00Z"));
        assertThat(TimeArgument.start("2024-03-12 08:30:00.123456", ZoneOffset.UTC))
                .isEqualTo(micros("2024-03-12T08:30:00.123456Z"));
        assertThat(TimeArgument.start("2024-03-12T09:30:00+01:00", ZoneOffset.UTC)).isEqualTo(micros("2024-03-12T08:30:00Z"));
        assertThat(TimeArgument.end("2024-03-12T09:30+0100", ZoneOffset.UTC)).isEqualTo(micros("2024-03-12T08:30:00Z"));
    }

    @Test
    void naiveValuesTakeTheZone() {
        assertThat(TimeArgument.start("2024-07-01 12:00:00", ZoneId.of("Europe/Amsterdam")))
                .isEqualTo(micros("2024-07-01T10:00:00Z"));
    }

    @Test
    void datesBefore1970Work() {
        assertThat(TimeArgument.start("1601-01-01", ZoneOffset.UTC)).isEqualTo(micros("1601-01-01T00:00:00Z"));
    }

    @Test
    void nonsenseIsRejectedWithAnExample() {
        assertThatThrownBy(() -> TimeArgument.start("12/03/2024", ZoneOffset.UTC))
                .hasMessageContaining("'12/03/2024' is not a date").hasMessageContaining("2024-03-12T08:30:00");
        assertThatThrownBy(() -> TimeArgument.start("2024-02-30", ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
