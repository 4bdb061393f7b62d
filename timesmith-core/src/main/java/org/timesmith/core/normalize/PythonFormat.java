package org.timesmith.core.normalize;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.timesmith.core.time.UnparseableTimeException;

/**
 * A message format string in Python {@code str.format} syntax, as Timesketch's importer takes it
 * ({@code '{src_ip:s} connected to {dst_ip:s} on port {port:d}'}), compiled once and applied to the
 * fields of each record.
 *
 * <p>Supported: named fields (a dotted name that is not itself a field walks nested objects),
 * {@code !s}/{@code !r}/{@code !a} conversions, {@code {{} and {@code }}} escapes, and the standard
 * format spec {@code [[fill]align][sign][#][0][width][,|_][.precision][type]} with the types
 * {@code s d x X o b f F e E %}. Not supported, and refused at compile time with a clear message:
 * positional fields ({@code {}}, {@code {0}}), nested fields inside a spec, and the types
 * {@code c g G n}. Python raises an error when {@code d} or {@code f} meets a string; Timesmith is
 * lenient where the text is a number ({@code "80"} formats with {@code :d}), because CSV values
 * always arrive as strings. A field that is absent or null, or a value that cannot take the
 * requested type, fails that record with {@link ValueException} naming the field.
 */
public final class PythonFormat {

    private static final int MAX_WIDTH = 10_000;
    private static final String TYPES = "sdxXobfFeE%";

    private sealed interface Part permits Literal, Replacement {
    }

    private record Literal(String text) implements Part {
    }

    private record Replacement(String field, char conversion, Spec spec) implements Part {
    }

    private record Spec(char fill, char align, char sign, boolean alternate, int width, char grouping,
                        int precision, char type) {
        static final Spec EMPTY = new Spec(' ', '\0', '\0', false, 0, '\0', -1, '\0');
    }

    /** A record whose fields cannot fill the format string: the field and why. */
    public static final class ValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        ValueException(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final String pattern;
    private final List<Part> parts;

    private PythonFormat(String pattern, List<Part> parts) {
        this.pattern = pattern;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException saying what is wrong and where, for an invalid format string */
    public static PythonFormat compile(String pattern) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int length = pattern.length();
        int i = 0;
        while (i < length) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 1 < length && pattern.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < length && pattern.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '}') {
                throw invalid(pattern, "single '}' at position " + i + " (write '}}' for a literal brace)");
            } else if (c == '{') {
                int end = i + 1;
                while (end < length && pattern.charAt(end) != '}') {
                    if (pattern.charAt(end) == '{') {
                        throw invalid(pattern, "nested '{' at position " + end + " is not supported");
                    }
                    end++;
                }
                if (end == length) {
                    throw invalid(pattern, "'{' at position " + i + " is never closed");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(replacement(pattern, pattern.substring(i + 1, end)));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new PythonFormat(pattern, List.copyOf(parts));
    }

    public String pattern() {
        return pattern;
    }

    /** Names of the fields the format string reads, in order of appearance. */
    public List<String> fields() {
        List<String> names = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Replacement replacement && !names.contains(replacement.field())) {
                names.add(replacement.field());
            }
        }
        return names;
    }

