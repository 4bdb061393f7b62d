package org.timesmith.core.reader.evtx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.timesmith.core.reader.WindowsEventXml.Element;

/**
 * Turns an event in evtx dumpers' JSON shape back into the element tree Windows would have logged, so
 * the JSON events SigmaHQ ships can be written as {@code .evtx} by {@link EvtxWriter}. Values get the
 * EVTX type Windows gives them (FILETIME for {@code SystemTime}, SID for {@code UserID}, GUID,
 * hexadecimal and integer types) whenever the reader renders that type back to exactly the same text,
 * so a round trip proves the typed decoding as well as the field names.
 */
public final class EvtxJsonEvents {

    private static final Pattern GUID = Pattern.compile("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
    private static final Pattern SID = Pattern.compile("S-1-\\d+(-\\d+)+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]+");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

    private EvtxJsonEvents() {
    }

    /** The element tree of {@code {"Event": {…}}}. */
    public static Element element(Map<String, ?> record) {
        Map.Entry<String, ?> root = record.entrySet().iterator().next();
        return element(root.getKey(), root.getValue(), false);
    }

    private static Element element(String name, Object json, boolean eventData) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<Object> content = new ArrayList<>();
        if (json instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = entry.getKey().toString();
                Object value = entry.getValue();
                if (key.equals("#attributes") && value instanceof Map<?, ?> attributeMap) {
                    attributeMap.forEach((attribute, attributeValue) -> attributes.put(attribute.toString(),
                            attribute.equals("xmlns") ? attributeValue : typed(attribute.toString(), attributeValue)));
                } else if (key.equals("#text")) {
                    content.add(typed(name, value));
                } else if (name.equals("EventData") && key.equals("Data") && value instanceof Map<?, ?> data
                        && data.get("#text") instanceof List<?> texts) {
                    for (Object text : texts) {
                        content.add(new Element("Data", new LinkedHashMap<>(), new ArrayList<>(List.of(text))));
                    }
                } else if (eventData && !(value instanceof Map)) {
                    Map<String, Object> dataName = new LinkedHashMap<>();
                    dataName.put("Name", key);
                    List<Object> dataValue = new ArrayList<>();
                    if (value != null) {
                        dataValue.add(typed(key, value));
                    }
                    content.add(new Element("Data", dataName, dataValue));
                } else {
                    content.add(element(key, value, key.equals("EventData")));
                }
            }
        } else if (json != null) {
            content.add(typed(name, json));
        }
        return new Element(name, attributes, content);
    }

    /** The value with the EVTX type Windows uses for it, when the reader renders it back unchanged. */
    private static Object typed(String name, Object value) {
        return switch (value) {
            case Integer number when name.equals("EventID") || name.equals("Task") || name.equals("Qualifiers") ->
                    new EvtxWriter.Typed(0x06, number);
            case Integer number when name.equals("Level") || name.equals("Version") || name.equals("Opcode") ->
                    new EvtxWriter.Typed(0x04, number);
            case Integer number -> new EvtxWriter.Typed(0x08, number);
            case Long number -> new EvtxWriter.Typed(number < 0 ? 0x09 : 0x0A, number);
            case String text when TIME.matcher(text).matches() -> new EvtxWriter.Typed(0x11, text);
            case String text when GUID.matcher(text).matches() -> new EvtxWriter.Typed(0x0F, UUID.fromString(text).toString());
            case String text when SID.matcher(text).matches() && roundTripsAsSid(text) -> new EvtxWriter.Typed(0x13, text);
            case String text when HEX.matcher(text).matches() && text.length() <= 18
                    && ("0x" + Long.toHexString(Long.parseUnsignedLong(text.substring(2), 16))).equals(text) ->
                    new EvtxWriter.Typed(0x15, text);
            default -> value;
        };
    }

    private static boolean roundTripsAsSid(String text) {
        String[] parts = text.split("-");
        if (parts.length - 3 > 15) {
            return false;
        }
        for (int i = 2; i < parts.length; i++) {
            if (parts[i].length() > 10 || Long.parseLong(parts[i]) > (i == 2 ? 0xFFFF_FFFF_FFFFL : 0xFFFF_FFFFL)
                    || parts[i].length() > 1 && parts[i].startsWith("0")) {
                return false;
            }
        }
        return true;
    }
}
