package org.timesmith.analysis.similarity;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * MinHash signatures of word sets and locality-sensitive hashing over them, as the datasketch
 * library Timesketch's similarity scorer uses: {@code numPerm} permutations of 32-bit word hashes
 * (fixed seeds, so runs are repeatable), cut into {@code bands} of {@code rows} chosen to minimise
 * the false positive and negative areas around the Jaccard threshold. Two texts are candidates
 * (neighbours) when some band of their signatures is equal.
 */
final class MinHashLsh {

    private static final long PRIME = (1L << 61) - 1;
    private static final long MAX_HASH = (1L << 32) - 1;

    private final long[] a;
    private final long[] b;
    private final int bands;
    private final int rows;

    MinHashLsh(int numPerm, double threshold) {
        SplittableRandom random = new SplittableRandom(1);
        a = new long[numPerm];
        b = new long[numPerm];
        for (int i = 0; i < numPerm; i++) {
            a[i] = 1 + random.nextLong(PRIME - 1);
            b[i] = random.nextLong(PRIME);
        }
        int[] best = optimalBands(threshold, numPerm);
        bands = best[0];
        rows = best[1];
    }

    int bands() {
        return bands;
    }

    int rows() {
        return rows;
    }

    long[] signature(List<String> words) {
        long[] signature = new long[a.length];
        java.util.Arrays.fill(signature, MAX_HASH);
        for (String word : words) {
            long h = Integer.toUnsignedLong(Hashing.murmur3_32_fixed().hashString(word, StandardCharsets.UTF_8).asInt());
            for (int i = 0; i < a.length; i++) {
                long permuted = reduce(mulMod(a[i], h) + b[i]) & MAX_HASH;
                if (permuted < signature[i]) {
                    signature[i] = permuted;
                }
            }
        }
        return signature;
    }

    /** x·y mod 2^61−1 for 0 ≤ x < 2^61, 0 ≤ y < 2^32 (2^64 ≡ 8 modulo the Mersenne prime). */
    static long mulMod(long x, long y) {
        long low = x * y;
        long high = Math.multiplyHigh(x, y);
        return reduce((low & PRIME) + (low >>> 61) + (high << 3));
    }

    /** v mod 2^61−1 for 0 ≤ v < 2^63. */
    private static long reduce(long v) {
        long r = (v & PRIME) + (v >>> 61);
        return r >= PRIME ? r - PRIME : r;
    }

    /**
     * For each signature, the total weight of the signatures sharing at least one band with it
     * (itself included); {@code weights} are how many events each signature stands for.
     */
    long[] neighbourWeights(List<long[]> signatures, long[] weights) {
        List<List<int[]>> bucketsOf = new ArrayList<>();
        signatures.forEach(s -> bucketsOf.add(new ArrayList<>(bands)));
        for (int band = 0; band < bands; band++) {
            Map<List<Long>, List<Integer>> buckets = new HashMap<>();
            for (int i = 0; i < signatures.size(); i++) {
                List<Long> key = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    key.add(signatures.get(i)[band * rows + r]);
                }
                buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
            for (List<Integer> bucket : buckets.values()) {
                int[] members = bucket.stream().mapToInt(Integer::intValue).toArray();
                for (int i : members) {
                    bucketsOf.get(i).add(members);
                }
            }
        }
        long[] result = new long[signatures.size()];
        int[] seenBy = new int[signatures.size()];
        java.util.Arrays.fill(seenBy, -1);
        for (int i = 0; i < signatures.size(); i++) {
            for (int[] members : bucketsOf.get(i)) {
                for (int j : members) {
                    if (seenBy[j] != i) {
                        seenBy[j] = i;
                        result[i] += weights[j];
                    }
                }
            }
        }
        return result;
    }

    /** The (bands, rows) with bands × rows ≤ numPerm minimising the weighted error areas (weights ½, ½). */
    static int[] optimalBands(double threshold, int numPerm) {
        double bestError = Double.MAX_VALUE;
        int[] best = {1, numPerm};
        for (int bandCount = 1; bandCount <= numPerm; bandCount++) {
            for (int rowCount = 1; rowCount <= numPerm / bandCount; rowCount++) {
                double error = 0.5 * area(0, threshold, bandCount, rowCount, true)
                        + 0.5 * area(threshold, 1, bandCount, rowCount, false);
                if (error < bestError) {
                    bestError = error;
                    best = new int[] {bandCount, rowCount};
                }
            }
        }
        return best;
    }

    private static double area(double from, double to, int bandCount, int rowCount, boolean falsePositive) {
        int steps = 100;
        double width = (to - from) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double s = from + i * width;
            double candidate = 1 - Math.pow(1 - Math.pow(s, rowCount), bandCount);
            double value = falsePositive ? candidate : 1 - candidate;
            sum += (i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2)) * value;
        }
        return sum * width / 3;
    }
}
