package org.timesmith.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DwtTest {

    private static final double TOLERANCE = 1e-9;

    /** pywt-reference.jsonl: wavedec/waverec of PyWavelets 1.1.1 (see generate_pywt_reference.py). */
    private static List<JsonNode> referenceCases() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                DwtTest.class.getResourceAsStream("pywt-reference.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                cases.add(json.readTree(line));
            }
        }
        return cases;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    @Test
    void wavedecEqualsPywtForEveryReferenceCase() throws IOException {
        List<JsonNode> cases = referenceCases();
        Set<String> covered = new HashSet<>();
        for (JsonNode c : cases) {
            Wavelet wavelet = Wavelet.named(c.get("wavelet").asString());
            int level = c.get("level").asInt();
            double[] input = doubles(c.get("input"));
            WaveletCoefficients actual = Dwt.wavedec(input, wavelet, level);
            JsonNode expected = c.get("coeffs");
            String label = wavelet.name() + " N=" + input.length + " level=" + level;
            assertThat(actual.bands()).as(label).hasSize(expected.size());
            for (int b = 0; b < expected.size(); b++) {
                double[] want = doubles(expected.get(b));
                double[] got = actual.bands().get(b);
                assertThat(got.length).as(label + " band " + b + " length").isEqualTo(want.length);
                for (int i = 0; i < want.length; i++) {
                    assertThat(got[i]).as(label + " band " + b + "[" + i + "]").isCloseTo(want[i], within(TOLERANCE));
                }
            }
            double[] rec = Dwt.waverec(actual);
            double[] wantRec = doubles(c.get("waverec"));
            assertThat(rec.length).as(label + " waverec length").isEqualTo(wantRec.length);
            for (int i = 0; i < wantRec.length; i++) {
                assertThat(rec[i]).as(label + " waverec[" + i + "]").isCloseTo(wantRec[i], within(TOLERANCE));
            }
            covered.add(wavelet.name() + (input.length % 2 == 0 ? " even" : " odd") + (level > 1 ? " multi" : " one"));
        }
        assertThat(covered).contains("db1 odd multi", "db1 even multi", "db2 odd multi", "db2 even multi",
                "db4 even multi", "db4 odd multi", "sym4 even multi", "sym4 odd multi", "coif1 even multi",
                "coif1 odd multi", "haar even one", "db20 even one", "coif5 odd one");
        assertThat(cases).hasSizeGreaterThan(80);
    }

    /** The long sym/coif filters in PyWavelets' tables are orthonormal to about 1e-11, hence 1e-7 on values up to 500. */
    @Test
    void inverseRoundTripsForEveryWaveletAndLevel() {
        Random random = new Random(7);
        for (String name : Wavelet.names()) {
            Wavelet wavelet = Wavelet.named(name);
            for (int n : new int[] {96, 97, 100, 255}) {
                double[] signal = random.doubles(n, -50, 500).toArray();
                for (int level = 1; level <= Dwt.maxLevel(n, wavelet.length()); level++) {
                    double[] back = Dwt.waverec(Dwt.wavedec(signal, wavelet, level));
                    for (int i = 0; i < n; i++) {
                        assertThat(back[i]).as(name + " N=" + n + " level " + level + " [" + i + "]")
                                .isCloseTo(signal[i], within(1e-7));
                    }
                }
            }
        }
    }

    @Test
    void coefficientLengthsFollowPywt() {
        Wavelet db4 = Wavelet.named("db4");
        WaveletCoefficients c = Dwt.wavedec(new double[96], db4, 3);
        // 96 → 51 → 29 → 18 (floor((N + 8 - 1) / 2) per level)
        assertThat(c.bands().stream().map(b -> b.length)).containsExactly(18, 18, 29, 51);
        assertThat(c.detail(1)).hasSize(51);
        assertThat(c.approximation()).hasSize(18);
        assertThat(c.concatenated()).hasSize(18 + 18 + 29 + 51);
    }

    @Test
    void maxLevelMatchesPywt() {
        assertThat(Dwt.maxLevel(96, 2)).isEqualTo(6);
        assertThat(Dwt.maxLevel(96, 8)).isEqualTo(3);
        assertThat(Dwt.maxLevel(96, 40)).isEqualTo(1);
        assertThat(Dwt.maxLevel(7, 40)).isZero();
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        Wavelet haar = Wavelet.named("haar");
        assertThatThrownBy(() -> Dwt.wavedec(new double[96], haar, 7)).hasMessageContaining("level 7 is outside 1…6");
        assertThatThrownBy(() -> Dwt.wavedec(new double[96], haar, 0)).hasMessageContaining("outside");
        assertThatThrownBy(() -> Dwt.wavedec(new double[] {1, Double.NaN, 3, 4}, haar, 1))
                .hasMessageContaining("signal value 1 is NaN");
        assertThatThrownBy(() -> Wavelet.named("morlet")).hasMessageContaining("unknown wavelet 'morlet'");
        assertThat(Wavelet.named("HAAR").length()).isEqualTo(2);
        assertThat(Wavelet.named("coif17").length()).isEqualTo(102);
        assertThat(Wavelet.named("sym20").length()).isEqualTo(40);
    }
}
