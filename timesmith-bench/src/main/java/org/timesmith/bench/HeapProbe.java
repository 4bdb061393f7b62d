package org.timesmith.bench;

/** Measures the heap of the JVM that holds a store while a phase of the benchmark runs. */
interface HeapProbe extends AutoCloseable {

    /** The peaks so far. */
    HeapMeter.Peaks peaks();

    @Override
    void close();
}
