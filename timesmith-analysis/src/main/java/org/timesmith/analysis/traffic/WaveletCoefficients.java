package org.timesmith.analysis.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of a multilevel DWT in PyWavelets' order: {@code [cA_n, cD_n, …, cD_1]}. Band 0 is the
 * approximation at the deepest level; band {@code i ≥ 1} is the detail at level {@code n + 1 - i}.
 */
public record WaveletCoefficients(Wavelet wavelet, int signalLength, List<double[]> bands) {

    public WaveletCoefficients {
        List<double[]> copy = new ArrayList<>(bands.size());
        bands.forEach(band -> copy.add(band.clone()));
        bands = List.copyOf(copy);
    }

    /** The decomposition depth n. */
    public int levels() {
        return bands.size() - 1;
    }

    public double[] approximation() {
        return bands.getFirst().clone();
    }

    /** The detail coefficients of level {@code level} (1 = finest, {@link #levels()} = coarsest). */
    public double[] detail(int level) {
        if (level < 1 || level > levels()) {
            throw new IllegalArgumentException("detail level " + level + " outside 1…" + levels());
        }
        return bands.get(levels() + 1 - level).clone();
    }

    /** All coefficients concatenated in band order: {@code cA_n ‖ cD_n ‖ … ‖ cD_1}. */
    public double[] concatenated() {
        int total = bands.stream().mapToInt(b -> b.length).sum();
        double[] all = new double[total];
        int at = 0;
        for (double[] band : bands) {
            System.arraycopy(band, 0, all, at, band.length);
            at += band.length;
        }
        return all;
    }
}