    /** @throws ValueException when a field is missing or null, or its value does not fit its type */
    public String format(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder(64);
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> out.append(literal.text());
                case Replacement replacement -> render(out, replacement, lookup(fields, replacement.field()));
            }
        }
        return out.toString();
    }

    private static IllegalArgumentException invalid(String pattern, String why) {
        return new IllegalArgumentException("invalid message format string '" + pattern + "': " + why);
    }

    private static Replacement replacement(String pattern, String content) {
        int stop = 0;
        while (stop < content.length() && content.charAt(stop) != '!' && content.charAt(stop) != ':') {
            stop++;
        }
        String name = content.substring(0, stop);
        if (name.isBlank() || name.chars().allMatch(Character::isDigit)) {
            throw invalid(pattern, "positional field '{" + content + "}' is not supported; name the field, "
                    + "e.g. '{message}'");
        }
        char conversion = '\0';
        if (stop < content.length() && content.charAt(stop) == '!') {
            if (stop + 1 >= content.length() || "rsa".indexOf(content.charAt(stop + 1)) < 0
                    || (stop + 2 < content.length() && content.charAt(stop + 2) != ':')) {
                throw invalid(pattern, "conversion in '{" + content + "}' must be !s, !r or !a");
            }
            conversion = content.charAt(stop + 1);
            stop += 2;
        }
        Spec spec = stop < content.length() ? spec(pattern, content.substring(stop + 1)) : Spec.EMPTY;
        return new Replacement(name, conversion, spec);
    }

    private static Spec spec(String pattern, String spec) {
        int length = spec.length();
        int i = 0;
        char fill = ' ';
        char align = '\0';
        if (length >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            i = 2;
        } else if (length >= 1 && "<>=^".indexOf(spec.charAt(0)) >= 0) {
            align = spec.charAt(0);
            i = 1;
        }
        char sign = '\0';
        if (i < length && "+- ".indexOf(spec.charAt(i)) >= 0) {
            sign = spec.charAt(i++);
        }
        boolean alternate = false;
        if (i < length && spec.charAt(i) == '#') {
            alternate = true;
            i++;
        }
        if (i < length && spec.charAt(i) == '0') {
            if (align == '\0') {
                fill = '0';
                align = '=';
            }
            i++;
        }
        int width = 0;
        while (i < length && Character.isDigit(spec.charAt(i))) {
            width = width * 10 + (spec.charAt(i++) - '0');
            if (width > MAX_WIDTH) {
                throw invalid(pattern, "width in '" + spec + "' exceeds " + MAX_WIDTH);
            }
        }
        char grouping = '\0';
        if (i < length && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
            grouping = spec.charAt(i++);
        }
        int precision = -1;
        if (i < length && spec.charAt(i) == '.') {
            int start = ++i;
            precision = 0;
            while (i < length && Character.isDigit(spec.charAt(i))) {
                precision = precision * 10 + (spec.charAt(i++) - '0');
                if (precision > MAX_WIDTH) {
                    throw invalid(pattern, "precision in '" + spec + "' exceeds " + MAX_WIDTH);
                }
            }
            if (i == start) {
                throw invalid(pattern, "'.' in '" + spec + "' must be followed by a precision");
            }
        }
        char type = '\0';
        if (i < length) {
            type = spec.charAt(i++);
            if (TYPES.indexOf(type) < 0) {
                throw invalid(pattern, "format type '" + type + "' in '" + spec + "' is not supported (use one of "
                        + TYPES + ")");
            }
        }
        if (i < length) {
            throw invalid(pattern, "cannot read format spec '" + spec + "'");
        }
        if (type == 's' && (sign != '\0' || grouping != '\0' || align == '=' || alternate)) {
            throw invalid(pattern, "sign, '#', grouping and '=' alignment are not allowed with 's' in '" + spec + "'");
        }
        if ("dxXob".indexOf(type) >= 0 && precision >= 0) {
            throw invalid(pattern, "precision is not allowed with integer type '" + type + "' in '" + spec + "'");
        }
        return new Spec(fill, align, sign, alternate, width, grouping, precision, type);
    }

    private static Object lookup(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null && name.indexOf('.') > 0) {
            Object node = fields;
            for (String step : name.split("\\.")) {
                node = node instanceof Map<?, ?> map ? map.get(step) : null;
            }
            value = node;
        }
        if (value == null) {
            throw new ValueException(name, "field '" + name + "' needed by the message format string is missing");
        }
        return value;
    }

    private static void render(StringBuilder out, Replacement replacement, Object raw) {
        Spec spec = replacement.spec();
        Object value = switch (replacement.conversion()) {
            case 'r', 'a' -> repr(raw);
            case 's' -> str(raw);
            default -> raw;
        };
        String prefix = "";
        String body;
        boolean numeric;
        switch (spec.type()) {
            case 'd', 'x', 'X', 'o', 'b' -> {
                BigInteger integer = integer(replacement.field(), value, spec.type());
                prefix = sign(integer.signum() < 0, spec.sign());
                int radix = switch (spec.type()) {
                    case 'x', 'X' -> 16;
                    case 'o' -> 8;
                    case 'b' -> 2;
                    default -> 10;
                };
                body = group(integer.abs().toString(radix), spec.grouping(), radix == 10 ? 3 : 4);
                if (spec.type() == 'X') {
                    body = body.toUpperCase(Locale.ROOT);
                }
                if (spec.alternate() && radix != 10) {
                    prefix += "0" + (spec.type() == 'o' ? "o" : spec.type() == 'b' ? "b" : String.valueOf(spec.type()));
                }
                numeric = true;
            }
            case 'f', 'F', '%', 'e', 'E' -> {
                BigDecimal decimal = decimal(replacement.field(), value, spec.type());
                prefix = sign(decimal.signum() < 0, spec.sign());
                int precision = spec.precision() < 0 ? 6 : spec.precision();
                BigDecimal magnitude = decimal.abs();
                if (spec.type() == 'e' || spec.type() == 'E') {
                    body = String.format(Locale.ROOT, "%." + precision + "e", magnitude);
                    body = spec.type() == 'E' ? body.toUpperCase(Locale.ROOT) : body;
                } else {
                    if (spec.type() == '%') {
                        magnitude = magnitude.movePointRight(2);
                    }
                    String fixed = magnitude.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
                    int point = fixed.indexOf('.');
                    String whole = point < 0 ? fixed : fixed.substring(0, point);
                    String fraction = point < 0 ? (spec.alternate() ? "." : "") : fixed.substring(point);
                    body = group(whole, spec.grouping(), 3) + fraction + (spec.type() == '%' ? "%" : "");
                }
                numeric = true;
            }
            default -> {
                numeric = spec.type() == '\0' && (value instanceof Number);
                if (numeric && (spec.sign() != '\0' || spec.grouping() != '\0')) {
                    BigDecimal decimal = decimal(replacement.field(), value, 'f');
                    prefix = sign(decimal.signum() < 0, spec.sign());
                    String text = str(value);
                    body = text.startsWith("-") ? text.substring(1) : text;
                    int point = body.indexOf('.');
                    body = point < 0 ? group(body, spec.grouping(), 3)
                            : group(body.substring(0, point), spec.grouping(), 3) + body.substring(point);
                } else {
                    body = str(value);
                    if (spec.precision() >= 0 && body.length() > spec.precision()) {
                        body = body.substring(0, spec.precision());
                    }
                }
            }
        }
        int padding = spec.width() - prefix.length() - body.length();
        if (padding <= 0) {
            out.append(prefix).append(body);
            return;
        }
        char align = spec.align() != '\0' ? spec.align() : numeric ? '>' : '<';
        switch (align) {
            case '<' -> out.append(prefix).append(body).repeat(spec.fill(), padding);
            case '^' -> out.repeat(spec.fill(), padding / 2).append(prefix).append(body)
                    .repeat(spec.fill(), padding - padding / 2);
            case '=' -> out.append(prefix).repeat(spec.fill(), padding).append(body);
            default -> out.repeat(spec.fill(), padding).append(prefix).append(body);
        }
    }

    private static String sign(boolean negative, char sign) {
        if (negative) {
            return "-";
        }
        return sign == '+' ? "+" : sign == ' ' ? " " : "";
    }

    private static String group(String digits, char separator, int every) {
        if (separator == '\0' || digits.length() <= every) {
            return digits;
        }
        StringBuilder grouped = new StringBuilder(digits.length() + digits.length() / every);
        int first = digits.length() % every;
        if (first > 0) {
            grouped.append(digits, 0, first);
        }
        for (int i = first; i < digits.length(); i += every) {
            if (!grouped.isEmpty()) {
                grouped.append(separator);
            }
            grouped.append(digits, i, i + every);
        }
        return grouped.toString();
    }

    private static BigInteger integer(String field, Object value, char type) {
        switch (value) {
            case Long number -> {
                return BigInteger.valueOf(number);
            }
            case Integer number -> {
                return BigInteger.valueOf(number);
            }
            case Short number -> {
                return BigInteger.valueOf(number);
            }
            case Byte number -> {
                return BigInteger.valueOf(number);
            }
            case BigInteger number -> {
                return number;
            }
            case Boolean flag -> {
                return flag ? BigInteger.ONE : BigInteger.ZERO;
            }
            default -> {
                try {
                    BigDecimal decimal = value instanceof Number number ? new BigDecimal(str(number))
                            : new BigDecimal(str(value).strip());
                    return decimal.toBigIntegerExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new ValueException(field, "field '" + field + "' value "
                            + UnparseableTimeException.quote(value)
                            + " is not an integer (format type '" + type + "')");
                }
            }
        }
    }

    private static BigDecimal decimal(String field, Object value, char type) {
        try {
            return switch (value) {
                case BigDecimal number -> number;
                case Double number -> new BigDecimal(number);
                case Float number -> new BigDecimal(number.doubleValue());
                case Boolean flag -> flag ? BigDecimal.ONE : BigDecimal.ZERO;
                case Number number -> new BigDecimal(number.toString());
                default -> new BigDecimal(str(value).strip());
            };
        } catch (NumberFormatException e) {
            throw new ValueException(field, "field '" + field + "' value "
                    + UnparseableTimeException.quote(value)
                    + " is not a number (format type '" + type + "')");
        }
    }

    /** Python's {@code str()} of a JSON-like value. */
    static String str(Object value) {
        return switch (value) {
            case null -> "None";
            case String text -> text;
            case Boolean flag -> flag ? "True" : "False";
            case Double number -> pythonFloat(number);
            case Float number -> pythonFloat(number.doubleValue());
            case BigDecimal number -> number.toPlainString();
            case List<?> list -> {
                StringBuilder text = new StringBuilder("[");
                for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                    text.append(repr(it.next()));
                    if (it.hasNext()) {
                        text.append(", ");
                    }
                }
                yield text.append(']').toString();
            }
            case Map<?, ?> map -> {
                StringBuilder text = new StringBuilder("{");
                for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<?, ?> entry = it.next();
                    text.append(repr(entry.getKey())).append(": ").append(repr(entry.getValue()));
                    if (it.hasNext()) {
                        text.append(", ");
                    }
                }
                yield text.append('}').toString();
            }
            default -> value.toString();
        };
    }

    /** Python's {@code repr()}: strings quoted, everything else as {@link #str}. */
    static String repr(Object value) {
        if (value instanceof String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return str(value);
    }

    private static String pythonFloat(double number) {
        if (Double.isNaN(number)) {
            return "nan";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(number);
        if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
            return Double.toString(number).replace("E", "e");
        }
        String plain = new BigDecimal(Double.toString(number)).toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
