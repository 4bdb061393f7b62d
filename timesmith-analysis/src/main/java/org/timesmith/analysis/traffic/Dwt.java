package org.timesmith.analysis.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * The discrete wavelet transform as PyWavelets computes it in its default {@code symmetric} mode:
 * {@link #wavedec} equals {@code pywt.wavedec(x, w, mode='symmetric', level=n)} (coefficient order
 * {@code [cA_n, cD_n … cD_1]}, each level {@code floor((N + L - 1) / 2)} long, any N) and
 * {@link #waverec} equals {@code pywt.waverec}. The signal is extended by half-sample symmetry
 * ({@code … x1 x0 | x0 x1 … x(N-1) | x(N-1) x(N-2) …}), repeated as often as a long filter needs.
 */
public final class Dwt {

    private Dwt() {
    }

    /** {@code pywt.dwt_max_level}: the deepest useful level, {@code floor(log2(N / (L - 1)))}, 0 if none. */
    public static int maxLevel(int signalLength, int filterLength) {
        if (signalLength < filterLength - 1 || filterLength < 2) {
            return 0;
        }
        return 31 - Integer.numberOfLeadingZeros(signalLength / (filterLength - 1));
    }

    /** Multilevel decomposition; {@code level} must be 1…{@link #maxLevel}. */
    public static WaveletCoefficients wavedec(double[] signal, Wavelet wavelet, int level) {
        int max = maxLevel(signal.length, wavelet.length());
        if (level < 1 || level > max) {
            throw new IllegalArgumentException("level " + level + " is outside 1…" + max + " for a signal of "
                    + signal.length + " values and wavelet " + wavelet.name() + " (filter length " + wavelet.length() + ")");
        }
        for (int i = 0; i < signal.length; i++) {
            if (!Double.isFinite(signal[i])) {
                throw new IllegalArgumentException("signal value " + i + " is " + signal[i] + "; the DWT needs finite values");
            }
        }
        double[] lo = wavelet.decLo();
        double[] hi = wavelet.decHi();
        List<double[]> details = new ArrayList<>();
        double[] approximation = signal;
        for (int i = 0; i < level; i++) {
            double[] next = downsample(approximation, lo);
            details.add(downsample(approximation, hi));
            approximation = next;
        }
        List<double[]> bands = new ArrayList<>(level + 1);
        bands.add(approximation);
        for (int i = details.size() - 1; i >= 0; i--) {
            bands.add(details.get(i));
        }
        return new WaveletCoefficients(wavelet, signal.length, bands);
    }

    /**
     * Multilevel reconstruction, as {@code pywt.waverec}: like PyWavelets, an approximation one longer
     * than the next detail band loses its last value, and the result of an odd-length signal is one
     * longer than the signal (trim it with {@link WaveletCoefficients#signalLength()}).
     */
    public static double[] waverec(WaveletCoefficients coefficients) {
        Wavelet wavelet = coefficients.wavelet();
        List<double[]> bands = coefficients.bands();
        double[] approximation = bands.getFirst();
        for (int i = 1; i < bands.size(); i++) {
            double[] detail = bands.get(i);
            if (approximation.length == detail.length + 1) {
                approximation = java.util.Arrays.copyOf(approximation, detail.length);
            } else if (approximation.length != detail.length) {
                throw new IllegalArgumentException("band " + i + " has " + detail.length
                        + " coefficients but the approximation before it has " + approximation.length);
            }
            approximation = idwt(approximation, detail, wavelet);
        }
        return approximation;
    }

    /** One level: {@code out[o] = Σ_j f[j]·x̃[2o + 1 - j]} for {@code o < floor((N + L - 1) / 2)}. */
    static double[] downsample(double[] x, double[] filter) {
        int n = x.length;
        int f = filter.length;
        double[] out = new double[(n + f - 1) / 2];
        for (int o = 0; o < out.length; o++) {
            int i = 2 * o + 1;
            double sum = 0;
            for (int j = 0; j < f; j++) {
                sum += filter[j] * x[symmetricIndex(i - j, n)];
            }
            out[o] = sum;
        }
        return out;
    }

    /** Inverse of one level: {@code y[k] = Σ_o a[o]·g0[k + L - 2 - 2o] + d[o]·g1[k + L - 2 - 2o]}, {@code 2N - L + 2} values. */
    static double[] idwt(double[] approximation, double[] detail, Wavelet wavelet) {
        double[] g0 = wavelet.recLo();
        double[] g1 = wavelet.recHi();
        int f = g0.length;
        int n = approximation.length;
        int outLength = 2 * n - f + 2;
        if (outLength < 1) {
            throw new IllegalArgumentException("too few coefficients (" + n + ") to reconstruct with filter length " + f);
        }
        double[] out = new double[outLength];
        for (int k = 0; k < outLength; k++) {
            int m = k + f - 2;
            double sum = 0;
            // g index m - 2o must be within 0…f-1
            int oMin = Math.max(0, (m - f + 2) / 2);
            int oMax = Math.min(n - 1, m / 2);
            for (int o = oMin; o <= oMax; o++) {
                int g = m - 2 * o;
                if (g >= 0 && g < f) {
                    sum += approximation[o] * g0[g] + detail[o] * g1[g];
                }
            }
            out[k] = sum;
        }
        return out;
    }

    /** Half-sample symmetric extension, period 2N: index -1 is x0, index N is x(N-1). */
    private static int symmetricIndex(int index, int n) {
        int period = 2 * n;
        int m = Math.floorMod(index, period);
        return m < n ? m : period - 1 - m;
    }
}
