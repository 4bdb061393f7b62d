package org.timesmith.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Python's {@code str.format}, {@code str()} and {@code repr()}; expected values are what CPython 3
 * prints. {@link #format} uses the importer's lenient value rules, {@link #python} Python's own (plaso).
 */
class PythonFormatTest {

    private static String format(String pattern, Object... keyValues) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return PythonFormat.compile(pattern).format(fields);
    }

    private static String python(String pattern, Map<String, Object> fields) {
        return PythonFormat.compile(pattern, PythonFormat.Values.PYTHON).format(fields);
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
        assertThat(format("{x!r}", "x", "it's")).isEqualTo("\"it's\"");
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
            "'{x:n}'            | format type 'n' in 'n' is not supported",
            "'{x:c}'            | format type 'c' in 'c' is not supported",
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

    /** CPython 3 made the expected values (the script is at the top of the CSV file); both value rules agree on numbers. */
    @ParameterizedTest(name = "{0} with {1} {2} is {3}")
    @CsvFileSource(resources = "python-str-format.csv", delimiter = '|')
    void numbersFormatAsCPythonDoes(String pattern, String kind, String value, String expected) {
        Object number = kind.equals("int") ? (Object) Long.valueOf(value) : (Object) Double.valueOf(value
                .replace("nan", "NaN").replace("inf", "Infinity"));
        assertThat(format(pattern, "x", number)).isEqualTo(expected);
        assertThat(python(pattern, Map.of("x", number))).isEqualTo(expected);
        if (kind.equals("int")) {
            assertThat(format(pattern, "x", new BigInteger(value))).isEqualTo(expected);
        }
    }

    @Test
    void floatsOfTheImporterAreSpelledAsPythonSpellsThem() {
        assertThat(format("{v}", "v", 1e-05)).isEqualTo("1e-05");
        assertThat(format("{v}", "v", 0.0001)).isEqualTo("0.0001");
        assertThat(format("{v}", "v", 1e16)).isEqualTo("1e+16");
        assertThat(format("{v}", "v", 123456789.0)).isEqualTo("123456789.0");
        assertThat(format("{v}", "v", -0.0)).isEqualTo("-0.0");
        assertThat(format("{v:.3}", "v", 3.14159)).isEqualTo("3.14");
        assertThat(format("{v}", "v", List.of(1e-05, 0.5f))).isEqualTo("[1e-05, 0.5]");
        assertThat(format("{v:.2f}", "v", " 1e-05 ")).isEqualTo("0.00");
    }

    @Test
    void pythonRulesRefuseWhatPythonRefuses() {
        assertThatThrownBy(() -> python("{port:d}", Map.of("port", "80")))
                .isInstanceOfSatisfying(PythonFormat.ValueException.class, e -> assertThat(e.field()).isEqualTo("port"))
                .hasMessage("field 'port' value '80' is not an integer (format type 'd')");
        assertThatThrownBy(() -> python("{n:d}", Map.of("n", 7.0))).isInstanceOf(PythonFormat.ValueException.class);
        assertThatThrownBy(() -> python("{v:.2f}", Map.of("v", "2.5")))
                .hasMessage("field 'v' value '2.5' is not a number (format type 'f')");
        assertThatThrownBy(() -> python("{n:s}", Map.of("n", 5L))).isInstanceOf(PythonFormat.ValueException.class)
                .hasMessageContaining("format type 's' needs text");
        assertThatThrownBy(() -> python("{v:>5}", Map.of("v", List.of("a")))).isInstanceOf(PythonFormat.ValueException.class);
        assertThatThrownBy(() -> python("{v:+}", Map.of("v", "text"))).isInstanceOf(PythonFormat.ValueException.class);
        assertThatThrownBy(() -> python("{n:.2}", Map.of("n", 5L))).isInstanceOf(PythonFormat.ValueException.class);
        assertThatThrownBy(() -> python("{missing}", Map.of())).isInstanceOf(PythonFormat.ValueException.class)
                .hasMessageContaining("missing");
        // ...where the importer's rules are lenient, because CSV values are text
        assertThat(format("{n:s}", "n", 5L)).isEqualTo("5");
        assertThat(format("{v:+}", "v", "text")).isEqualTo("text");
    }

    @Test
    void pythonRulesRenderNullAsNoneAndBooleansAsIntegersUnderASpec() {
        Map<String, Object> values = new HashMap<>();
        values.put("x", null);
        values.put("flag", true);
        assertThat(python("{x} {x!r} {flag} {flag:>3} {flag:d}", values)).isEqualTo("None None True   1 1");
        assertThatThrownBy(() -> python("{x:>5}", values)).isInstanceOf(PythonFormat.ValueException.class);
        assertThat(format("[{flag:>5}]", "flag", true)).isEqualTo("[ True]");
    }

    @Test
    void conversions() {
        assertThat(format("{x!a}", "x", "\u00e9\u20ac\ud83d\ude00")).isEqualTo("'\\xe9\\u20ac\\U0001f600'");
        assertThat(format("{x!r:>8}", "x", "ab")).isEqualTo("    'ab'");
        assertThat(format("{x!s:^5}", "x", List.of(1L))).isEqualTo(" [1] ");
        assertThat(format("[{x:.2}]", "x", "\ud83d\ude00\ud83d\ude00\ud83d\ude00")).isEqualTo("[\ud83d\ude00\ud83d\ude00]");
        assertThat(format("[{x:3}]", "x", "\ud83d\ude00")).isEqualTo("[\ud83d\ude00  ]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{open", "close}", "{}", "{0:s}", "{x:{y}}", "{x!}", "{x:zz}", "{x:.}"})
    void malformedFormatStringsAreRefusedUnderEitherRules(String pattern) {
        assertThatThrownBy(() -> PythonFormat.compile(pattern, PythonFormat.Values.PYTHON))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(PythonFormat.ValueException.class)
                .hasMessageStartingWith("invalid message format string '" + pattern + "': ");
    }

    @Test
    void strAndReprOfScalarsAndContainers() {
        assertThat(PythonFormat.str(null)).isEqualTo("None");
        assertThat(PythonFormat.str(true)).isEqualTo("True");
        assertThat(PythonFormat.str(42L)).isEqualTo("42");
        assertThat(PythonFormat.str(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(PythonFormat.str("plain")).isEqualTo("plain");
        assertThat(PythonFormat.repr("plain")).isEqualTo("'plain'");
        assertThat(PythonFormat.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonFormat.repr("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(PythonFormat.repr("tab\tnew\nline\\ \u0001 \u00e9 \u0085")).isEqualTo("'tab\\tnew\\nline\\\\ \\x01 \u00e9 \\x85'");
        assertThat(PythonFormat.str(Arrays.asList("a", null, 1L, false))).isEqualTo("['a', None, 1, False]");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", List.of("v"));
        map.put("n", null);
        assertThat(PythonFormat.str(map)).isEqualTo("{'k': ['v'], 'n': None}");
    }

    @Test
    void floatsLookLikePythonFloats() {
        assertThat(PythonFormat.str(1.0)).isEqualTo("1.0");
        assertThat(PythonFormat.str(0.1)).isEqualTo("0.1");
        assertThat(PythonFormat.str(-2.5)).isEqualTo("-2.5");
        assertThat(PythonFormat.str(0.0001)).isEqualTo("0.0001");
        assertThat(PythonFormat.str(0.00001)).isEqualTo("1e-05");
        assertThat(PythonFormat.str(1e16)).isEqualTo("1e+16");
        assertThat(PythonFormat.str(123456789012345.6)).isEqualTo("123456789012345.6");
        assertThat(PythonFormat.str(-1.5e-10)).isEqualTo("-1.5e-10");
        assertThat(PythonFormat.str(Double.NaN)).isEqualTo("nan");
        assertThat(PythonFormat.str(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(PythonFormat.str(-0.0)).isEqualTo("-0.0");
        assertThat(PythonFormat.floatRepr(1e300)).isEqualTo("1e+300");
    }

    @Test
    void formatSpecsUsedByPlasoFormatters() {
        Map<String, Object> values = Map.of("id", 7036L, "mode", 420L, "flags", 255L, "name", "svc", "neg", -5L);
        assertThat(python("[{id} / 0x{id:04x}]", values)).isEqualTo("[7036 / 0x1b7c]");
        assertThat(python("0o{mode:03o}", values)).isEqualTo("0o644");
        assertThat(python("0x{flags:08x} 0x{flags:08X}", values)).isEqualTo("0x000000ff 0x000000FF");
        assertThat(python("{flags:x}|{flags:#x}|{flags:b}", values)).isEqualTo("ff|0xff|11111111");
        assertThat(python("{name:>5}|{name:<5}|{name:*^7}|{name:.2}", values)).isEqualTo("  svc|svc  |**svc**|sv");
        assertThat(python("{neg:05d}|{id:,}|{id:+}", values)).isEqualTo("-0005|7,036|+7036");
        assertThat(python("{{literal}} {name!r}", values)).isEqualTo("{literal} 'svc'");
        assertThat(python("{ratio:.2f} {ratio:e}", Map.of("ratio", 0.125))).isEqualTo("0.12 1.250000e-01");
    }

    @Test
    void formatErrorsAreReported() {
        assertThatThrownBy(() -> python("{missing}", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> python("{name:x}", Map.of("name", "svc")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> python("{name:zz}", Map.of("name", "svc")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> python("{open", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldNamesSkipEscapedBraces() {
        assertThat(PythonFormat.compile("{{x}} [{a}] 0x{b:04x} {c!r}").fields()).containsExactly("a", "b", "c");
    }
}
