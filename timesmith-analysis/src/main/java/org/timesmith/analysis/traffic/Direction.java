package org.timesmith.analysis.traffic;

/** Which side of the internal networks a connection starts and ends on; {@link #ALL} is every connection. */
public enum Direction {
    ALL, INTERNAL_TO_EXTERNAL, INTERNAL_TO_INTERNAL, EXTERNAL_TO_INTERNAL, EXTERNAL_TO_EXTERNAL;

    static Direction of(boolean sourceInternal, boolean destinationInternal) {
        if (sourceInternal) {
            return destinationInternal ? INTERNAL_TO_INTERNAL : INTERNAL_TO_EXTERNAL;
        }
        return destinationInternal ? EXTERNAL_TO_INTERNAL : EXTERNAL_TO_EXTERNAL;
    }
}
