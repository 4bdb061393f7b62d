package org.timesmith.analysis.traffic;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where traffic analysis finds things in an event and how it slices time. The defaults read Zeek's
 * conn log as Timesmith's Zeek reader produces it: {@code timestamp} (µs since the epoch; an
 * ISO-8601 text also works), protocol from {@code service} and else {@code proto}, {@code id.orig_h}
 * → {@code id.resp_h}, bytes {@code orig_bytes + resp_bytes}, only events whose {@code data_type} is
 * {@code zeek:conn} (so the dns/http/ssl records of the same connection are not counted twice).
 *
 * @param timeField         microseconds since the epoch (number) or ISO-8601 text
 * @param protocolFields    tried in order; the first present, non-empty value names the protocol
 * @param bytesFields       summed; absent fields count 0
 * @param dataTypeField     the field {@code dataTypes} is matched against
 * @param dataTypes         events of other data types are skipped (and counted); empty = every event
 * @param zone              the time zone whose calendar days and wall-clock slots the series use
 * @param slotMinutes       slot width; must divide a day (15 → 96 slots)
 * @param internalNetworks  what counts as internal for the direction split
 */
public record TrafficConfig(String timeField, List<String> protocolFields, String sourceField, String destinationField,
                            List<String> bytesFields, String dataTypeField, Set<String> dataTypes, ZoneId zone,
                            int slotMinutes, List<Cidr> internalNetworks) {

    public TrafficConfig {
        protocolFields = List.copyOf(protocolFields);
        bytesFields = List.copyOf(bytesFields);
        dataTypes = Set.copyOf(dataTypes);
        internalNetworks = List.copyOf(internalNetworks);
        if (slotMinutes < 1 || 1440 % slotMinutes != 0) {
            throw new IllegalArgumentException("slotMinutes " + slotMinutes + " does not divide a day of 1440 minutes");
        }
        if (protocolFields.isEmpty()) {
            throw new IllegalArgumentException("at least one protocol field is needed");
        }
    }

    /** Zeek conn logs, UTC, 15-minute slots, RFC 1918/4193 as internal. */
    public static TrafficConfig zeekConn() {
        return new TrafficConfig("timestamp", List.of("service", "proto"), "id.orig_h", "id.resp_h",
                List.of("orig_bytes", "resp_bytes"), "data_type", Set.of("zeek:conn"), ZoneId.of("UTC"), 15,
                Cidr.PRIVATE_NETWORKS.stream().map(Cidr::parse).toList());
    }

    /** Every field {@link Connection#read} looks at: what a store needs to load of an event. */
    public List<String> fieldsRead() {
        List<String> fields = new ArrayList<>(List.of(timeField, sourceField, destinationField, dataTypeField));
        fields.addAll(protocolFields);
        fields.addAll(bytesFields);
        return fields;
    }

    public int slotsPerDay() {
        return 1440 / slotMinutes;
    }

    public TrafficConfig withZone(ZoneId newZone) {
        return new TrafficConfig(timeField, protocolFields, sourceField, destinationField, bytesFields, dataTypeField,
                dataTypes, newZone, slotMinutes, internalNetworks);
    }

    public TrafficConfig withInternalNetworks(List<Cidr> networks) {
        return new TrafficConfig(timeField, protocolFields, sourceField, destinationField, bytesFields, dataTypeField,
                dataTypes, zone, slotMinutes, networks);
    }

    public TrafficConfig withDataTypes(Set<String> types) {
        return new TrafficConfig(timeField, protocolFields, sourceField, destinationField, bytesFields, dataTypeField,
                types, zone, slotMinutes, internalNetworks);
    }
}
