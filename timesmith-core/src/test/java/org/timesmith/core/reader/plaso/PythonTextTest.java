package org.timesmith.core.reader.plaso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python's str/repr/str.format as plaso messages need them; expected values are what CPython 3 prints. */
class PythonTextTest {

    @Test
    void strAndReprOfScalarsAndContainers() {
        assertThat(PythonText.str(null)).isEqualTo("None");
        assertThat(PythonText.str(true)).isEqualTo("True");
        assertThat(PythonText.str(42L)).isEqualTo("42");
        assertThat(PythonText.str(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(PythonText.str("plain")).isEqualTo("plain");
        assertThat(PythonText.repr("plain")).isEqualTo("'plain'");
        assertThat(PythonText.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonText.repr("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(PythonText.repr("tab\tnew\nline\\ \u0001 \u00e9")).isEqualTo("'tab\\tnew\\nline\\\\ \\x01 \u00e9'");
        assertThat(PythonText.str(Arrays.asList("a", null, 1L, false))).isEqualTo("['a', None, 1, False]");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", List.of("v"));
        map.put("n", null);
        assertThat(PythonText.str(map)).isEqualTo("{'k': ['v'], 'n': None}");
    }

    @Test
    void floatsLookLikePythonFloats() {
        assertThat(PythonText.str(1.0)).isEqualTo("1.0");
        assertThat(PythonText.str(0.1)).isEqualTo("0.1");
        assertThat(PythonText.str(-2.5)).isEqualTo("-2.5");
        assertThat(PythonText.str(0.0001)).isEqualTo("0.0001");
        assertThat(PythonText.str(0.00001)).isEqualTo("1e-05");
        assertThat(PythonText.str(1e16)).isEqualTo("1e+16");
        assertThat(PythonText.str(123456789012345.6)).isEqualTo("123456789012345.6");
        assertThat(PythonText.str(-1.5e-10)).isEqualTo("-1.5e-10");
        assertThat(PythonText.str(Double.NaN)).isEqualTo("nan");
        assertThat(PythonText.str(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(PythonText.str(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void formatSpecsUsedByPlasoFormatters() {
        Map<String, Object> values = Map.of("id", 7036L, "mode", 420L, "flags", 255L, "name", "svc", "neg", -5L);
        assertThat(PythonText.format("[{id} / 0x{id:04x}]", values)).isEqualTo("[7036 / 0x1b7c]");
        assertThat(PythonText.format("0o{mode:03o}", values)).isEqualTo("0o644");
        assertThat(PythonText.format("0x{flags:08x} 0x{flags:08X}", values)).isEqualTo("0x000000ff 0x000000FF");
        assertThat(PythonText.format("{flags:x}|{flags:#x}|{flags:b}", values)).isEqualTo("ff|0xff|11111111");
        assertThat(PythonText.format("{name:>5}|{name:<5}|{name:*^7}|{name:.2}", values)).isEqualTo("  svc|svc  |**svc**|sv");
        assertThat(PythonText.format("{neg:05d}|{id:,}|{id:+}", values)).isEqualTo("-0005|7,036|+7036");
        assertThat(PythonText.format("{{literal}} {name!r}", values)).isEqualTo("{literal} 'svc'");
        assertThat(PythonText.format("{ratio:.2f} {ratio:e}", Map.of("ratio", 0.125))).isEqualTo("0.12 1.250000e-01");
    }

    @Test
    void formatErrorsAreReported() {
        assertThatThrownBy(() -> PythonText.format("{missing}", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> PythonText.format("{name:x}", Map.of("name", "svc")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PythonText.format("{name:zz}", Map.of("name", "svc")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PythonText.format("{open", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldNamesSkipEscapedBraces() {
        assertThat(PythonText.fieldNames("{{x}} [{a}] 0x{b:04x} {c!r}")).containsExactly("a", "b", "c");
    }
}
