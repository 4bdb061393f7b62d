package org.timesmith.analysis.traffic;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One connection as traffic analysis sees it, read from an event's fields through a {@link
 * TrafficConfig}. {@link #read} says why an event is not one: skipped (another data type, counted)
 * or rejected (a missing or absurd field, named).
 */
public record Connection(long timestampMicros, String protocol, String source, String destination, long bytes,
                         boolean sourceInternal, boolean destinationInternal) {

    /** Times before 1970 or after 2100 are taken as broken input, not traffic. */
    static final long MIN_MICROS = 0L;
    static final long MAX_MICROS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli() * 1000;
    /** More than a petabyte in one connection is a broken counter, not traffic. */
    static final long MAX_BYTES = 1_000_000_000_000_000L;

    public Direction direction() {
        return Direction.of(sourceInternal, destinationInternal);
    }

    /** What {@link #read} made of an event. */
    public sealed interface Result permits Accepted, Skipped, Rejected {
    }

    public record Accepted(Connection connection) implements Result {
    }

    /** Not traffic this analysis counts (another data type); counted, not an error. */
    public record Skipped(String reason) implements Result {
    }

    /** A broken event: which field and why. */
    public record Rejected(String field, String reason) implements Result {
    }

    /**
     * An address field's text read once: its canonical form and whether it is internal, or why it is
     * not an address ({@code problem}). A builder keeps these per distinct text, since a sensor's
     * traffic repeats few addresses many times and parsing them is most of reading a connection.
     */
    public record Address(String canonical, boolean internal, String problem) {

        public static Address of(String text, TrafficConfig config) {
            Optional<java.net.InetAddress> address = Cidr.address(text);
            if (address.isEmpty()) {
                return new Address(null, false, "'" + text + "' is not an IP address");
            }
            return new Address(com.google.common.net.InetAddresses.toAddrString(address.get()),
                    config.internalNetworks().stream().anyMatch(n -> n.contains(address.get())), null);
        }
    }

    public static Result read(Map<String, Object> event, TrafficConfig config) {
        return read(event, config, text -> Address.of(text, config));
    }

    /** As {@link #read(Map, TrafficConfig)}, with the addresses' texts looked up in {@code addresses}. */
    public static Result read(Map<String, Object> event, TrafficConfig config,
                              java.util.function.Function<String, Address> addresses) {
        return read(event, config, addresses, null);
    }

    /**
     * As {@link #read(Map, TrafficConfig, java.util.function.Function)}, with the data types and
     * protocols of texts seen before taken from {@code texts} (null: none kept).
     */
    static Result read(Map<String, Object> event, TrafficConfig config,
                       java.util.function.Function<String, Address> addresses, Texts texts) {
        if (!config.dataTypes().isEmpty()) {
            Object type = event.get(config.dataTypeField());
            if (type == null || !(texts == null ? config.dataTypes().contains(type.toString())
                    : texts.isCountedType(type.toString(), config))) {
                return new Skipped(config.dataTypeField() + " " + type + " is not one of " + config.dataTypes());
            }
        }
        Object time = event.get(config.timeField());
        long micros;
        if (time == null) {
            return new Rejected(config.timeField(), "missing");
        } else if (time instanceof Number number) {
            if (number instanceof Double || number instanceof Float) {
                double d = number.doubleValue();
                if (!Double.isFinite(d)) {
                    return new Rejected(config.timeField(), "'" + time + "' is not a time");
                }
            }
            micros = number.longValue();
        } else {
            try {
                micros = parseIsoMicros(time.toString());
            } catch (DateTimeParseException e) {
                return new Rejected(config.timeField(), "'" + time + "' is neither microseconds since the epoch nor ISO-8601");
            }
        }
        if (micros < MIN_MICROS || micros >= MAX_MICROS) {
            return new Rejected(config.timeField(), micros + " µs is outside 1970…2100");
        }
        String protocol = protocol(event, config, texts);
        if (protocol == null) {
            return new Rejected(String.join("|", config.protocolFields()), "missing");
        }
        if (protocol.equals(SeriesKey.TOTAL)) {
            return new Rejected(String.join("|", config.protocolFields()), "'total' is reserved for the all-protocol series");
        }
        Address source = address(event, config.sourceField(), addresses);
        if (source.problem() != null) {
            return new Rejected(config.sourceField(), source.problem());
        }
        Address destination = address(event, config.destinationField(), addresses);
        if (destination.problem() != null) {
            return new Rejected(config.destinationField(), destination.problem());
        }
        long bytes = 0;
        for (String field : config.bytesFields()) {
            Object value = event.get(field);
            if (value == null) {
                continue;
            }
            if (!(value instanceof Number number) || number instanceof Double d && !Double.isFinite(d)) {
                return new Rejected(field, "'" + value + "' is not a byte count");
            }
            long count = number.longValue();
            if (count < 0 || count > MAX_BYTES) {
                return new Rejected(field, count + " is not a plausible byte count (0…10^15)");
            }
            bytes += count;
        }
        return new Accepted(new Connection(micros, protocol, source.canonical(), destination.canonical(), bytes,
                source.internal(), destination.internal()));
    }

    /** The first present, non-blank protocol field, trimmed and lower-cased; null if none (a loop: this runs per event). */
    private static String protocol(Map<String, Object> event, TrafficConfig config, Texts texts) {
        for (String field : config.protocolFields()) {
            Object value = event.get(field);
            if (value != null) {
                String text = value.toString();
                String protocol = texts == null ? normalProtocol(text) : texts.protocol(text);
                if (protocol != null) {
                    return protocol;
                }
            }
        }
        return null;
    }

    /** A protocol field's text trimmed and lower-cased; null if blank. */
    private static String normalProtocol(String text) {
        return text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The data-type and protocol texts of a reader's events, remembered by the identity of the text:
     * a store hands out one string per distinct value and segment (the column stream's ordinals),
     * so per connection this is one look into a small table instead of comparing, trimming and
     * lower-casing the text again. Each distinct protocol comes out as one string instance. Not
     * thread-safe; one per reader.
     */
    static final class Texts {

        private static final int SIZE = 1 << 10;
        private final String[] types = new String[SIZE];
        private final boolean[] counted = new boolean[SIZE];
        private final String[] protocolTexts = new String[SIZE];
        private final String[] protocols = new String[SIZE];
        private final Map<String, String> distinctProtocols = new java.util.HashMap<>();

        boolean isCountedType(String text, TrafficConfig config) {
            int slot = System.identityHashCode(text) & (SIZE - 1);
            if (types[slot] != text) {
                types[slot] = text;
                counted[slot] = config.dataTypes().contains(text);
            }
            return counted[slot];
        }

        /** The protocol a field's text names (trimmed, lower-cased), null if blank. */
        String protocol(String text) {
            int slot = System.identityHashCode(text) & (SIZE - 1);
            if (protocolTexts[slot] != text) {
                String protocol = normalProtocol(text);
                if (protocol != null && distinctProtocols.size() < SIZE) {
                    protocol = distinctProtocols.computeIfAbsent(protocol, p -> p);
                }
                protocolTexts[slot] = text;
                protocols[slot] = protocol;
            }
            return protocols[slot];
        }
    }

    private static final Address MISSING = new Address(null, false, "missing");

    private static Address address(Map<String, Object> event, String field,
                                   java.util.function.Function<String, Address> addresses) {
        Object value = event.get(field);
        if (value == null || value.toString().isBlank()) {
            return MISSING;
        }
        return addresses.apply(value.toString().strip());
    }

    private static long parseIsoMicros(String text) {
        Instant instant = java.time.OffsetDateTime.parse(text.strip().replace(' ', 'T').replace("Z", "+00:00"))
                .toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }
}
