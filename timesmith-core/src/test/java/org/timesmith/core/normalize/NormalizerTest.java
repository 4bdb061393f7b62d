package org.timesmith.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.timesmith.core.event.Event;
import org.timesmith.core.event.EventIds;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;

class NormalizerTest {

    private static final String DATA_SOURCE = "ds-1";

    private static NormalizerOptions options(Optional<String> format, Optional<String> desc,
                                             Map<String, String> mapping, int maxChars, int maxFields) {
        return new NormalizerOptions(DATA_SOURCE, 7, ZoneOffset.UTC, format, desc, mapping, maxChars, maxFields);
    }

    private static final Normalizer DEFAULTS = new Normalizer(NormalizerOptions.defaults(DATA_SOURCE, 7), "in.csv");

    /** A record from alternating names and values, in order. */
    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return fields;
    }

    private static Map<String, Object> accepted(Normalizer normalizer, Map<String, Object> fields) {
        Normalized result = normalizer.normalize(new SourceRecord(3, 4, fields));
        assertThat(result).isInstanceOf(Normalized.Accepted.class);
        return ((Normalized.Accepted) result).event().source();
    }

    private static Rejection rejected(Normalizer normalizer, Map<String, Object> fields) {
        Normalized result = normalizer.normalize(new SourceRecord(3, 4, fields));
        assertThat(result).isInstanceOf(Normalized.Rejected.class);
        return ((Normalized.Rejected) result).rejection();
    }

    @Test
    void completeRecordGetsBothTimeFieldsTimelineIdAndADeterministicId() {
        Normalized result = DEFAULTS.normalize(new SourceRecord(3, 4, fields("message", "m", "timestamp_desc", "Write",
                "datetime", "2021-03-04T05:06:07.123456Z", "port", 443L, "ok", true, "ratio", 0.5)));
        Event event = ((Normalized.Accepted) result).event();
        assertThat(event.id()).isEqualTo(EventIds.of(DATA_SOURCE, 3));
        assertThat(event.source())
                .containsEntry("datetime", "2021-03-04T05:06:07.123456+00:00")
                .containsEntry("timestamp", 1_614_834_367_123_456L)
                .containsEntry("__ts_timeline_id", 7L)
                .containsEntry("port", 443L)
                .containsEntry("ok", true)
                .containsEntry("ratio", 0.5);
        assertThat(event.timestamp()).isEqualTo(1_614_834_367_123_456L);
    }

    @Test
    void timestampAloneFillsDatetime() {
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", "1658689261123456")))
                .containsEntry("timestamp", 1_658_689_261_123_456L)
                .containsEntry("datetime", "2022-07-24T19:01:01.123456+00:00");
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", 1658689261L)))
                .containsEntry("datetime", "2022-07-24T19:01:01.000000+00:00");
    }

    @Test
    void datetimeIsAuthoritativeWhenBothArePresentAndBlankCountsAsMissing() {
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", 123456789L,
                "datetime", "2015-07-24T19:01:01+00:00")))
                .containsEntry("timestamp", 1_437_764_461_000_000L);
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", " ",
                "datetime", "2015-07-24T19:01:01+00:00")))
                .containsEntry("timestamp", 1_437_764_461_000_000L);
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", "1437764461",
                "datetime", "  ")))
                .containsEntry("datetime", "2015-07-24T19:01:01.000000+00:00");
    }

    @Test
    void naiveDatetimeTakesTheDefaultZone() {
        Normalizer newYork = new Normalizer(new NormalizerOptions(DATA_SOURCE, 7, ZoneId.of("America/New_York"),
                Optional.empty(), Optional.empty(), Map.of(), 1000, 1000));
        assertThat(accepted(newYork, fields("message", "m", "timestamp_desc", "d", "datetime", "2021-07-01 12:00:00")))
                .containsEntry("datetime", "2021-07-01T16:00:00.000000+00:00");
    }

    @Test
    void missingRequiredFieldsAreReportedTogether() {
        Rejection rejection = rejected(DEFAULTS, fields("other", "x"));
        assertThat(rejection.field()).contains("message");
        assertThat(rejection.reason()).isEqualTo("missing required field(s): message, timestamp_desc, datetime or timestamp");
        assertThat(rejection.describe()).isEqualTo("in.csv line 4 (record 3), field message: "
                + "missing required field(s): message, timestamp_desc, datetime or timestamp");
        assertThat(rejected(DEFAULTS, fields("message", "m", "timestamp_desc", "d")).field()).contains("datetime");
        assertThat(rejected(DEFAULTS, fields("message", " ", "timestamp_desc", "d", "timestamp", 1L)).reason())
                .isEqualTo("missing required field(s): message");
    }

    @Test
    void defaultTimestampDescFillsMissingAndEmptyValues() {
        Normalizer normalizer = new Normalizer(options(Optional.empty(), Optional.of("Time Logged"), Map.of(), 100, 100));
        assertThat(accepted(normalizer, fields("message", "m", "timestamp", 1L)))
                .containsEntry("timestamp_desc", "Time Logged");
        assertThat(accepted(normalizer, fields("message", "m", "timestamp", 1L, "timestamp_desc", "")))
                .containsEntry("timestamp_desc", "Time Logged");
        assertThat(accepted(normalizer, fields("message", "m", "timestamp", 1L, "timestamp_desc", "Mine")))
                .containsEntry("timestamp_desc", "Mine");
        Normalizer blankDefault = new Normalizer(options(Optional.empty(), Optional.of(" "), Map.of(), 100, 100));
        assertThat(rejected(blankDefault, fields("message", "m", "timestamp", 1L)).field()).contains("timestamp_desc");
    }

    @Test
    void unparseableTimeRejectsNamingTheFieldAndQuotingTheValue() {
        Rejection rejection = rejected(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "datetime", "1234 19:01:01"));
        assertThat(rejection.field()).contains("datetime");
        assertThat(rejection.reason()).startsWith("'1234 19:01:01' is not a date-time: ");
        Rejection timestamp = rejected(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", "soon"));
        assertThat(timestamp.field()).contains("timestamp");
        assertThat(rejected(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "datetime", "0000-01-01")).reason())
                .endsWith("outside the years 1–9999");
    }

    @Test
    void messageFormatStringBuildsMissingMessages() {
        Normalizer normalizer = new Normalizer(options(Optional.of("{src_ip:s} connected to {dst_ip:s}:{port:d}"),
                Optional.of("Time Logged"), Map.of(), 100, 100));
        assertThat(accepted(normalizer, fields("src_ip", "1.2.3.4", "dst_ip", "5.6.7.8", "port", "22", "timestamp", 1L)))
                .containsEntry("message", "1.2.3.4 connected to 5.6.7.8:22");
        assertThat(accepted(normalizer, fields("message", "kept", "timestamp", 1L))).containsEntry("message", "kept");
        Rejection rejection = rejected(normalizer, fields("src_ip", "1.2.3.4", "port", 22, "timestamp", 1L));
        assertThat(rejection.field()).contains("dst_ip");
        assertThat(rejection.reason()).isEqualTo("field 'dst_ip' needed by the message format string is missing");
    }

    @Test
    void invalidMessageFormatFailsAtConstruction() {
        assertThatThrownBy(() -> new Normalizer(options(Optional.of("{src_ip"), Optional.empty(), Map.of(), 100, 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid message format string '{src_ip': '{' at position 0 is never closed");
        assertThatThrownBy(() -> new Normalizer(options(Optional.empty(), Optional.empty(), Map.of(), 0, 100)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersMappingRenamesBeforeNamesAreCleaned() {
        Normalizer normalizer = new Normalizer(options(Optional.empty(), Optional.empty(),
                Map.of("DT", "datetime", "timestampDesc", "timestamp_desc", "id", "_id"), 100, 100));
        assertThat(accepted(normalizer, fields("DT", "2020-09-18 21:58:07.470323", "timestampDesc", "Time Logged",
                "message", "m", "id", "abc")))
                .containsEntry("datetime", "2020-09-18T21:58:07.470323+00:00")
                .containsEntry("timestamp_desc", "Time Logged")
                .containsEntry("field__id", "abc")
                .doesNotContainKeys("DT", "timestampDesc", "id", "_id");
        Rejection clash = rejected(normalizer, fields("DT", "2020-01-01", "datetime", "2021-01-01", "message", "m",
                "timestamp_desc", "d"));
        assertThat(clash.field()).contains("datetime");
        assertThat(clash.reason()).contains("headersMapping").contains("already has a field");
    }

    @Test
    void namesAreTrimmedStrippedOfBomAndReservedNamesRenamed() {
        Map<String, Object> source = accepted(DEFAULTS, fields("\uFEFFmessage", "m", " timestamp_desc ", "d",
                "timestamp", 1L, "", "no name", "  ", "blank name", "_id", "i", "_index", "x", "_source", "s",
                "_type", "t", "__ts_timeline_id", 35L, "_private", "p", "a", 1, " a", 2));
        assertThat(source)
                .containsEntry("message", "m")
                .containsEntry("timestamp_desc", "d")
                .containsEntry("column_4", "no name")
                .containsEntry("column_5", "blank name")
                .containsEntry("field__id", "i")
                .containsEntry("field__index", "x")
                .containsEntry("field__source", "s")
                .containsEntry("field__type", "t")
                .containsEntry("field___ts_timeline_id", 35L)
                .containsEntry("__ts_timeline_id", 7L)
                .containsEntry("field__private", "p")
                .containsEntry("a", 1)
                .containsEntry("a_13", 2)
                .doesNotContainKeys("_id", "_index", "_source", "_type", "\uFEFFmessage");
    }

    @Test
    void dotsThatWouldMakeAnEmptyPathSegmentBecomeUnderscores() {
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L,
                "a.b", 1, ".lead", 2, "trail.", 3, "x..y", 4, " ._z ", 5)))
                .containsEntry("a.b", 1)
                .containsEntry("field__lead", 2)
                .containsEntry("trail_", 3)
                .containsEntry("x__y", 4)
                .containsEntry("field___z", 5);
    }

    @Test
    void longStringValuesAreRejectedWithFieldAndSize() {
        Normalizer normalizer = new Normalizer(options(Optional.empty(), Optional.empty(), Map.of(), 10, 100));
        Rejection top = rejected(normalizer, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L,
                "FeatureVector", "x".repeat(11)));
        assertThat(top.field()).contains("FeatureVector");
        assertThat(top.reason()).isEqualTo("value of 11 characters is longer than the limit of 10");
        Rejection nested = rejected(normalizer, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L,
                "outer", Map.of("inner", List.of("ok", "y".repeat(12)))));
        assertThat(nested.field()).contains("outer.inner");
        assertThat(nested.reason()).startsWith("value of 12 characters");
        assertThat(accepted(normalizer, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L,
                "exact", "z".repeat(10)))).containsEntry("exact", "z".repeat(10));
    }

    @Test
    void tooManyFieldsCountingNestedLeavesAreRejectedWithCountAndLimit() {
        Normalizer normalizer = new Normalizer(options(Optional.empty(), Optional.empty(), Map.of(), 100, 8));
        // message, timestamp_desc, datetime, timestamp, __ts_timeline_id, a, b: 7 fields
        Map<String, Object> fields = fields("message", "m", "timestamp_desc", "d", "datetime", "2020-01-01",
                "a", 1, "b", 2);
        assertThat(accepted(normalizer, fields)).hasSize(7);
        fields.put("nested", Map.of("x", 1, "y", Map.of("z", 2)));
        Rejection rejection = rejected(normalizer, fields);
        assertThat(rejection.field()).isEmpty();
        assertThat(rejection.reason())
                .isEqualTo("the record has 9 fields (nested fields counted by dotted path), more than the limit of 8");
        Map<String, Object> listOfObjects = fields("message", "m", "timestamp_desc", "d", "datetime", "2020-01-01",
                "items", List.of(Map.of("k", 1), Map.of("k", 2), Map.of("k", 3, "v", 4)));
        assertThat(accepted(normalizer, listOfObjects)).containsKey("items");
    }

    @Test
    void tagsBecomeListsOfStrings() {
        assertThat(tag(List.of("a", " b ", "", 3L))).containsExactly("a", "b", "3");
        assertThat(tag("[\"a\", \"b\"]")).containsExactly("a", "b");
        assertThat(tag("['a', 'b']")).containsExactly("a", "b");
        assertThat(tag("a, b,,c")).containsExactly("a", "b", "c");
        assertThat(tag("-")).isEmpty();
        assertThat(tag("[]")).isEmpty();
        assertThat(tag("single")).containsExactly("single");
        assertThat(tag(42L)).containsExactly("42");
    }

    private static List<String> tag(Object value) {
        Object tags = accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L, "tag", value))
                .get("tag");
        assertThat(tags).isInstanceOf(List.class);
        return ((List<?>) tags).stream().map(tag -> (String) tag).toList();
    }

    @Test
    void wellFormedLabelsAreKeptAndMalformedOnesMovedAside() {
        List<Map<String, Object>> labels = List.of(Map.of("name", "__ts_star", "sketch_id", 1, "user_id", 2));
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L,
                "timesketch_label", labels))).containsEntry("timesketch_label", labels);
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L,
                "timesketch_label", "[{\"name\": \"bad\", \"sketch_id\": 1}]")))
                .containsEntry("timesketch_label", List.of(Map.of("name", "bad", "sketch_id", 1)));
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L,
                "timesketch_label", "suspicious")))
                .containsEntry("field_timesketch_label", "suspicious")
                .doesNotContainKey("timesketch_label");
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L,
                "timesketch_label", List.of(Map.of("sketch_id", 1)))))
                .containsKey("field_timesketch_label")
                .doesNotContainKey("timesketch_label");
    }

    @Test
    void typesAndNestingAreKept() {
        Map<String, Object> nested = Map.of("deep", Map.of("list", List.of(1, 2)));
        List<Object> list = new ArrayList<>(List.of("x", 2L));
        list.add(null);
        assertThat(accepted(DEFAULTS, fields("message", "m", "timestamp_desc", "d", "timestamp", 1L,
                "nested", nested, "list", list, "nothing", null, "big", 1e300)))
                .containsEntry("nested", nested)
                .containsEntry("list", list)
                .containsEntry("nothing", null)
                .containsEntry("big", 1e300);
    }

    @Test
    void rejectionsNameTheDataSourceWhenNoInputNameIsGiven() {
        Normalizer normalizer = new Normalizer(NormalizerOptions.defaults("upload-9", 1));
        Rejection rejection = rejected(normalizer, fields("x", 1));
        assertThat(rejection.describe()).startsWith("upload-9 line 4 (record 3), field message: ");
    }
}
