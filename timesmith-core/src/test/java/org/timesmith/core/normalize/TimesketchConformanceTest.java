package org.timesmith.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;

/**
 * The normaliser over Timesketch's own CSV/JSONL validation fixtures, against what API doc §12
 * says Timesketch does. Test names say where Timesmith deliberately does better.
 */
class TimesketchConformanceTest {

    private static Path fixtures;

    @BeforeAll
    static void locateFixtures() {
        fixtures = FixtureRecords.timesketchFixtures();
    }

    private record Outcome(List<Map<String, Object>> accepted, List<Rejection> rejected) {
        Map<String, Object> event(int index) {
            return accepted.get(index);
        }
    }

    private static Outcome normalize(String file, NormalizerOptions options) {
        Normalizer normalizer = new Normalizer(options, file);
        List<Map<String, Object>> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        List<SourceRecord> records = FixtureRecords.read(fixtures.resolve(file));
        for (SourceRecord record : records) {
            switch (normalizer.normalize(record)) {
                case Normalized.Accepted event -> accepted.add(event.event().source());
                case Normalized.Rejected rejection -> rejected.add(rejection.rejection());
            }
        }
        assertThat(accepted.size() + rejected.size()).as("read = accepted + rejected").isEqualTo(records.size());
        return new Outcome(accepted, rejected);
    }

    private static Outcome normalize(String file) {
        return normalize(file, NormalizerOptions.defaults("fixture", 1));
    }

    private static NormalizerOptions with(Map<String, String> mapping, Optional<String> format, int maxChars,
                                          int maxFields) {
        return new NormalizerOptions("fixture", 1, ZoneOffset.UTC, format, Optional.empty(), mapping, maxChars,
                maxFields);
    }

