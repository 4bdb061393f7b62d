package org.timesmith.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UtcMicrosTest {

    @Test
    void formatsWithExactlySixFractionalDigitsAndAnExplicitUtcOffset() {
        assertThat(UtcMicros.format(0)).isEqualTo("1970-01-01T00:00:00.000000+00:00");
        assertThat(UtcMicros.format(-1)).isEqualTo("1969-12-31T23:59:59.999999+00:00");
        assertThat(UtcMicros.format(1_614_834_367_123_456L)).isEqualTo("2021-03-04T05:06:07.123456+00:00");
        assertThat(UtcMicros.format(-11_644_473_600_000_000L)).isEqualTo("1601-01-01T00:00:00.000000+00:00");
        assertThat(UtcMicros.format(UtcMicros.MIN)).isEqualTo("0001-01-01T00:00:00.000000+00:00");
        assertThat(UtcMicros.format(UtcMicros.MAX)).isEqualTo("9999-12-31T23:59:59.999999+00:00");
    }

    @Test
    void refusesValuesOutsideTheYears1To9999() {
        assertThatThrownBy(() -> UtcMicros.format(UtcMicros.MAX + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UtcMicros.format(UtcMicros.MIN - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calendarArithmetic() {
        assertThat(UtcMicros.epochDay(1970, 1, 1)).isZero();
        assertThat(UtcMicros.epochDay(2000, 3, 1)).isEqualTo(11_017);
        assertThat(UtcMicros.isLeapYear(1900)).isFalse();
        assertThat(UtcMicros.isLeapYear(2000)).isTrue();
        assertThat(UtcMicros.lengthOfMonth(2024, 2)).isEqualTo(29);
    }
}
