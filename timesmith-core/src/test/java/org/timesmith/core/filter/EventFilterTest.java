package org.timesmith.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    /** 2025-09-18T10:00:00Z in microseconds. */
    private static final long TEN_O_CLOCK = 1_758_189_600_000_000L;

    private static Map<String, Object> event() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("data_type", "windows:evtx:record");
        fields.put("timestamp", TEN_O_CLOCK);
        fields.put("datetime", "2025-09-18T10:00:00.000000+00:00");
        fields.put("event_identifier", 4624L);
        fields.put("record_number", "17");
        fields.put("strings", List.of("alice", "S-1-5-18"));
        fields.put("tag", List.of("logon"));
        fields.put("message", "An account was successfully logged on: ALICE");
        fields.put("score", 1.5);
        fields.put("zero", 0L);
        fields.put("empty", "");
        fields.put("filename", "C:\\Windows\\System32\\winevt\\Logs\\Security.evtx");
        return fields;
    }

    private static boolean matches(String expression) {
        return EventFilter.parse(expression).test(event());
    }

    @Test
    void equalityOperators() {
        assertThat(matches("data_type is \"windows:evtx:record\"")).isTrue();
        assertThat(matches("data_type == 'windows:evtx:record'")).isTrue();
        assertThat(matches("data_type equals \"windows:evtx:record\"")).isTrue();
        assertThat(matches("data_type is \"fs:stat\"")).isFalse();
        assertThat(matches("data_type != \"fs:stat\"")).isTrue();
        assertThat(matches("data_type != \"windows:evtx:record\"")).isFalse();
        assertThat(matches("data_type is not \"fs:stat\"")).isTrue();
        assertThat(matches("data_type not is \"windows:evtx:record\"")).isFalse();
        // Case matters for equality, as in plaso.
        assertThat(matches("data_type is \"WINDOWS:evtx:record\"")).isFalse();
    }

    @Test
    void operatorsAndKeywordsAreCaseInsensitive() {
        assertThat(matches("data_type IS \"windows:evtx:record\" AND event_identifier Equals 4624")).isTrue();
        assertThat(matches("data_type is \"x\" OR message CONTAINS \"alice\"")).isTrue();
    }

    @Test
    void orderingOperatorsCompareNumbersAsNumbersAndTextAsText() {
        assertThat(matches("event_identifier > 4623")).isTrue();
        assertThat(matches("event_identifier >= 4624")).isTrue();
        assertThat(matches("event_identifier < 4624")).isFalse();
        assertThat(matches("event_identifier <= 4624")).isTrue();
        assertThat(matches("score > 1.25")).isTrue();
        assertThat(matches("score < 1")).isFalse();
        // 17 > 9 as numbers although "17" < "9" as text: a number value makes it numeric.
        assertThat(matches("record_number > 9")).isTrue();
        assertThat(matches("record_number > \"9\"")).isFalse();
        assertThat(matches("data_type > \"a\"")).isTrue();
        assertThat(matches("data_type < \"a\"")).isFalse();
        // A text that is not a number never orders against a number.
        assertThat(matches("data_type > 1")).isFalse();
        assertThat(matches("data_type < 1")).isFalse();
    }

    @Test
    void numbersAndNumericTextAreEqual() {
        assertThat(matches("event_identifier == 4624")).isTrue();
        assertThat(matches("event_identifier is \"4624\"")).isTrue();
        assertThat(matches("record_number == 17")).isTrue();
        assertThat(matches("record_number == 0x11")).isTrue();
        assertThat(matches("score == 1.5")).isTrue();
        assertThat(matches("event_identifier == 4625")).isFalse();
    }

    @Test
    void containsIsACaseInsensitiveSubstringOrAListElement() {
        assertThat(matches("message contains \"ALICE\"")).isTrue();
        assertThat(matches("message contains \"bob\"")).isFalse();
        assertThat(matches("message not contains \"bob\"")).isTrue();
        assertThat(matches("message contains not \"alice\"")).isFalse();
        assertThat(matches("strings contains \"alice\"")).isTrue();
        assertThat(matches("strings contains \"ali\"")).isFalse();
        assertThat(matches("tag contains \"logon\"")).isTrue();
        assertThat(matches("event_identifier contains \"46\"")).isFalse();
    }

    @Test
    void insetMeansTheValueIsPartOfTheGivenText() {
        assertThat(matches("data_type inset \"fs:stat windows:evtx:record\"")).isTrue();
        assertThat(matches("data_type inset \"fs:stat\"")).isFalse();
        assertThat(matches("data_type not inset \"fs:stat\"")).isTrue();
        assertThat(matches("strings inset \"alice,S-1-5-18,bob\"")).isTrue();
        assertThat(matches("strings inset \"alice,bob\"")).isFalse();
    }

    @Test
    void regularExpressionsAreFoundAnywhere() {
        assertThat(matches("filename regexp \"Security\\.evtx$\"")).isTrue();
        assertThat(matches("filename regexp \"security\\.evtx$\"")).isFalse();
        assertThat(matches("filename iregexp \"security\\.evtx$\"")).isTrue();
        assertThat(matches("data_type regexp '^windows:'")).isTrue();
        assertThat(matches("event_identifier regexp \"^46\"")).isTrue();
        assertThat(matches("strings regexp \"aliceS-1\"")).isTrue();
        assertThat(matches("message iregexp \"logged\\s+on\"")).isTrue();
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        // false and false or true: (false and false) or true = true; false and (false or true) = false.
        String falseAnd = "data_type is \"fs:stat\" and event_identifier == 1";
        assertThat(matches(falseAnd + " or message contains \"alice\"")).isTrue();
        assertThat(matches("message contains \"alice\" or " + falseAnd)).isTrue();
        assertThat(matches("data_type is \"fs:stat\" and (event_identifier == 1 or message contains \"alice\")"))
                .isFalse();
        assertThat(matches("(data_type is \"fs:stat\" or event_identifier == 4624) and (tag contains \"logon\")"))
                .isTrue();
        assertThat(matches("((event_identifier == 4624)) && message contains 'alice' || data_type is 'x'")).isTrue();
        assertThat(matches("event_identifier == 4624 && data_type is 'x'")).isFalse();
    }

    @Test
    void quotingAndEscapes() {
        assertThat(matches("filename contains 'System32\\\\winevt'")).isTrue();
        assertThat(matches("message contains \"\\x41n account\"")).isTrue();
        assertThat(matches("'data_type' is \"windows:evtx:record\"")).isTrue();
        Map<String, Object> quoted = Map.of("path", "say \"hi\" it's");
        assertThat(EventFilter.parse("path is \"say \\\"hi\\\" it's\"").test(quoted)).isTrue();
        assertThat(EventFilter.parse("path is 'say \"hi\" it\\'s'").test(quoted)).isTrue();
        assertThat(EventFilter.parse("path contains 'and or ( )'").test(Map.of("path", "x and or ( ) y"))).isTrue();
    }

    @Test
    void timestampComparesAsAPointInTime() {
        assertThat(matches("timestamp == DATETIME(\"2025-09-18T10:00:00\")")).isTrue();
        assertThat(matches("timestamp >= DATETIME('2025-09-18T10:00:00+00:00')")).isTrue();
        assertThat(matches("timestamp > DATETIME(\"2025-09-18T10:00:00Z\")")).isFalse();
        assertThat(matches("timestamp < DATETIME(\"2025-09-18T12:00:00+02:00\")")).isFalse();
        assertThat(matches("timestamp <= DATETIME(\"2025-09-18T12:00:00+02:00\")")).isTrue();
        assertThat(matches("timestamp > DATETIME(\"2025-09-18\") and timestamp < DATETIME(\"2025-09-19\")")).isTrue();
        assertThat(matches("timestamp == DATETIME(" + TEN_O_CLOCK + ")")).isTrue();
        assertThat(matches("timestamp > datetime(" + (TEN_O_CLOCK - 1) + ")")).isTrue();
        // plaso's aliases and its (deprecated) implicit conversion of plain values.
        assertThat(matches("date > DATETIME(\"2025-01-01\")")).isTrue();
        assertThat(matches("datetime < \"2025-01-01T00:00:00\"")).isFalse();
        assertThat(matches("time == " + TEN_O_CLOCK)).isTrue();
        // The stored event's timestamp may also be text (a reader's raw field).
        assertThat(EventFilter.parse("timestamp > DATETIME(\"2025-01-01\")")
                .test(Map.of("timestamp", "2025-09-18T10:00:00Z"))).isTrue();
    }

    @Test
    void anUnknownOrEmptyAttributeMatchesNothingAndSoMatchesANegation() {
        assertThat(matches("no_such_field is \"x\"")).isFalse();
        assertThat(matches("no_such_field != \"x\"")).isFalse();
        assertThat(matches("no_such_field contains \"x\"")).isFalse();
        assertThat(matches("no_such_field not contains \"x\"")).isTrue();
        assertThat(matches("no_such_field is not \"x\"")).isTrue();
        assertThat(matches("empty is \"\"")).isFalse();
        // As in plaso, a zero value counts as empty.
        assertThat(matches("zero == 0")).isFalse();
        assertThat(matches("timestamp > DATETIME(\"2025-01-01\")")).isTrue();
        assertThat(EventFilter.parse("timestamp > DATETIME(\"2025-01-01\")").test(Map.of())).isFalse();
    }

    @Test
    void theExpressionIsKept() {
        EventFilter filter = EventFilter.parse("data_type is \"fs:stat\"");
        assertThat(filter.expression()).isEqualTo("data_type is \"fs:stat\"");
        assertThat(filter.test(Map.of("data_type", "fs:stat"))).isTrue();
        assertThat(filter.test(Map.of("data_type", "fs:stat:ntfs"))).isFalse();
    }

    /** The examples of docs/api-extensions.md. */
    @Test
    void theDocumentedExamplesParseAndMatch() {
        assertThat(matches("data_type is \"windows:evtx:record\" and (event_identifier == 4624 or event_identifier == 4625)"))
                .isTrue();
        assertThat(matches("timestamp >= DATETIME(\"2025-09-18T00:00:00\") and timestamp < DATETIME(\"2025-09-19T00:00:00\")"))
                .isTrue();
        assertThat(matches("filename iregexp \"system32.*security\\.evtx$\" and tag not contains \"benign\"")).isTrue();
    }

    @Test
    void malformedExpressionsNameThePositionAndTheToken() {
        assertError("data_type = \"fs:stat\"", 11, "=", "unknown operator");
        assertError("data_type isnt \"fs:stat\"", 11, "isnt", "unknown operator");
        assertError("data_type is fs:stat", 14, "fs", "text values need quotes");
        assertError("data_type is \"fs:stat", 14, "\"fs:stat", "no closing \"");
        assertError("data_type is", 13, "", "expected a value");
        assertError("data_type", 10, "", "expected an operator");
        assertError("", 1, "", "empty");
        assertError("   ", 4, "", "empty");
        assertError("(data_type is \"fs:stat\"", 24, "", "expected ) to close the ( at character 1");
        assertError("data_type is \"fs:stat\")", 23, ")", "closes no (");
        assertError("data_type is \"a\" data_type is \"b\"", 18, "data_type", "expected and, or");
        assertError("data_type is \"a\" and", 21, "", "expected an attribute name");
        assertError("data_type is \"a\" or or x is \"b\"", 21, "or", "expected an attribute name");
        assertError("event_identifier > not 4", 18, ">", "cannot be negated");
        assertError("message not not contains \"x\"", 13, "not", "unknown operator");
        assertError("message not contains not \"x\"", 22, "not", "only once");
        assertError("message regexp \"([a-z\"", 16, "\"([a-z\"", "malformed regular expression");
        assertError("message is \"\\q\"", 13, "\\q", "unknown escape");
        assertError("timestamp > DATETIME(\"yesterday\")", 22, "\"yesterday\"", "not a date and time");
        assertError("timestamp > DATETIME(\"2025-01-01\"", 34, "", "expected ) to close DATETIME(");
        assertError("timestamp contains \"2025\"", 11, "contains", "timestamp is compared with");
        assertError("message is DATETIME(\"2025-01-01\")", 12, "DATETIME", "compare with timestamp");
        assertError("filename contains PATH(\"/etc\")", 19, "PATH", "not supported");
        assertError("data_type is \"x\" # comment", 18, "#", "unexpected character");
        assertError("count > 99999999999999999999", 9, "99999999999999999999", "too large");
        assertError("(".repeat(101) + "a is \"b\"" + ")".repeat(101), 101, "(", "nested more than 100 deep");
        assertThatThrownBy(() -> EventFilter.parse("(".repeat(100_000) + "a is \"b\""))
                .isInstanceOf(EventFilterSyntaxException.class).hasMessageContaining("nested more than 100 deep");
    }

    private static void assertError(String expression, int position, String token, String problem) {
        assertThatThrownBy(() -> EventFilter.parse(expression))
                .isInstanceOfSatisfying(EventFilterSyntaxException.class, e -> {
                    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
                    assertThat(e.token()).as(e.getMessage()).isEqualTo(token);
                    assertThat(e.getMessage()).contains(problem).contains("at character " + position)
                            .contains(expression);
                });
    }
}
