package org.timesmith.analysis.traffic;

/** One series: a protocol ({@value #TOTAL} for all of them) and a direction. */
public record SeriesKey(String protocol, Direction direction) implements Comparable<SeriesKey> {

    public static final String TOTAL = "total";

    @Override
    public int compareTo(SeriesKey other) {
        int byProtocol = protocol.equals(other.protocol) ? 0
                : protocol.equals(TOTAL) ? -1 : other.protocol.equals(TOTAL) ? 1 : protocol.compareTo(other.protocol);
        return byProtocol != 0 ? byProtocol : direction.compareTo(other.direction);
    }

    @Override
    public String toString() {
        return protocol + "/" + direction.name().toLowerCase(java.util.Locale.ROOT);
    }
}
