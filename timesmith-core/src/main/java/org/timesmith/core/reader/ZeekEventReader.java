package org.timesmith.core.reader;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads Zeek's ASCII (TSV) logs, honouring the {@code #separator}, {@code #set_separator},
 * {@code #empty_field}, {@code #unset_field}, {@code #path}, {@code #fields} and {@code #types}
 * headers (also when they reappear mid-file, as in concatenated logs). {@code ts} becomes an exact
 * {@code timestamp} (µs, parsed from the decimal text, never through a double) and
 * {@code datetime}; other values are typed: count/int/port → long, double/interval → double,
 * bool → boolean, time → ISO-8601 UTC text, set/vector → list, unset ({@code -}) → field left out,
 * {@code (empty)} → empty list or {@code ""}. Field names stay flat exactly as Zeek writes them
 * ({@code id.orig_h}), so analysts search {@code id.orig_h:10.0.0.1} as in Zeek's own tools;
 * values keep Zeek's {@code \xHH} escapes. Each record gets {@code data_type} {@code zeek:<path>}
 * and a readable {@code message} for conn, dns, http, ssl, ssh and ntp ({@code k=v} pairs
 * otherwise). Zeek's JSON logs need nothing special: the JSON Lines reader reads them.
 */
public final class ZeekEventReader extends TextLineEventReader {

    private final String fallbackPath;
    private String pending;
    private String separator = "\t";
    private String setSeparator = ",";
    private String emptyField = "(empty)";
    private String unsetField = "-";
    private String path;
    private List<String> fieldNames;
    private List<String> types;
    private long recordNumber;

    private ZeekEventReader(String sourceName, TextInput input) throws IOException {
        super(sourceName, input);
        String base = Path.of(sourceName).getFileName() == null ? "" : Path.of(sourceName).getFileName().toString();
        this.fallbackPath = base.contains(".") ? base.substring(0, base.indexOf('.')) : "unknown";
        this.pending = input.nextLine();
        if (pending == null) {
            throw new InputFormatException(sourceName + ": the file is empty (no Zeek log header)");
        }
    }

    public static ZeekEventReader open(Path file, ReaderOptions options) {
        TextInput input = TextInput.open(file, options.sourceName());
        try {
            return new ZeekEventReader(options.sourceName(), input);
        } catch (IOException e) {
            input.close();
            throw new InputFormatException(options.sourceName() + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    @Override
    protected ReadItem fetch() throws IOException {
        while (true) {
            String line = pending != null ? pending : input.nextLine();
            pending = null;
            if (line == null) {
                return null;
            }
            if (line.startsWith("#")) {
                readDirective(line);
            } else if (!line.isEmpty()) {
                if (fieldNames == null) {
                    throw new InputFormatException(sourceName + ": line " + input.lineNumber()
                            + " has data before any #fields header; not a Zeek ASCII log");
                }
                return decode(line, ++recordNumber, input.lineNumber());
            }
        }
    }

    private void readDirective(String line) {
        if (line.startsWith("#separator ")) {
            separator = unescape(line.substring("#separator ".length()));
            if (separator.isEmpty()) {
                throw new InputFormatException(sourceName + ": line " + input.lineNumber()
                        + ": #separator names no separator");
            }
            return;
        }
        int cut = line.indexOf(separator, 1);
        if (cut < 0) {
            return;
        }
        String name = line.substring(1, cut);
        String value = line.substring(cut + separator.length());
        switch (name) {
            case "set_separator" -> setSeparator = unescape(value);
            case "empty_field" -> emptyField = value;
            case "unset_field" -> unsetField = value;
            case "path" -> path = value;
            case "fields" -> {
                fieldNames = split(value, separator);
                types = null;
            }
            case "types" -> {
                types = split(value, separator);
                if (fieldNames == null || types.size() != fieldNames.size()) {
                    throw new InputFormatException(sourceName + ": line " + input.lineNumber() + ": #types lists "
                            + types.size() + " types but #fields lists "
                            + (fieldNames == null ? 0 : fieldNames.size()) + " fields");
                }
            }
            default -> {
                // #open, #close and unknown directives carry nothing a record needs.
            }
        }
    }

    private ReadItem decode(String line, long number, long lineNumber) {
        List<String> values = split(line, separator);
        if (values.size() != fieldNames.size()) {
            return Rejection.of(sourceName, number, lineNumber, "has " + values.size() + " values but #fields lists "
                    + fieldNames.size());
        }
        String logPath = path != null ? path : fallbackPath;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message", "");
        Long timestamp = null;
        for (int i = 0; i < values.size(); i++) {
            String name = fieldNames.get(i);
            String raw = values.get(i);
            if (raw.equals(unsetField)) {
                continue;
            }
            String type = types == null ? "string" : types.get(i);
            try {
                if (name.equals("ts")) {
                    timestamp = micros(raw);
                } else {
                    fields.put(name, convert(raw, type));
                }
            } catch (NumberFormatException | ArithmeticException e) {
                return Rejection.ofField(sourceName, number, lineNumber, name, "'" + raw + "' is not a valid " + type);
            }
        }
        if (timestamp == null) {
            return Rejection.ofField(sourceName, number, lineNumber, "ts", "the record has no ts");
        }
        fields.put("message", message(logPath, fields));
        fields.put("datetime", UtcTimes.isoMicros(timestamp));
        fields.put("timestamp", timestamp);
        fields.put("timestamp_desc", logPath.equals("conn") ? "Connection Start" : "Event Recorded");
        fields.put("data_type", "zeek:" + logPath);
        return new SourceRecord(number, lineNumber, fields);
    }

    private Object convert(String raw, String type) {
        int bracket = type.indexOf('[');
        if (bracket > 0 && (type.startsWith("set[") || type.startsWith("vector["))) {
            if (raw.equals(emptyField)) {
                return List.of();
            }
            String elementType = type.substring(bracket + 1, type.length() - 1);
            List<Object> list = new ArrayList<>();
            for (String element : split(raw, setSeparator)) {
                list.add(element.equals(unsetField) ? element : convert(element, elementType));
            }
            return list;
        }
        if (raw.equals(emptyField)) {
            return "";
        }
        return switch (type) {
            case "count", "int", "port" -> Long.parseLong(raw);
            case "double", "interval" -> Double.parseDouble(raw);
            case "bool" -> switch (raw) {
                case "T" -> Boolean.TRUE;
                case "F" -> Boolean.FALSE;
                default -> throw new NumberFormatException(raw);
            };
            case "time" -> UtcTimes.isoMicros(micros(raw));
            default -> raw;
        };
    }

    /** Epoch seconds in decimal text to microseconds, exactly (half-even beyond six decimals). */
    static long micros(String epochSeconds) {
        return new BigDecimal(epochSeconds).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static String message(String logPath, Map<String, Object> f) {
        String flow = endpoint(f, "id.orig_h", "id.orig_p") + " -> " + endpoint(f, "id.resp_h", "id.resp_p");
        StringJoiner text = new StringJoiner(" ");
        switch (logPath) {
            case "conn" -> {
                text.add(flow).add(text(f, "proto"));
                optional(text, "", f, "service");
                optional(text, "", f, "conn_state");
                optional(text, "duration ", f, "duration");
                if (f.containsKey("orig_bytes") || f.containsKey("resp_bytes")) {
                    text.add("bytes " + text(f, "orig_bytes") + "/" + text(f, "resp_bytes"));
                }
            }
            case "dns" -> {
                text.add(flow).add("DNS");
                optional(text, "", f, "qtype_name");
                optional(text, "", f, "query");
                optional(text, "", f, "rcode_name");
                optional(text, "answers ", f, "answers");
            }
            case "http" -> {
                text.add(flow).add("HTTP");
                optional(text, "", f, "method");
                text.add(text(f, "host") + text(f, "uri"));
                optional(text, "", f, "status_code");
                optional(text, "", f, "status_msg");
            }
            case "ssl" -> {
                text.add(flow).add("TLS");
                optional(text, "", f, "version");
                optional(text, "server_name ", f, "server_name");
                optional(text, "established ", f, "established");
            }
            case "ssh" -> {
                text.add(flow).add("SSH");
                optional(text, "client ", f, "client");
                optional(text, "server ", f, "server");
                optional(text, "auth_success ", f, "auth_success");
                optional(text, "auth_attempts ", f, "auth_attempts");
            }
            case "ntp" -> {
                text.add(flow).add("NTP");
                optional(text, "version ", f, "version");
                optional(text, "mode ", f, "mode");
                optional(text, "stratum ", f, "stratum");
            }
            default -> f.forEach((name, value) -> {
                if (!name.equals("message")) {
                    text.add(name + "=" + render(value));
                }
            });
        }
        return text.toString();
    }

    private static String endpoint(Map<String, Object> f, String host, String port) {
        String address = text(f, host);
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + text(f, port);
    }

    private static void optional(StringJoiner text, String label, Map<String, Object> f, String name) {
        if (f.containsKey(name)) {
            text.add(label + render(f.get(name)));
        }
    }

    private static String text(Map<String, Object> f, String name) {
        return f.containsKey(name) ? render(f.get(name)) : "-";
    }

    private static String render(Object value) {
        return switch (value) {
            case List<?> list -> String.join(",", list.stream().map(ZeekEventReader::render).toList());
            // Zeek writes 0.000064, not 6.4E-5; the message should read like the log.
            case Double number when Double.isFinite(number) ->
                    BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
            default -> String.valueOf(value);
        };
    }

    private static List<String> split(String text, String separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, start)) {
            parts.add(text.substring(start, at));
            start = at + separator.length();
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** Decodes the {@code \xHH} escapes Zeek uses in header values such as {@code #separator \x09}. */
    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 3 < value.length() && value.charAt(i + 1) == 'x'
                    && Character.digit(value.charAt(i + 2), 16) >= 0 && Character.digit(value.charAt(i + 3), 16) >= 0) {
                out.append((char) Integer.parseInt(value, i + 2, i + 4, 16));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Zeek's TSV logs: the first line is the {@code #separator} header. */
    public static final class Provider implements ReaderProvider {
        @Override
        public ReaderInfo info() {
            return ReaderInfo.text(Format.ZEEK, "Zeek", 100);
        }

        @Override
        public boolean recognises(FileHead head) {
            return head.firstLine().startsWith("#separator");
        }

        @Override
        public EventReader open(Path file, ReaderOptions options) {
            return ZeekEventReader.open(file, options);
        }
    }
}
