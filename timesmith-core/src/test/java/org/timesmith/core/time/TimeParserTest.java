package org.timesmith.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParserTest {

    private final TimeParser utc = new TimeParser(ZoneOffset.UTC);
    private final TimeParser amsterdam = new TimeParser(ZoneId.of("Europe/Amsterdam"));

    private static long micros(String instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
    }

    @Test
    void isoWithTOrSpaceWithAndWithoutZone() {
        long expected = micros("2021-03-04T05:06:07.123456Z");
        assertThat(utc.parse("2021-03-04T05:06:07.123456Z")).isEqualTo(expected);
        assertThat(utc.parse("2021-03-04 05:06:07.123456Z")).isEqualTo(expected);
        assertThat(utc.parse("2021-03-04t05:06:07.123456z")).isEqualTo(expected);
        assertThat(utc.parse("2021-03-04T05:06:07.123456")).isEqualTo(expected);
        assertThat(utc.parse("2021-03-04T05:06:07.123456+00:00")).isEqualTo(expected);
        assertThat(utc.parse("  2021-03-04T05:06:07.123456+00:00\n")).isEqualTo(expected);
        assertThat(utc.parse("2021-03-04T05:06:07,123456Z")).isEqualTo(expected);
    }

    @Test
    void offsetsInEveryWrittenForm() {
        long expected = micros("2021-03-04T04:06:07Z");
        assertThat(utc.parse("2021-03-04T05:06:07+01:00")).isEqualTo(expected);
        assertThat(utc.parse("2021-03-04T05:06:07+0100")).isEqualTo(expected);
        assertThat(utc.parse("2021-03-04T05:06:07+01")).isEqualTo(expected);
        assertThat(utc.parse("2021-03-04 05:06:07 +01:00")).isEqualTo(expected);
        assertThat(utc.parse("2021-03-04T00:36:07-03:30")).isEqualTo(expected);
    }

    @Test
    void minutesWithoutSecondsAndDateOnly() {
        assertThat(utc.parse("2021-03-04T05:06")).isEqualTo(micros("2021-03-04T05:06:00Z"));
        assertThat(utc.parse("2021-03-04")).isEqualTo(micros("2021-03-04T00:00:00Z"));
        assertThat(amsterdam.parse("2021-03-04")).isEqualTo(micros("2021-03-03T23:00:00Z"));
        assertThat(utc.parse("2021-03-04 Europe/Amsterdam")).isEqualTo(micros("2021-03-03T23:00:00Z"));
    }

    @Test
    void fractionalSecondsFromOneToNineDigitsKeepMicrosecondsAndTruncateNanoseconds() {
        String base = "2024-07-24T10:57:02";
        assertThat(utc.parse(base + ".8Z")).isEqualTo(micros(base + ".800000Z"));
        assertThat(utc.parse(base + ".87Z")).isEqualTo(micros(base + ".870000Z"));
        assertThat(utc.parse(base + ".877Z")).isEqualTo(micros(base + ".877000Z"));
        assertThat(utc.parse(base + ".8772Z")).isEqualTo(micros(base + ".877200Z"));
        assertThat(utc.parse(base + ".87729Z")).isEqualTo(micros(base + ".877290Z"));
        assertThat(utc.parse(base + ".877297Z")).isEqualTo(micros(base + ".877297Z"));
        assertThat(utc.parse(base + ".8772979Z")).isEqualTo(micros(base + ".877297Z"));
        assertThat(utc.parse(base + ".87729799Z")).isEqualTo(micros(base + ".877297Z"));
        assertThat(utc.parse(base + ".877297999Z")).isEqualTo(micros(base + ".877297Z"));
    }

    @Test
    void namedZonesAfterTheTimeIncludingPosixStyleAndShortIds() {
        assertThat(utc.parse("2020-01-01 10:00:00 Europe/Amsterdam")).isEqualTo(micros("2020-01-01T09:00:00Z"));
        assertThat(utc.parse("2020-07-01 10:00:00 Europe/Amsterdam")).isEqualTo(micros("2020-07-01T08:00:00Z"));
        assertThat(utc.parse("2020-01-01 10:00:00 EST5EDT")).isEqualTo(micros("2020-01-01T15:00:00Z"));
        assertThat(utc.parse("2020-07-01 10:00:00 EST5EDT")).isEqualTo(micros("2020-07-01T14:00:00Z"));
        assertThat(utc.parse("2020-01-01 10:00:00 UTC")).isEqualTo(micros("2020-01-01T10:00:00Z"));
        assertThat(utc.parse("2020-01-01 10:00:00 GMT")).isEqualTo(micros("2020-01-01T10:00:00Z"));
        assertThat(utc.parse("2020-01-01 10:00:00 EST")).isEqualTo(micros("2020-01-01T15:00:00Z"));
        assertThat(utc.parse("2020-07-01 10:00:00 CEST")).isEqualTo(micros("2020-07-01T08:00:00Z"));
        assertThat(utc.parse("2020-07-01 10:00:00 PDT")).isEqualTo(micros("2020-07-01T17:00:00Z"));
        assertThat(utc.parse("2020-07-01 10:00:00 utc")).isEqualTo(micros("2020-07-01T10:00:00Z"));
        assertThat(amsterdam.parse("2020-01-01 10:00:00.5 UTC")).isEqualTo(micros("2020-01-01T10:00:00.500Z"));
    }

    @Test
    void naiveValuesTakeTheDefaultZoneAcrossDaylightSaving() {
        assertThat(amsterdam.parse("2021-01-15 12:00:00")).isEqualTo(micros("2021-01-15T11:00:00Z"));
        assertThat(amsterdam.parse("2021-07-15 12:00:00")).isEqualTo(micros("2021-07-15T10:00:00Z"));
        // 02:30 does not exist on 2021-03-28 in Amsterdam: moved forward by the gap to 03:30 CEST.
        assertThat(amsterdam.parse("2021-03-28 02:30:00")).isEqualTo(micros("2021-03-28T01:30:00Z"));
        // 02:30 happens twice on 2021-10-31: the earlier (summer time) occurrence is taken.
        assertThat(amsterdam.parse("2021-10-31 02:30:00")).isEqualTo(micros("2021-10-31T00:30:00Z"));
        assertThat(amsterdam.parse("2021-07-15T12:00:00Z")).isEqualTo(micros("2021-07-15T12:00:00Z"));
    }

    @Test
    void rfc1123AndBracketedRegions() {
        assertThat(utc.parse("Tue, 3 Jun 2008 11:05:30 GMT")).isEqualTo(micros("2008-06-03T11:05:30Z"));
        assertThat(utc.parse("Tue, 03 Jun 2008 11:05:30 +0200")).isEqualTo(micros("2008-06-03T09:05:30Z"));
        assertThat(utc.parse("2020-01-01T10:00:00+01:00[Europe/Paris]")).isEqualTo(micros("2020-01-01T09:00:00Z"));
    }

    @Test
    void epochNumbersByMagnitudeAsTimesketchDoes() {
        long expected = micros("2022-07-24T19:01:01Z");
        assertThat(utc.parse(1658689261L)).isEqualTo(expected);
        assertThat(utc.parse(1658689261123L)).isEqualTo(expected + 123_000);
        assertThat(utc.parse(1658689261123456L)).isEqualTo(expected + 123_456);
        assertThat(utc.parse(1658689261123456789L)).isEqualTo(expected + 123_456);
        assertThat(utc.parse("1658689261")).isEqualTo(expected);
        assertThat(utc.parse("1658689261123456")).isEqualTo(expected + 123_456);
        assertThat(utc.parse("1658689261123456789")).isEqualTo(expected + 123_456);
        assertThat(utc.parse(1658689261)).isEqualTo(expected);
        // thresholds: > 1e11 is milliseconds, > 1e14 microseconds, > 1e17 nanoseconds
        assertThat(TimeParser.epochNumber(100_000_000_000L)).isEqualTo(100_000_000_000_000_000L);
        assertThat(TimeParser.epochNumber(100_000_000_001L)).isEqualTo(100_000_000_001_000L);
        assertThat(TimeParser.epochNumber(100_000_000_000_000L)).isEqualTo(100_000_000_000_000_000L);
        assertThat(TimeParser.epochNumber(100_000_000_000_001L)).isEqualTo(100_000_000_000_001L);
        assertThat(TimeParser.epochNumber(100_000_000_000_000_001L)).isEqualTo(100_000_000_000_000L);
    }

    @Test
    void fractionalEpochNumbersKeepMicroseconds() {
        long expected = micros("2022-07-24T19:01:01.123456Z");
        assertThat(utc.parse("1658689261.123456")).isEqualTo(expected);
        assertThat(utc.parse("1658689261.1234569")).isEqualTo(expected);
        assertThat(utc.parse(1658689261.123456)).isEqualTo(expected);
        assertThat(utc.parse(new BigDecimal("1658689261.123456"))).isEqualTo(expected);
        assertThat(utc.parse("1658689261123.456")).isEqualTo(expected);
        assertThat(utc.parse(1073748860.0)).isEqualTo(micros("2004-01-10T15:34:20Z"));
        assertThat(utc.parse(1.5f)).isEqualTo(1_500_000);
        assertThat(utc.parse(BigInteger.valueOf(1658689261))).isEqualTo(micros("2022-07-24T19:01:01Z"));
    }

    @Test
    void before1970IsNegativeAndFlooredToTheMicrosecond() {
        assertThat(utc.parse("1969-12-31T23:59:59.999999Z")).isEqualTo(-1);
        assertThat(utc.parse("1969-12-31T23:59:59.9999999Z")).isEqualTo(-1);
        assertThat(utc.parse(-1)).isEqualTo(-1_000_000);
        assertThat(utc.parse("-0.5")).isEqualTo(-500_000);
        assertThat(utc.parse(-1_500_000_000_000_000_001L)).isEqualTo(-1_500_000_000_000_001L);
        assertThat(utc.parse("1900-02-28T12:00:00Z")).isEqualTo(micros("1900-02-28T12:00:00Z"));
    }

    @Test
    void years1601And9999AndTheEdgesOfTheRange() {
        assertThat(utc.parse("1601-01-01T00:00:00Z")).isEqualTo(-11_644_473_600_000_000L);
        assertThat(utc.parse("9999-12-31T23:59:59.999999Z")).isEqualTo(UtcMicros.MAX);
        assertThat(utc.parse("0001-01-01T00:00:00Z")).isEqualTo(UtcMicros.MIN);
        assertThat(utc.parse("2227-12-31T23:01:01+00:00")).isEqualTo(micros("2227-12-31T23:01:01Z"));
        assertThat(utc.parse("2000-02-29")).isEqualTo(micros("2000-02-29T00:00:00Z"));
    }

    @Test
    void leapSecondMapsToTheLastMicrosecondOfTheSecondBefore() {
        assertThat(utc.parse("2016-12-31T23:59:60Z")).isEqualTo(micros("2016-12-31T23:59:59.999999Z"));
        assertThat(utc.parse("2016-12-31T23:59:60.5Z")).isEqualTo(micros("2016-12-31T23:59:59.999999Z"));
        assertThat(utc.parse("2017-01-01T00:59:60+01:00")).isEqualTo(micros("2016-12-31T23:59:59.999999Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a date", "2021-13-01", "2021-02-29", "2021-04-31", "2021-01-01T24:00:00",
            "2021-01-01T10:61:00", "2021-01-01T10:00:61", "2021-01-01T10:00:00.1234567890Z",
            "2021-01-01T10:00:00+1", "2021-01-01T10:00:00+19:00", "2021-01-01 10:00:00 Mars/Olympus",
            "0000-12-31T23:59:59Z", "1234 19:01:01", "2021-01-01T", "--", ".", "1e5",
            "12:00:00", "2021-01-01T10:00:00ZZ", "99999999999999999999999"})
    void garbageIsRejectedWithTheValueAndAReason(String value) {
        assertThatThrownBy(() -> utc.parse(value))
                .isInstanceOf(UnparseableTimeException.class)
                .hasMessageStartingWith("'" + value + "' is not a date-time: ");
    }

    @Test
    void reasonsAreSpecificAndValuesQuotedWithABoundedPrefix() {
        assertThatThrownBy(() -> utc.parse("2021-13-01")).hasMessageEndingWith("month 13 does not exist");
        assertThatThrownBy(() -> utc.parse("2021-02-29")).hasMessageEndingWith("day 29 does not exist in 2021-02");
        assertThatThrownBy(() -> utc.parse("2021-01-01 10:00:00 Mars/Olympus"))
                .hasMessageEndingWith("unknown time zone 'Mars/Olympus'");
        assertThatThrownBy(() -> utc.parse("")).hasMessageEndingWith("the value is empty");
        assertThatThrownBy(() -> utc.parse("   ")).hasMessageEndingWith("the value is empty");
        assertThatThrownBy(() -> utc.parse((Object) null)).hasMessageEndingWith("the value is empty");
        assertThatThrownBy(() -> utc.parse(Double.NaN)).hasMessageEndingWith("not a finite number");
        assertThatThrownBy(() -> utc.parse(List.of())).hasMessageContaining("neither a number nor text");
        String huge = "x".repeat(10_000);
        assertThatThrownBy(() -> utc.parse(huge))
                .hasMessageStartingWith("'" + "x".repeat(UnparseableTimeException.QUOTED_PREFIX) + "…' (10000 characters)")
                .message().hasSizeLessThan(200);
    }

    @Test
    void fastPathAgreesWithJavaTimeOnRandomInstantsAndForms() {
        Random random = new Random(42);
        DateTimeFormatter withOffset = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
        DateTimeFormatter spaced = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
        List<ZoneId> zones = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Amsterdam"), ZoneId.of("America/New_York"),
                ZoneId.of("Asia/Kolkata"), ZoneOffset.ofHoursMinutes(-9, -30));
        for (int i = 0; i < 20_000; i++) {
            long micros = UtcMicros.MIN + Math.floorMod(random.nextLong(), UtcMicros.MAX - UtcMicros.MIN);
            Instant instant = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            ZoneId zone = zones.get(i % zones.size());
            ZonedDateTime zoned = instant.atZone(zone);
            if (zoned.getYear() < 1 || zoned.getYear() > 9999 || zoned.getOffset().getTotalSeconds() % 60 != 0) {
                continue;
            }
            assertThat(utc.parse(withOffset.format(zoned))).as(withOffset.format(zoned)).isEqualTo(micros);
            assertThat(utc.parse(spaced.format(instant.atZone(ZoneOffset.UTC)))).isEqualTo(micros);
            assertThat(UtcMicros.format(micros)).isEqualTo(withOffset.format(instant.atZone(ZoneOffset.UTC)));
            LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneId.of("Europe/Amsterdam"));
            if (local.getYear() >= 1 && local.getYear() <= 9999) {
                assertThat(amsterdam.parse(spaced.format(local)))
                        .isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH,
                                ZonedDateTime.ofLocal(local, ZoneId.of("Europe/Amsterdam"), null).toInstant()));
            }
        }
    }
}
