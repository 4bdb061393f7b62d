package org.timesmith.analysis.traffic;

/** What a series counts per slot. */
public enum TrafficMetric {
    /** Connections (events) that started in the slot. */
    CONNECTIONS,
    /** Bytes of those connections (the sum of the configured byte fields). */
    BYTES,
    /** Distinct (source, destination) address pairs among those connections. */
    DISTINCT_PEERS
}
