package org.timesmith.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PythonFormatTest {

    private static String format(String pattern, Object... keyValues) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return PythonFormat.compile(pattern).format(fields);
    }

    @Test
    void namedFieldsWithTypeS() {
        assertThat(format("{src_ip:s} connected to {dst_ip:s}", "src_ip", "10.0.0.1", "dst_ip", "10.0.0.2"))
                .isEqualTo("10.0.0.1 connected to 10.0.0.2");
        assertThat(format("{a}{b}", "a", "x", "b", "y")).isEqualTo("xy");
        assertThat(PythonFormat.compile("{a} {b:d} {a}").fields()).containsExactly("a", "b");
    }

    @Test
    void integersFromNumbersAndNumericText() {
        assertThat(format("port {port:d}", "port", 443L)).isEqualTo("port 443");
        assertThat(format("port {port:d}", "port", "80")).isEqualTo("port 80");
        assertThat(format("{n:d}", "n", 7.0)).isEqualTo("7");
        assertThat(format("{n:,d}", "n", 1234567)).isEqualTo("1,234,567");
        assertThat(format("{n:_d}", "n", -1234567)).isEqualTo("-1_234_567");
        assertThat(format("{n:+d}|{m: d}", "n", 5, "m", 5)).isEqualTo("+5| 5");
        assertThat(format("{n:#x} {n:X} {n:o} {n:#b}", "n", 255)).isEqualTo("0xff FF 377 0b11111111");
        assertThat(format("{n:05d}", "n", -42)).isEqualTo("-0042");
        assertThat(format("{n:d}", "n", true)).isEqualTo("1");
    }

    @Test
    void alignmentWidthAndFillCharacters() {
        assertThat(format("[{x:>10}]", "x", "abc")).isEqualTo("[       abc]");
        assertThat(format("[{x:<5}]", "x", "abc")).isEqualTo("[abc  ]");
        assertThat(format("[{x:^7}]", "x", "abc")).isEqualTo("[  abc  ]");
        assertThat(format("[{x:^6}]", "x", "abc")).isEqualTo("[ abc  ]");
        assertThat(format("[{x:*^9}]", "x", "abc")).isEqualTo("[***abc***]");
        assertThat(format("[{x:->6}]", "x", "ab")).isEqualTo("[----ab]");
        assertThat(format("[{x:5}]", "x", 42)).isEqualTo("[   42]");
        assertThat(format("[{x:5}]", "x", "42")).isEqualTo("[42   ]");
        assertThat(format("[{x:0=+6d}]", "x", 42)).isEqualTo("[+00042]");
        assertThat(format("[{x:2}]", "x", "toolong")).isEqualTo("[toolong]");
        assertThat(format("[{x:.3}]", "x", "truncated")).isEqualTo("[tru]");
    }

    @Test
    void floatingPointTypes() {
        assertThat(format("{v:.2f}", "v", 3.14159)).isEqualTo("3.14");
        assertThat(format("{v:.2f}", "v", "2.5")).isEqualTo("2.50");
        assertThat(format("{v:f}", "v", 1)).isEqualTo("1.000000");
        assertThat(format("{v:08.3f}", "v", -3.14159)).isEqualTo("-003.142");
        assertThat(format("{v:,.1f}", "v", 1234567.891)).isEqualTo("1,234,567.9");
        assertThat(format("{v:.0f}", "v", 2.5)).isEqualTo("2");
        assertThat(format("{v:.1%}", "v", 0.25)).isEqualTo("25.0%");
        assertThat(format("{v:e}", "v", 12345.678)).isEqualTo("1.234568e+04");
        assertThat(format("{v:.2E}", "v", new BigDecimal("0.000123"))).isEqualTo("1.23E-04");
    }

    @Test
    void escapedBracesAndConversions() {
        assertThat(format("{{literal}} {x} }}{{", "x", "v")).isEqualTo("{literal} v }{");
        assertThat(format("{x!r}", "x", "it's")).isEqualTo("'it\\'s'");
        assertThat(format("{x!s:>4}", "x", 1)).isEqualTo("   1");
    }

    @Test
    void valuesRenderAsPythonWould() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", 1L);
        nested.put("b", List.of("x", true));
        assertThat(format("{v}", "v", nested)).isEqualTo("{'a': 1, 'b': ['x', True]}");
        assertThat(format("{v}", "v", 1.0)).isEqualTo("1.0");
        assertThat(format("{v}", "v", 1e7)).isEqualTo("10000000.0");
        assertThat(format("{v}", "v", false)).isEqualTo("False");
        assertThat(format("{v}", "v", Arrays.asList("a", null))).isEqualTo("['a', None]");
    }

    @Test
    void dottedNamesReachIntoNestedObjectsUnlessTheDottedFieldExists() {
        assertThat(format("{a.b}", "a", Map.of("b", "nested"))).isEqualTo("nested");
        assertThat(format("{a.b}", "a.b", "flat", "a", Map.of("b", "nested"))).isEqualTo("flat");
    }

    @Test
    void missingFieldOrWrongValueFailsTheRecordNamingTheField() {
        assertThatThrownBy(() -> format("{src_ip} to {dst_ip}", "src_ip", "a"))
                .isInstanceOfSatisfying(PythonFormat.ValueException.class,
                        e -> assertThat(e.field()).isEqualTo("dst_ip"))
                .hasMessage("field 'dst_ip' needed by the message format string is missing");
        assertThatThrownBy(() -> format("{x}", "x", null)).isInstanceOf(PythonFormat.ValueException.class);
        assertThatThrownBy(() -> format("{port:d}", "port", "http"))
                .isInstanceOfSatisfying(PythonFormat.ValueException.class,
                        e -> assertThat(e.field()).isEqualTo("port"))
                .hasMessage("field 'port' value 'http' is not an integer (format type 'd')");
        assertThatThrownBy(() -> format("{port:d}", "port", 1.5)).isInstanceOf(PythonFormat.ValueException.class);
        assertThatThrownBy(() -> format("{v:.2f}", "v", "abc"))
                .hasMessage("field 'v' value 'abc' is not a number (format type 'f')");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'{'                | is never closed",
            "'a } b'            | single '}' at position 2",
            "'{}'               | positional field '{}' is not supported",
            "'{0}'              | positional field '{0}' is not supported",
            "'{x:q}'            | format type 'q' in 'q' is not supported",
            "'{x:g}'            | format type 'g' in 'g' is not supported",
            "'{x!z}'            | conversion in '{x!z}' must be !s, !r or !a",
            "'{x:{y}}'          | nested '{' at position 3",
            "'{x:.}'            | must be followed by a precision",
            "'{x:.2d}'          | precision is not allowed with integer type 'd'",
            "'{x:,s}'           | not allowed with 's'",
            "'{x:10.2fz}'       | cannot read format spec '10.2fz'",
            "'{x:99999}'        | width in '99999' exceeds 10000"})
    void invalidFormatStringsAreRefusedAtCompileTime(String pattern, String why) {
        assertThatThrownBy(() -> PythonFormat.compile(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid message format string '" + pattern + "': ")
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no fields at all", "{{}}"})
    void formatStringsWithoutFields(String pattern) {
        assertThat(PythonFormat.compile(pattern).fields()).isEmpty();
    }
}
