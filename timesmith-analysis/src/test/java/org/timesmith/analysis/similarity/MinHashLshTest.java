package org.timesmith.analysis.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The neighbour weights: exact up to the sample size, an estimate within a few percent beyond. */
class MinHashLshTest {

    private final MinHashLsh lsh = new MinHashLsh(128, 0.5);

    /** A signature equal to {@code base} in the first {@code sharedBands} bands and unique elsewhere. */
    private long[] signature(long base, int sharedBands, long unique) {
        long[] s = new long[128];
        for (int i = 0; i < s.length; i++) {
            s[i] = i < sharedBands * lsh.rows() ? base + i : unique * 1_000 + i + 1_000_000;
        }
        return s;
    }

    @Test
    void smallGroupsAreExact() {
        List<long[]> signatures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            signatures.add(signature(1, 1, i));
        }
        for (int i = 0; i < 3; i++) {
            signatures.add(signature(7, 2, 100 + i));
        }
        signatures.add(signature(9, 0, 500));
        long[] weights = new long[signatures.size()];
        Arrays.fill(weights, 2);
        weights[0] = 5;
        double[] result = lsh.neighbourWeights(signatures, weights);
        assertThat(result[1]).isEqualTo(99 * 2 + 5);
        assertThat(result[100]).isEqualTo(3 * 2);
        assertThat(result[103]).isEqualTo(2);
    }

    @Test
    void aGroupLargerThanTheSampleIsEstimatedClosely() {
        List<long[]> signatures = new ArrayList<>();
        int n = 20_000;
        long[] weights = new long[n + 10];
        for (int i = 0; i < n; i++) {
            // half share band 0, the other half band 1; every one of them shares band 2
            signatures.add(signature(i % 2 == 0 ? 1 : 2, 1, i));
            Arrays.fill(signatures.get(i), 2 * lsh.rows(), 3 * lsh.rows(), 42);
            weights[i] = 1 + i % 7;
        }
        for (int i = 0; i < 10; i++) {
            signatures.add(signature(3, 0, n + i));
            weights[n + i] = 1;
        }
        long exact = Arrays.stream(weights, 0, n).sum();
        double[] result = lsh.neighbourWeights(signatures, weights);
        for (int i = 0; i < n; i += 997) {
            assertThat(result[i]).isCloseTo(exact, within(exact * 0.15));
        }
        assertThat(Arrays.stream(result, 0, n).average().orElseThrow()).isCloseTo(exact, within(exact * 0.05));
        assertThat(result[n + 3]).isEqualTo(1);
    }
}
