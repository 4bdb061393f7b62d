package org.timesmith.bench;

import java.util.Arrays;
import java.util.function.LongSupplier;

/** Runs a query repeatedly after a warm-up and gives the median and 95th percentile in milliseconds. */
record Latency(double medianMillis, double p95Millis, long resultSize) {

    static Latency measure(LongSupplier query, int warmups, int runs) {
        long resultSize = 0;
        for (int i = 0; i < warmups; i++) {
            resultSize = query.getAsLong();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            resultSize = query.getAsLong();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return new Latency(nanos[runs / 2] / 1e6, nanos[(int) Math.ceil(runs * 0.95) - 1] / 1e6, resultSize);
    }
}
