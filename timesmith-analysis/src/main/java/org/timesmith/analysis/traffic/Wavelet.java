package org.timesmith.analysis.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An orthogonal wavelet's filter bank, exactly as PyWavelets defines it: decomposition low/high
 * pass and reconstruction low/high pass. The known wavelets ({@code haar}, {@code db1}…{@code db20},
 * {@code sym2}…{@code sym20}, {@code coif1}…{@code coif17}) are read from {@code wavelets.tsv}, which
 * {@code generate_pywt_reference.py} (test resources) wrote from PyWavelets, so the coefficients
 * are PyWavelets' to the last bit rather than re-derived here.
 */
public record Wavelet(String name, double[] decLo, double[] decHi, double[] recLo, double[] recHi) {

    public Wavelet {
        if (decLo.length < 2 || decLo.length != decHi.length || decLo.length != recLo.length
                || decLo.length != recHi.length) {
            throw new IllegalArgumentException("wavelet " + name + ": the four filters must have one even length ≥ 2");
        }
        decLo = decLo.clone();
        decHi = decHi.clone();
        recLo = recLo.clone();
        recHi = recHi.clone();
    }

    /** The filter length (2 for Haar, 2N for dbN and symN, 6N for coifN). */
    public int length() {
        return decLo.length;
    }

    @Override
    public double[] decLo() {
        return decLo.clone();
    }

    @Override
    public double[] decHi() {
        return decHi.clone();
    }

    @Override
    public double[] recLo() {
        return recLo.clone();
    }

    @Override
    public double[] recHi() {
        return recHi.clone();
    }

    /** The wavelet of that name (case-insensitive), or an error listing the names known. */
    public static Wavelet named(String name) {
        Wavelet wavelet = Bank.WAVELETS.get(name.toLowerCase(java.util.Locale.ROOT));
        if (wavelet == null) {
            throw new IllegalArgumentException("unknown wavelet '" + name + "'; known: haar, db1…db20, sym2…sym20, coif1…coif17");
        }
        return wavelet;
    }

    /** Every known wavelet name, in the order of the bank file. */
    public static List<String> names() {
        return List.copyOf(Bank.WAVELETS.keySet());
    }

    @Override
    public String toString() {
        return "Wavelet[" + name + ", length " + decLo.length + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Wavelet w && w.name.equals(name) && Arrays.equals(w.decLo, decLo)
                && Arrays.equals(w.decHi, decHi) && Arrays.equals(w.recLo, recLo) && Arrays.equals(w.recHi, recHi);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(decLo);
    }

    /** The immutable bank, read once on first use (a holder class, so no mutable static state). */
    private static final class Bank {
        static final Map<String, Wavelet> WAVELETS = load();

        private static Map<String, Wavelet> load() {
            String resource = "wavelets.tsv";
            try (InputStream in = Wavelet.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the wavelet bank " + resource + " is missing from the class path");
                }
                Map<String, Wavelet> bank = new LinkedHashMap<>();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] cols = line.split("\t");
                    bank.put(cols[0], new Wavelet(cols[0], doubles(cols[1]), doubles(cols[2]), doubles(cols[3]),
                            doubles(cols[4])));
                }
                return java.util.Collections.unmodifiableMap(bank);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the wavelet bank " + resource, e);
            }
        }

        private static double[] doubles(String csv) {
            return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
        }
    }
}
