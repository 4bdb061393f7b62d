package org.timesmith.analysis.similarity;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
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
     *
     * <p>Exact while at most {@link #SAMPLE} distinct signatures are its neighbours. Beyond that the
     * union of its buckets is estimated by priority sampling (Duffield, Lund, Thorup): every
     * signature gets the fixed priority weight/u for a uniform u, each bucket keeps its members in
     * priority order, the union's SAMPLE + 1 highest priorities are merged from the buckets' heads,
     * and the estimate is the sum of max(weight, τ) over the first SAMPLE, τ the next priority
     * (unbiased, relative error about 1/√SAMPLE ≈ 6 %). Summing every member of every bucket instead
     * costs the square of the bucket sizes: with templated log messages, where most texts of a
     * template share some band, that took 24 s of CPU for 200,000 events and grew with the square
     * (5.5 s this way, AnalyzerLibraryBench's timeline).
     */
    double[] neighbourWeights(List<long[]> signatures, long[] weights) {
        int n = signatures.size();
        double[] priority = new double[n];
        Integer[] byPriority = new Integer[n];
        for (int i = 0; i < n; i++) {
            double u = ((mix(i + 0x9E3779B97F4A7C15L) >>> 11) + 1) * 0x1.0p-53;
            priority[i] = weights[i] / u;
            byPriority[i] = i;
        }
        java.util.Arrays.sort(byPriority, (x, y) -> priority[x] != priority[y] ? Double.compare(priority[y], priority[x])
                : Integer.compare(x, y));
        Bucketing[] buckets = new Bucketing[bands];
        for (int band = 0; band < bands; band++) {
            buckets[band] = new Bucketing(signatures, band * rows, rows, byPriority);
        }
        return new Union(buckets, priority, byPriority, weights).compute();
    }

    /** Distinct neighbours summed exactly; more are estimated (see {@link #neighbourWeights}). */
    static final int SAMPLE = 256;

    /**
     * The head of the union of each text's buckets: a merge of the buckets' member lists (each in
     * rank order) that skips repeats and stops after SAMPLE + 1 distinct ranks, so no text costs
     * more than about SAMPLE steps per band it shares, however large its buckets are.
     */
    private record Union(Bucketing[] buckets, double[] priority, Integer[] byPriority, long[] weights) {

        double[] compute() {
            int n = byPriority.length;
            int bands = buckets.length;
            double[] result = new double[n];
            int[] pos = new int[bands];
            int[] end = new int[bands];
            int[] heap = new int[bands];
            int[] first = new int[SAMPLE + 1];
            for (int i = 0; i < n; i++) {
                int size = 0;
                for (int band = 0; band < bands; band++) {
                    Bucketing b = buckets[band];
                    int bucket = b.bucketOf[i];
                    pos[band] = b.start[bucket];
                    end[band] = b.start[bucket + 1];
                    if (end[band] - pos[band] > 1) {
                        heap[size++] = band;
                        up(heap, size - 1, pos);
                    }
                }
                int taken = 0;
                int last = -1;
                if (size == 0) {
                    // no band shared with another text: only itself
                    first[taken++] = buckets[0].members[pos[0]];
                }
                while (size > 0 && taken <= SAMPLE) {
                    int band = heap[0];
                    int r = buckets[band].members[pos[band]];
                    if (r != last) {
                        first[taken++] = r;
                        last = r;
                    }
                    if (++pos[band] == end[band]) {
                        heap[0] = heap[--size];
                    }
                    down(heap, size, pos);
                }
                result[i] = sum(first, taken);
            }
            return result;
        }

        private int head(int band, int[] pos) {
            return buckets[band].members[pos[band]];
        }

        private void up(int[] heap, int at, int[] pos) {
            while (at > 0) {
                int parent = (at - 1) / 2;
                if (head(heap[parent], pos) <= head(heap[at], pos)) {
                    return;
                }
                int t = heap[parent];
                heap[parent] = heap[at];
                heap[at] = t;
                at = parent;
            }
        }

        private void down(int[] heap, int size, int[] pos) {
            for (int at = 0;;) {
                int child = 2 * at + 1;
                if (child >= size) {
                    return;
                }
                if (child + 1 < size && head(heap[child + 1], pos) < head(heap[child], pos)) {
                    child++;
                }
                if (head(heap[at], pos) <= head(heap[child], pos)) {
                    return;
                }
                int t = heap[child];
                heap[child] = heap[at];
                heap[at] = t;
                at = child;
            }
        }

        /** The exact weight of the first ranks of the union, or its estimate when there are more than SAMPLE. */
        private double sum(int[] first, int count) {
            double total = 0;
            if (count <= SAMPLE) {
                for (int c = 0; c < count; c++) {
                    total += weights[byPriority[first[c]]];
                }
                return total;
            }
            double tau = priority[byPriority[first[SAMPLE]]];
            for (int c = 0; c < SAMPLE; c++) {
                total += Math.max(weights[byPriority[first[c]]], tau);
            }
            return total;
        }
    }

    /**
     * The buckets of one band: signatures with equal rows in it, each bucket's members (as
     * priority ranks) in rank order, laid out one bucket after the other. Rows are compared by a
     * 64-bit hash of the band; two different bands colliding (about n²/2⁶⁵) only adds a candidate.
     */
    private static final class Bucketing {
        final int[] bucketOf;
        final int[] start;
        final int[] members;

        int size(int bucket) {
            return start[bucket + 1] - start[bucket];
        }

        Bucketing(List<long[]> signatures, int offset, int rows, Integer[] byPriority) {
            int n = signatures.size();
            bucketOf = new int[n];
            Map<Long, Integer> ids = new HashMap<>();
            int[] sizes = new int[n + 1];
            for (int i = 0; i < n; i++) {
                long h = 0x243F6A8885A308D3L;
                long[] signature = signatures.get(i);
                for (int r = 0; r < rows; r++) {
                    h = mix(h ^ signature[offset + r]);
                }
                Integer id = ids.putIfAbsent(h, ids.size());
                bucketOf[i] = id == null ? ids.size() - 1 : id;
                sizes[bucketOf[i]]++;
            }
            int count = ids.size();
            start = new int[count + 1];
            for (int b = 0; b < count; b++) {
                start[b + 1] = start[b] + sizes[b];
            }
            members = new int[n];
            int[] next = java.util.Arrays.copyOf(start, count);
            for (int r = 0; r < n; r++) {
                int b = bucketOf[byPriority[r]];
                members[next[b]++] = r;
            }
        }
    }

    /** A 64-bit finaliser (SplitMix64's): equal inputs, equal outputs; close inputs, unrelated ones. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