    @Test
    void datetimeAsLastColumnIsAuthoritativeWithSixFractionalDigits() {
        Outcome outcome = normalize("test_events/csv_datetime_last_column.csv");
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.accepted()).extracting("timestamp", "datetime").containsExactly(
                tuple(1532689087000000L, "2018-07-27T10:58:07.000000+00:00"),
                tuple(1532691305000000L, "2018-07-27T11:35:05.000000+00:00"),
                tuple(1532692593000000L, "2018-07-27T11:56:33.000000+00:00"),
                tuple(1532694290000000L, "2018-07-27T12:24:50.000000+00:00"));
    }

    @Test
    void numericDatetimeIsReadByMagnitudeAsMicroseconds() {
        Outcome outcome = normalize("test_events/csv_timestamp_as_datetime.csv");
        assertThat(outcome.accepted()).hasSize(4);
        assertThat(outcome.event(0))
                .containsEntry("datetime", "2024-08-12T15:03:14.349345+00:00")
                .containsEntry("timestamp", 1723474994349345L)
                .containsEntry("uid", "mustermann");
        assertThat(outcome.event(1))
                .containsEntry("datetime", "2025-06-30T19:50:29.117113+00:00")
                .containsEntry("timestamp", 1751313029117113L);
    }

    @Test
    void emptyCsvCellsAreKeptAsEmptyStringsWhereTimesketchDropsThemAsNaN() {
        assertThat(normalize("test_events/csv_timestamp_as_datetime.csv").event(0)).containsEntry("query", "");
    }

    @Test
    void timestampWithoutDatetimeInSecondsMillisecondsAndMicroseconds() {
        Outcome outcome = normalize("test_events/csv_timestamp_no_datetime.csv");
        assertThat(outcome.accepted()).extracting("message", "timestamp", "datetime").containsExactly(
                tuple("seconds_timestamp", 1658689261000000L, "2022-07-24T19:01:01.000000+00:00"),
                tuple("milliseconds_timestamp", 1658689261123000L, "2022-07-24T19:01:01.123000+00:00"),
                tuple("microseconds_timestamp", 1658689261123456L, "2022-07-24T19:01:01.123456+00:00"));
    }

    @Test
    void missingMandatoryFieldsRejectTheRecordWhereTimesketchFailsTheWholeFile() {
        Outcome outcome = normalize("test_events/incorrect.csv");
        assertThat(outcome.accepted()).isEmpty();
        assertThat(outcome.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.field()).contains("timestamp_desc");
            assertThat(rejection.line()).isEqualTo(2);
            assertThat(rejection.reason()).isEqualTo("missing required field(s): timestamp_desc, datetime or timestamp");
            assertThat(rejection.describe()).startsWith("test_events/incorrect.csv line 2 (record 1)");
        });
    }

    @Test
    void headersMappingRescuesTheIncorrectFileKeepingMicroseconds() {
        Outcome outcome = normalize("test_events/incorrect.csv",
                with(Map.of("DT", "datetime", "timestampDesc", "timestamp_desc"), Optional.empty(), 1000, 1000));
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.event(0))
                .containsEntry("datetime", "2020-09-18T21:58:07.470323+00:00")
                .containsEntry("timestamp", 1600466287470323L)
                .containsEntry("timestamp_desc", "Time Logged")
                .containsEntry("No_", "1") // "No." would be refused by OpenSearch: a trailing dot
                .doesNotContainKeys("DT", "timestampDesc", "No.");
    }

    @Test
    void invalidDatetimeRejectsOnlyThatRecordNamingFieldAndValue() {
        Outcome outcome = normalize("test_events/invalid_datetime.csv");
        assertThat(outcome.accepted()).extracting("data_type")
                .containsExactly("Missing_timezone_info", "wrong_timestamp", "long_timestamp");
        assertThat(outcome.event(0)).containsEntry("datetime", "2017-09-24T19:01:01.000000+00:00");
        assertThat(outcome.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.recordNumber()).isEqualTo(4);
            assertThat(rejection.field()).contains("datetime");
            assertThat(rejection.reason()).startsWith("'1234 19:01:01' is not a date-time: ");
        });
    }

    @Test
    void largeFieldIsAcceptedUnderTheDefaultLimitAndRejectedWithItsSizeUnderASmallerOne() {
        assertThat(normalize("test_events/large_field_event.jsonl").accepted()).hasSize(3);
        Outcome limited = normalize("test_events/large_field_event.jsonl", with(Map.of(), Optional.empty(), 32_768, 1000));
        assertThat(limited.accepted()).extracting("id").containsExactly("test-uuid-00001", "test-uuid-99999");
        assertThat(limited.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.field()).contains("FeatureVector");
            assertThat(rejection.line()).isEqualTo(2);
            assertThat(rejection.reason()).isEqualTo("value of 38000 characters is longer than the limit of 32768");
        });
    }

    @Test
    void tooManyFieldsAreReportedWithTheCountWhereTimesketchFailsSilently() {
        assertThat(normalize("test_events/mapping_limit_exceed.csv").accepted()).hasSize(1);
        Outcome limited = normalize("test_events/mapping_limit_exceed.csv", with(Map.of(), Optional.empty(), 1000, 500));
        assertThat(limited.rejected()).singleElement().extracting(Rejection::reason).isEqualTo(
                "the record has 505 fields (nested fields counted by dotted path), more than the limit of 500");
    }

    @Test
    void sigmaCsvEventsAreAllAccepted() {
        for (String file : List.of("test_events/sigma_events.csv", "e2e_test_data/sigma_events.csv")) {
            Outcome outcome = normalize(file);
            assertThat(outcome.rejected()).as(file).isEmpty();
            assertThat(outcome.accepted()).as(file).hasSize(4);
            assertThat(outcome.event(3)).containsEntry("data_type", "apt:history:line")
                    .containsEntry("timestamp", 1437764463000000L);
        }
    }

    @Test
    void sigmaJsonlTimestampIsRecomputedFromDatetimeWhereTimesketchKeepsTheInconsistentValue() {
        Outcome outcome = normalize("test_events/sigma_events.jsonl");
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.accepted()).hasSize(5);
        assertThat(outcome.event(0)).containsEntry("timestamp", 1437764461000000L);
        assertThat(outcome.event(4))
                .containsEntry("datetime", "2022-01-22T23:07:43.502205+00:00")
                .containsEntry("timestamp", 1642892863502205L);
        assertThat(normalize("e2e_test_data/sigma_events.jsonl").accepted()).hasSize(4);
    }

    @Test
    void missingTimestampIsComputedFromDatetime() {
        assertThat(normalize("test_events/validate_date_events_missing_timestamp.csv").accepted()).singleElement()
                .satisfies(event -> assertThat(event)
                        .containsEntry("timestamp", 1658689261000000L)
                        .containsEntry("datetime", "2022-07-24T19:01:01.000000+00:00")
                        .containsEntry("data_type", "This event has no timestamp"));
    }

    @Test
    void emptyOrWhitespaceTimeFieldsAreFilledFromTheOtherOne() {
        Outcome outcome = normalize("test_events/validate_no_datetime_timestamps.csv");
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.accepted()).extracting("data_type", "timestamp", "datetime").containsExactly(
                tuple("No_datetime", 1435789661000000L, "2015-07-01T22:27:41.000000+00:00"),
                tuple("Whitespace_datetime", 1437789661000000L, "2015-07-25T02:01:01.000000+00:00"),
                tuple("No timestamp1", 1437789661000000L, "2015-07-25T02:01:01.000000+00:00"),
                tuple("No timestamp2", 1406253661000000L, "2014-07-25T02:01:01.000000+00:00"),
                tuple("Whitespace timestamp", 1469412061000000L, "2016-07-25T02:01:01.000000+00:00"));
    }

    @Test
    void keepsTheYear1601ThatTimesketchDropsAndTheFarFuture() {
        Outcome outcome = normalize("test_events/validate_time_out_of_range.csv");
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.accepted()).extracting("data_type", "timestamp", "datetime").containsExactly(
                tuple("csv_very_old_event", -11644473600000000L, "1601-01-01T00:00:00.000000+00:00"),
                tuple("csv_very_future_event", 8141641261000000L, "2227-12-31T23:01:01.000000+00:00"));
    }

    @Test
    void csvDatetimeMicrosecondsAreKept() {
        for (String file : List.of("test_events/validate_time_precision.csv",
                "test_events/validate_time_precision_datetime.csv")) {
            assertThat(normalize(file).event(0))
                    .containsEntry("datetime", "2024-07-24T10:57:02.877297+00:00")
                    .containsEntry("timestamp", 1721818622877297L);
        }
        assertThat(normalize("test_events/validate_time_precision.csv").event(1))
                .containsEntry("timestamp", 1437764461000000L);
    }

    @Test
    void jsonlKeepsMicrosecondsThatTimesketchIssue3173Loses() {
        Outcome outcome = normalize("test_events/validate_time_precision_jsonl.jsonl");
        assertThat(outcome.accepted()).extracting("data_type", "timestamp", "datetime").containsExactly(
                tuple("timestamptest1", 1721818622877297L, "2024-07-24T10:57:02.877297+00:00"),
                tuple("timestamptest2", 1437764461000000L, "2015-07-24T19:01:01.000000+00:00"));
    }

    @Test
    void offsetsWithoutColonAndSpaceSeparatedDatetimesConvert() {
        Outcome outcome = normalize("test_events/validate_timestamp_conversion.csv");
        assertThat(outcome.accepted()).extracting("timestamp", "datetime", "data_type").containsExactly(
                tuple(1331698658000000L, "2012-03-14T04:17:38.000000+00:00", "This event has timestamp"),
                tuple(1658689261000000L, "2022-07-24T19:01:01.000000+00:00", "This event has timestamp"),
                tuple(1437789661000000L, "2015-07-25T02:01:01.000000+00:00", "This data_type should stay the same"));
    }

    @Test
    void evtxExportsAreAcceptedWithMicroseconds() {
        for (String file : List.of("e2e_test_data/evtx_direct.csv", "e2e_test_data/evtx_direct_without_label.csv")) {
            Outcome outcome = normalize(file);
            assertThat(outcome.rejected()).as(file).isEmpty();
            assertThat(outcome.accepted()).as(file).hasSize(13);
            assertThat(outcome.event(0))
                    .containsEntry("timestamp", 1331698658276340L)
                    .containsEntry("datetime", "2012-03-14T04:17:38.276340+00:00")
                    .containsEntry("__ts_timeline_id", 1L);
        }
    }

    @Test
    void evtxWithoutMessageIsRejectedPerRecordOrRescuedByAFormatString() {
        Outcome outcome = normalize("e2e_test_data/evtx_fails.csv");
        assertThat(outcome.accepted()).isEmpty();
        assertThat(outcome.rejected()).hasSize(13)
                .allSatisfy(rejection -> assertThat(rejection.reason()).isEqualTo("missing required field(s): message"));
        Outcome formatted = normalize("e2e_test_data/evtx_fails.csv",
                with(Map.of(), Optional.of("[{event_identifier:>5}] {source_name}: {strings}"), 1000, 1000));
        assertThat(formatted.rejected()).isEmpty();
        assertThat(formatted.event(0).get("message")).isEqualTo("[ 7036] Service Control Manager: "
                + "['Windows Modules Installer', 'stopped', "
                + "'540072007500730074006500640049006E007300740061006C006C00650072002F0031000000']");
    }

    @Test
    void evtxPartKeepsTheInputTimelineIdUnderASafeNameWhereTimesketchDropsIt() {
        Outcome outcome = normalize("e2e_test_data/evtx_part.csv");
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.accepted()).hasSize(13).allSatisfy(event -> assertThat(event)
                .containsEntry("__ts_timeline_id", 1L)
                .containsKey("field___ts_timeline_id")
                .containsEntry("tag", List.of())
                .containsKey("xml_string"));
        assertThat(outcome.event(0)).containsEntry("field___ts_timeline_id", "35");
    }
}
