package org.timesmith.core.reader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens a Windows event log record in its JSON form (the {@code Event.System.*} /
 * {@code Event.EventData.*} / {@code Event.UserData.*} shape that evtx dumpers such as
 * {@code evtx_dump} write) into the flat field names Sigma rules use: {@code EventID},
 * {@code Channel}, {@code Provider_Name}, {@code Computer}, every {@code EventData} field and
 * every field of the {@code UserData} element, by its own name. Every value also keeps its original
 * dotted path ({@code Event.System.Provider.#attributes.Name}), so nothing of the record is lost.
 * The four system names win over a data field of the same name, because rules mean the system's.
 * The {@code .evtx} reader and plaso's {@code xml_string} come here too, through {@link WindowsEventXml}
 * and {@link #sigmaFields}, which leaves the dotted originals to the XML they keep.
 */
public final class WindowsEventRecords {

    private WindowsEventRecords() {
    }

    /**
     * @param record one parsed record, its root the {@code Event} object or a map holding it
     * @throws IllegalArgumentException when the record has no {@code Event.System} object
     */
    public static Map<String, Object> flatten(Map<String, ?> record) {
        return flatten(record, true);
    }

    private static Map<String, Object> flatten(Map<String, ?> record, boolean originals) {
        Map<String, ?> event = record.containsKey("Event") && record.get("Event") instanceof Map<?, ?> inner
                ? cast(inner) : record;
        if (!(event.get("System") instanceof Map<?, ?> systemNode)) {
            throw new IllegalArgumentException("not a Windows event log record: no Event.System object");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        if (event.get("EventData") instanceof Map<?, ?> data) {
            cast(data).forEach((name, value) -> {
                if (!name.equals("#attributes") && !(value instanceof Map) && !(value instanceof List)) {
                    flat.put(name, value);
                }
            });
        }
        if (event.get("UserData") instanceof Map<?, ?> userData) {
            for (Object element : userData.values()) {
                if (element instanceof Map<?, ?> fields) {
                    cast(fields).forEach((name, value) -> {
                        if (!name.equals("#attributes") && !(value instanceof Map) && !(value instanceof List)) {
                            flat.putIfAbsent(name, value);
                        }
                    });
                }
            }
        }
        Map<String, ?> system = cast(systemNode);
        putIfPresent(flat, "EventID", eventId(system.get("EventID")));
        putIfPresent(flat, "Channel", system.get("Channel"));
        putIfPresent(flat, "Computer", system.get("Computer"));
        if (system.get("Provider") instanceof Map<?, ?> provider
                && provider.get("#attributes") instanceof Map<?, ?> attributes) {
            putIfPresent(flat, "Provider_Name", attributes.get("Name"));
        }
        if (originals) {
            dotted("Event", event, flat);
        }
        return flat;
    }

    /**
     * The Sigma names alone of a record held as XML (an {@code .evtx} record, plaso's {@code
     * xml_string}): {@link #flatten} of its JSON shape without the dotted {@code Event.*} originals,
     * because there the XML itself is kept as the original, and a busy log's dotted paths would double
     * the fields of a timeline (Timesketch refuses timelines past 1,000 fields).
     */
    public static Map<String, Object> sigmaFields(WindowsEventXml.Element root) {
        return flatten(WindowsEventXml.toRecordMap(root), false);
    }

    /**
     * {@link #sigmaFields} of a record's XML text (plaso's {@code xml_string}); values stay text, as XML
     * has no types.
     *
     * @throws IllegalArgumentException when the text is not well-formed XML or has no {@code System} element
     */
    public static Map<String, Object> sigmaFieldsOfXml(String xml) {
        return sigmaFields(WindowsEventXml.parse(xml));
    }

    /**
     * Every field {@link #flatten} gives, dotted originals included, of a record's XML text.
     *
     * @throws IllegalArgumentException when the text is not well-formed XML or has no {@code System} element
     */
    public static Map<String, Object> flattenXml(String xml) {
        return flatten(WindowsEventXml.toRecordMap(WindowsEventXml.parse(xml)));
    }

    /** {@code EventID} is a number, or an object with the number as {@code #text} and a qualifier attribute. */
    private static Object eventId(Object value) {
        return value instanceof Map<?, ?> withQualifiers ? withQualifiers.get("#text") : value;
    }

    private static void putIfPresent(Map<String, Object> flat, String name, Object value) {
        if (value != null) {
            flat.put(name, value);
        }
    }

    private static void dotted(String path, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> dotted(path + "." + key, child, flat));
        } else if (value != null) {
            flat.putIfAbsent(path, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
