package org.timesmith.core.reader.plaso;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.timesmith.core.normalize.PythonFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes plaso's JSON serialisation (acstore/plaso {@code json_serializer}) into plain Java values:
 * strings, {@code Long}/{@code BigInteger}, {@code Double}, booleans, nulls, lists and maps.
 * Tuples become lists, Counters become maps, {@code bytes} (labelled base16 but written as
 * quoted-printable) become UTF-8 text with replacement characters, nested attribute containers
 * lose their envelope. Date-time values and path specifications stay maps carrying their
 * {@code __type__}, because the document rules treat them specially ({@link #isDateTime},
 * {@link #isPathSpec}).
 */
final class PlasoValues {

    static final String TYPE = "__type__";
    static final String CONTAINER_TYPE = "__container_type__";

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** Python's json module may write NaN and Infinity, which strict JSON forbids. */
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Parses one UTF-8 JSON object and decodes its values. */
    Map<String, Object> decodeObject(byte[] json) {
        return decodeMap(mapper.readValue(json, OBJECT));
    }

    /** Parses any JSON value (typed columns hold JSON arrays and objects as text) and decodes it. */
    Object decodeValue(String json) throws JacksonException {
        return decode(mapper.readValue(json, Object.class));
    }

    private Map<String, Object> decodeMap(Map<?, ?> raw) {
        Map<String, Object> decoded = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            decoded.put(String.valueOf(entry.getKey()), decode(entry.getValue()));
        }
        return decoded;
    }

    private Object decode(Object raw) {
        return switch (raw) {
            case Integer number -> number.longValue();
            case Short number -> number.longValue();
            case BigInteger number -> number.bitLength() < 64 ? (Object) number.longValue() : number;
            case List<?> list -> {
                List<Object> decoded = new ArrayList<>(list.size());
                for (Object element : list) {
                    decoded.add(decode(element));
                }
                yield decoded;
            }
            case Map<?, ?> map -> decodeTyped(map);
            case null, default -> raw;
        };
    }

    private Object decodeTyped(Map<?, ?> map) {
        Object type = map.get(TYPE);
        if ("tuple".equals(type)) {
            return decode(map.get("values"));
        }
        if ("bytes".equals(type)) {
            Object stream = map.get("stream");
            return stream == null ? null : new String(quotedPrintable(stream.toString()), StandardCharsets.UTF_8);
        }
        Map<String, Object> decoded = decodeMap(map);
        if ("collections.Counter".equals(type) || "AttributeContainer".equals(type)) {
            decoded.remove(TYPE);
            decoded.remove(CONTAINER_TYPE);
        }
        return decoded;
    }

    /** Python's {@code binascii.a2b_qp}: {@code =XX} escapes and {@code =} soft line breaks. */
    static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '=' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '=' && i + 2 < text.length() && text.charAt(i + 1) == '\r' && text.charAt(i + 2) == '\n') {
                i += 3;
            } else if (c == '=' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                bytes.write(c & 0xff);
                i++;
            }
        }
        return bytes.toByteArray();
    }

    static boolean isDateTime(Object value) {
        return value instanceof Map<?, ?> map && "DateTimeValues".equals(map.get(TYPE));
    }

    static boolean isPathSpec(Object value) {
        return value instanceof Map<?, ?> map && "PathSpec".equals(map.get(TYPE));
    }

    /**
     * A path specification as JSON text the way dfvfs' serializer writes it (Python json.dumps
     * separators, ASCII only). Keys are sorted, because dfvfs' own key order comes from a frozenset
     * and is not stable; sorting gives the same text for the same path spec every time.
     */
    static String pythonJson(Object value) {
        StringBuilder out = new StringBuilder();
        writePythonJson(value, out);
        return out.toString();
    }

    private static void writePythonJson(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Boolean flag -> out.append(flag ? "true" : "false");
            case Double number -> out.append(Double.isNaN(number) ? "NaN"
                    : Double.isInfinite(number) ? (number > 0 ? "Infinity" : "-Infinity")
                    : PythonFormat.floatRepr(number));
            case Number number -> out.append(number);
            case String text -> writePythonString(text, out);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    writePythonJson(list.get(i), out);
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, ?> entry : sorted(map).entrySet()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    writePythonString(entry.getKey(), out);
                    out.append(": ");
                    writePythonJson(entry.getValue(), out);
                }
                out.append('}');
            }
            default -> writePythonString(value.toString(), out);
        }
    }

    private static Map<String, ?> sorted(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(String.valueOf(key), value));
        return sorted;
    }

    private static void writePythonString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
