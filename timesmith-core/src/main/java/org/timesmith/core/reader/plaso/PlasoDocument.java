package org.timesmith.core.reader.plaso;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.timesmith.core.normalize.PythonFormat;
import org.timesmith.core.reader.WindowsEventRecords;

/**
 * Turns one plaso event (its event row, event data, event data stream and tag labels) into the
 * document psort's {@code opensearch_ts} output writes for Timesketch (doc §9.1), so a plaso file
 * imported into Timesmith gives the same fields as in Timesketch. One deliberate addition:
 * {@code filename} falls back to the event data stream's path when the event data has none
 * (Timesketch leaves EVTX events without a filename), so every plaso event says which file it
 * came from.
 */
final class PlasoDocument {

    /** What psort writes in place of a computed value that is None. */
    static final String NONE = "-";

    private static final DateTimeFormatter DATETIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    /** Event data attributes that do not take part in plaso's event values hash (doc §9.3). */
    private static final Set<String> NOT_HASHED = Set.of("_event_data_stream_identifier", "_event_values_hash",
            "_parser_chain", "data_type");

    private static final String WINDOWS_EVTX = "windows:evtx:record";

    private static final Set<String> COMPRESSED_PATH_SPEC_TYPES = Set.of("COMPRESSED_STREAM", "GZIP");

    private PlasoDocument() {
    }

    static Map<String, Object> build(long timestamp, String timestampDesc, Map<String, Object> eventData,
                                     Map<String, Object> stream, List<String> labels) {
        Map<String, Object> document = new LinkedHashMap<>();
        for (Map.Entry<String, Object> attribute : eventData.entrySet()) {
            String name = attribute.getKey();
            Object value = attribute.getValue();
            if (name.equals("_parser_chain")) {
                document.put("parser", value);
            } else if (!name.startsWith("_") && !isDateValue(value)) {
                document.put(name, documentValue(value));
            }
        }
        for (Map.Entry<String, Object> attribute : stream.entrySet()) {
            document.put(attribute.getKey(), documentValue(attribute.getValue()));
        }
        Object pathSpec = stream.get("path_spec");
        document.put("datetime", datetime(timestamp));
        document.put("timestamp", timestamp);
        document.put("timestamp_desc", timestampDesc == null ? NONE : timestampDesc);
        document.put("display_name", displayName(eventData.get("display_name"), pathSpec));
        if (document.get("filename") == null && location(pathSpec) != null) {
            document.put("filename", location(pathSpec));
        }
        Object dataType = eventData.get("data_type");
        MessageFormatters.Rendered rendered = MessageFormatters.render(dataType == null ? null : dataType.toString(), eventData);
        document.put("message", rendered.message());
        document.put("source_long", rendered.sourceLong());
        document.put("source_short", rendered.sourceShort());
        document.put("tag", labels);
        if (document.get("inode") instanceof Number inode) {
            document.put("inode", inode.toString());
        }
        if (WINDOWS_EVTX.equals(dataType) && document.get("xml_string") instanceof String xml) {
            addSigmaFields(xml, document);
        }
        return document;
    }

    /**
     * Sigma's names for an EVTX record ({@code EventID}, {@code Channel}, {@code Provider_Name}, the
     * {@code EventData} names …) from its XML, beside plaso's own attributes, which win on a clash. XML
     * that cannot be parsed leaves the event as plaso made it, with the reason in {@code
     * xml_string_error} so the gap is visible and searchable.
     */
    private static void addSigmaFields(String xml, Map<String, Object> document) {
        try {
            WindowsEventRecords.sigmaFieldsOfXml(xml).forEach(document::putIfAbsent);
        } catch (IllegalArgumentException e) {
            document.put("xml_string_error", e.getMessage());
        }
    }

    /** {@code 2012-03-14T04:17:43.354563+00:00}: always UTC, always six fraction digits, as psort writes it. */
    static String datetime(long timestampMicros) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(timestampMicros, 1_000_000L),
                Math.floorMod(timestampMicros, 1_000_000L) * 1000L);
        return DATETIME.format(instant);
    }

    /** Date-time values, and lists of them, are not document fields: the events were made from them. */
    static boolean isDateValue(Object value) {
        return PlasoValues.isDateTime(value)
                || value instanceof List<?> list && !list.isEmpty() && PlasoValues.isDateTime(list.getFirst());
    }

    private static Object documentValue(Object value) {
        if (PlasoValues.isPathSpec(value)) {
            return PlasoValues.pythonJson(value);
        }
        if (value instanceof BigInteger big) {
            // Wider than any stored long; kept exact as text rather than silently truncated.
            return big.toString();
        }
        return value;
    }

    /**
     * The event data's display name, else {@code TYPE:location} of the stream's path spec (doc §9.1:
     * compressed streams show their parent, a volume shadow copy adds {@code VSSn:}), else {@code -}.
     */
    static String displayName(Object eventDataDisplayName, Object pathSpec) {
        if (eventDataDisplayName instanceof String name && !name.isEmpty()) {
            return name;
        }
        if (!(pathSpec instanceof Map<?, ?> spec)) {
            return NONE;
        }
        while (COMPRESSED_PATH_SPEC_TYPES.contains(String.valueOf(spec.get("type_indicator")))
                && spec.get("parent") instanceof Map<?, ?> parent) {
            spec = parent;
        }
        String vss = "";
        for (Map<?, ?> ancestor = spec; ancestor != null;
             ancestor = ancestor.get("parent") instanceof Map<?, ?> parent ? parent : null) {
            if ("VSHADOW".equals(ancestor.get("type_indicator")) && ancestor.get("store_index") instanceof Number index) {
                vss = "VSS" + (index.longValue() + 1) + ":";
                break;
            }
        }
        Object location = spec.get("location");
        return vss + spec.get("type_indicator") + ":" + (location == null ? "" : location);
    }

    private static String location(Object pathSpec) {
        return pathSpec instanceof Map<?, ?> spec && spec.get("location") instanceof String location ? location : null;
    }

    /**
     * A stand-in for plaso's {@code _event_values_hash} for files that do not store it (formats before
     * 20230107): the MD5 of the event data and stream attributes rendered as plaso renders them. It
     * only has to be equal for equal events, which is all psort's de-duplication compares.
     */
    static String eventValuesHash(Map<String, Object> eventData, Map<String, Object> stream) {
        List<String> parts = new ArrayList<>();
        parts.add("data_type: " + PythonFormat.str(eventData.get("data_type")));
        new TreeMap<>(eventData).forEach((name, value) -> {
            if (value != null && !NOT_HASHED.contains(name) && !isDateValue(value)) {
                parts.add(name + ": " + PythonFormat.str(value));
            }
        });
        new TreeMap<>(stream).forEach((name, value) -> parts.add(name + ": "
                + (PlasoValues.isPathSpec(value) ? PlasoValues.pythonJson(value) : PythonFormat.str(value))));
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(String.join(", ", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JVM", e);
        }
    }
}
