package org.timesmith.core.normalize;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.timesmith.core.time.UnparseableTimeException;

/**
 * Python's {@code str.format}, {@code str()} and {@code repr()} over JSON-like values, the one
 * implementation behind both kinds of message format string Timesmith meets: the one a user gives the
 * importer ({@code '{src_ip:s} connected to {dst_ip:s} on port {port:d}'}, applied by
 * {@link Normalizer} and the client's {@code ImportStreamer}) and the ones of plaso's event
 * formatters ({@code 'Mode: 0o{mode:03o}'}), whose output is compared against psort's, so the
 * Python spellings matter ({@code None}, {@code True}, {@code ['a', None]}, {@code 1e-05}).
 *
 * <p>A format string is compiled once and then applied to the fields of each record. Supported:
 * named fields (a dotted name that is not itself a field walks nested objects), {@code !s}/{@code !r}
 * /{@code !a} conversions, {@code {{} and {@code }}} escapes, and the standard format spec
 * {@code [[fill]align][sign][#][0][width][,|_][.precision][type]} with the types
 * {@code s d x X o b f F e E g G %}. Refused at compile time with an {@link IllegalArgumentException}
 * saying what and where: positional fields ({@code {}}, {@code {0}}), nested fields inside a spec,
 * unbalanced braces and the types {@code c n}.
 *
 * <p>Values are checked when a record is formatted, by one of two {@link Values rules}. Python's
 * ({@link Values#PYTHON}, for plaso) refuses what Python refuses: {@code d} or {@code f} on a string,
 * {@code s} on a number, a spec on a list; a field that is present but {@code null} renders as
 * {@code None}. The importer's ({@link Values#LENIENT}, {@link #compile(String)}) takes text that is a
 * number for {@code d} and {@code f} ({@code "80"} formats with {@code :d}), because CSV values always
 * arrive as strings, and counts a {@code null} field as missing. Either way a record that cannot fill
 * the format string fails with {@link ValueException} naming the field.
 */
public final class PythonFormat {

    /** Which values a replacement field accepts. */
    public enum Values {
        /** As Python: a value must suit its format type; {@code null} is Python's {@code None}. */
        PYTHON,
        /** As the importer: numeric text suits numeric types, {@code s} takes anything, {@code null} is missing. */
        LENIENT
    }

    private static final int MAX_WIDTH = 10_000;
    private static final String TYPES = "sdxXobfFeEgG%";

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
    public static final class ValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        ValueException(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // an expected outcome for a bad record, reported by message; no trace to collect
        }
    }

    private final String pattern;
    private final List<Part> parts;
    private final Values values;
    /** The fields read, in order of first appearance: asked for every plaso event, so worked out once. */
    private final List<String> fields;

    private PythonFormat(String pattern, List<Part> parts, Values values) {
        this.pattern = pattern;
        this.parts = parts;
        this.values = values;
        this.fields = parts.stream().filter(p -> p instanceof Replacement).map(p -> ((Replacement) p).field())
                .distinct().toList();
    }

    /**
     * An importer message format string, with {@link Values#LENIENT} values.
     *
     * @throws IllegalArgumentException saying what is wrong and where, for an invalid format string
     */
    public static PythonFormat compile(String pattern) {
        return compile(pattern, Values.LENIENT);
    }

    /** @throws IllegalArgumentException saying what is wrong and where, for an invalid format string */
    public static PythonFormat compile(String pattern, Values values) {
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
        return new PythonFormat(pattern, List.copyOf(parts), values);
    }

    public String pattern() {
        return pattern;
    }

    /** Names of the fields the format string reads, in order of first appearance. */
    public List<String> fields() {
        return fields;
    }

    /** @throws ValueException when a field is missing, or its value does not fit its type */
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

    /** The field's value; {@code null} only for a present {@code null} under {@link Values#PYTHON}. */
    private Object lookup(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        boolean present = value != null || fields.containsKey(name);
        if (value == null && name.indexOf('.') > 0) {
            Object node = fields;
            boolean found = true;
            for (String step : name.split("\\.")) {
                if (node instanceof Map<?, ?> map && map.containsKey(step)) {
                    node = map.get(step);
                } else {
                    found = false;
                    break;
                }
            }
            if (found) {
                value = node;
                present = true;
            }
        }
        if (value == null && (values == Values.LENIENT || !present)) {
            throw new ValueException(name, "field '" + name + "' needed by the message format string is missing");
        }
        return value;
    }

    private void render(StringBuilder out, Replacement replacement, Object raw) {
        Spec spec = replacement.spec();
        String field = replacement.field();
        Object value = switch (replacement.conversion()) {
            case 'r' -> repr(raw);
            case 'a' -> ascii(raw);
            case 's' -> str(raw);
            default -> raw;
        };
        if (spec.equals(Spec.EMPTY)) {
            out.append(str(value)); // Python: format(value, '') is str(value), whatever the type
            return;
        }
        boolean negative = false;
        String body;
        boolean numeric = true;
        char type = spec.type();
        if (type == '\0' && value instanceof Boolean flag && values == Values.PYTHON) {
            value = flag ? 1L : 0L; // bool is an int to Python's format spec: format(True, '>3') is '  1'
        }
        if ("dxXob".indexOf(type) >= 0 && type != '\0' || type == '\0' && isIntegral(value)) {
            if (spec.precision() >= 0) {
                throw new ValueException(field, "field '" + field + "' value " + UnparseableTimeException.quote(value)
                        + " is an integer, which takes no precision");
            }
            BigInteger integer = integer(field, value, type == '\0' ? 'd' : type);
            negative = integer.signum() < 0;
            body = integer(integer.abs(), type, spec);
        } else if ("fFeEgG%".indexOf(type) >= 0 && type != '\0' || type == '\0' && isReal(value)) {
            Number number = real(field, value, type == '\0' ? 'g' : type);
            negative = number instanceof Double d ? Math.copySign(1.0, d) < 0 : ((BigDecimal) number).signum() < 0;
            body = real(number, type, spec);
        } else {
            numeric = false;
            if (values == Values.PYTHON && !(value instanceof String)) {
                throw new ValueException(field, "field '" + field + "' value " + UnparseableTimeException.quote(value)
                        + " cannot take the format spec of '{" + field + "}'" + (type == 's' ? " (format type 's' needs text)" : ""));
            }
            if (values == Values.PYTHON && (spec.sign() != '\0' || spec.grouping() != '\0' || spec.alternate()
                    || spec.align() == '=')) {
                throw new ValueException(field, "field '" + field + "' is text, which takes no sign, '#', grouping or "
                        + "'=' alignment");
            }
            body = str(value);
            if (spec.precision() >= 0 && body.codePointCount(0, body.length()) > spec.precision()) {
                body = body.substring(0, body.offsetByCodePoints(0, spec.precision()));
            }
        }
        String prefix = !numeric ? "" : negative ? "-" : spec.sign() == '+' ? "+" : spec.sign() == ' ' ? " " : "";
        if (spec.alternate() && "xXob".indexOf(type) >= 0 && type != '\0') {
            prefix += "0" + type;
        }
        int padding = spec.width() - prefix.length() - body.codePointCount(0, body.length());
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

    private static String integer(BigInteger magnitude, char type, Spec spec) {
        int radix = switch (type) {
            case 'x', 'X' -> 16;
            case 'o' -> 8;
            case 'b' -> 2;
            default -> 10;
        };
        String body = group(magnitude.toString(radix), spec.grouping(), radix == 10 ? 3 : 4);
        return type == 'X' ? body.toUpperCase(Locale.ROOT) : body;
    }

    /** Floating-point types, and no type on a float; {@code number} is a Double or an exact BigDecimal. */
    private static String real(Number number, char type, Spec spec) {
        boolean upper = type == 'F' || type == 'E' || type == 'G';
        if (type == '%' && number instanceof Double d) {
            number = d * 100; // as Python does: in float arithmetic, before the digits are chosen
        }
        if (number instanceof Double d && !Double.isFinite(d)) {
            String text = Double.isNaN(d) ? "nan" : "inf";
            return (upper ? text.toUpperCase(Locale.ROOT) : text) + (type == '%' ? "%" : "");
        }
        BigDecimal magnitude = (number instanceof BigDecimal exact ? exact : new BigDecimal((Double) number)).abs();
        int precision = spec.precision();
        String body = switch (type) {
            case 'f', 'F' -> fixed(magnitude, precision < 0 ? 6 : precision, spec.alternate());
            case '%' -> fixed(number instanceof Double ? magnitude : magnitude.movePointRight(2),
                    precision < 0 ? 6 : precision, spec.alternate());
            case 'e', 'E' -> scientific(magnitude, precision < 0 ? 6 : precision, spec.alternate());
            case 'g', 'G' -> general(magnitude, precision < 0 ? 6 : Math.max(precision, 1), spec.alternate(), false);
            default -> precision >= 0 ? general(magnitude, Math.max(precision, 1), spec.alternate(), true)
                    : number instanceof Double d ? floatRepr(Math.abs(d)) : magnitude.toPlainString();
        };
        if (upper) {
            body = body.toUpperCase(Locale.ROOT);
        }
        int end = body.indexOf('.');
        end = end >= 0 ? end : body.indexOf('e') >= 0 || body.indexOf('E') >= 0 ? -1 : body.length();
        if (end >= 0 && spec.grouping() != '\0') {
            body = group(body.substring(0, end), spec.grouping(), 3) + body.substring(end);
        }
        return type == '%' ? body + "%" : body;
    }

    private static String fixed(BigDecimal magnitude, int precision, boolean alternate) {
        String text = magnitude.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return alternate && precision == 0 ? text + "." : text;
    }

    private static String scientific(BigDecimal magnitude, int precision, boolean alternate) {
        String digits;
        int exponent;
        if (magnitude.signum() == 0) {
            digits = "0";
            exponent = 0;
        } else {
            BigDecimal rounded = magnitude.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            digits = rounded.unscaledValue().toString();
            exponent = digits.length() - 1 - rounded.scale();
        }
        StringBuilder text = new StringBuilder(precision + 8).append(digits.charAt(0));
        if (precision > 0 || alternate) {
            text.append('.');
        }
        for (int i = 1; i <= precision; i++) {
            text.append(i < digits.length() ? digits.charAt(i) : '0');
        }
        return text.append(exponent < 0 ? "e-" : "e+").append(exponent(Math.abs(exponent))).toString();
    }

    /**
     * Python's {@code g} with {@code precision} significant digits; {@code noType} is the format
     * with no type and a precision, which keeps one digit after the point and turns to exponent
     * notation one digit earlier.
     */
    private static String general(BigDecimal magnitude, int precision, boolean alternate, boolean noType) {
        int exponent = 0;
        if (magnitude.signum() != 0) {
            BigDecimal rounded = magnitude.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            exponent = rounded.precision() - rounded.scale() - 1;
        }
        String text;
        if (exponent >= -4 && exponent < (noType ? precision - 1 : precision)) {
            text = fixed(magnitude, precision - 1 - exponent, alternate);
        } else {
            text = scientific(magnitude, precision - 1, alternate);
        }
        if (!alternate) {
            int e = text.indexOf('e');
            String mantissa = e < 0 ? text : text.substring(0, e);
            if (mantissa.indexOf('.') >= 0) {
                mantissa = mantissa.replaceAll("0+$", "");
                mantissa = mantissa.endsWith(".") ? mantissa.substring(0, mantissa.length() - 1) : mantissa;
            }
            if (noType && e < 0 && mantissa.indexOf('.') < 0) {
                mantissa += ".0";
            }
            text = e < 0 ? mantissa : mantissa + text.substring(e);
        }
        return text;
    }

    private static String exponent(int exponent) {
        return exponent < 10 ? "0" + exponent : Integer.toString(exponent);
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

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte;
    }

    private static boolean isReal(Object value) {
        return value instanceof Double || value instanceof Float || value instanceof BigDecimal;
    }

    private BigInteger integer(String field, Object value, char type) {
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
                if (values == Values.LENIENT) {
                    try {
                        return switch (value) {
                            case Double number -> new BigDecimal(number).toBigIntegerExact();
                            case Float number -> new BigDecimal(number.doubleValue()).toBigIntegerExact();
                            case BigDecimal number -> number.toBigIntegerExact();
                            default -> new BigDecimal(str(value).strip()).toBigIntegerExact();
                        };
                    } catch (ArithmeticException | NumberFormatException e) {
                        // not an integer: reported below
                    }
                }
                throw new ValueException(field, "field '" + field + "' value " + UnparseableTimeException.quote(value)
                        + " is not an integer (format type '" + type + "')");
            }
        }
    }

    /** A Double (Python's float, which ints are converted to) or, as given, an exact BigDecimal. */
    private Number real(String field, Object value, char type) {
        switch (value) {
            case Double number -> {
                return number;
            }
            case Float number -> {
                return number.doubleValue();
            }
            case BigDecimal number -> {
                return number;
            }
            case Boolean flag -> {
                return flag ? 1.0 : 0.0;
            }
            case Number number when isIntegral(number) -> {
                return number.doubleValue();
            }
            default -> {
                if (values == Values.LENIENT && value != null) {
                    try {
                        return new BigDecimal(str(value).strip());
                    } catch (NumberFormatException e) {
                        // not a number: reported below
                    }
                }
                throw new ValueException(field, "field '" + field + "' value " + UnparseableTimeException.quote(value)
                        + " is not a number (format type '" + type + "')");
            }
        }
    }

    /** Python's {@code str()} of a JSON-like value: text as it is, everything else as {@link #repr}. */
    public static String str(Object value) {
        return value instanceof String text ? text : repr(value);
    }

    /** Python's {@code repr()}; lists and maps render their members with {@code repr}. */
    public static String repr(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean flag -> flag ? "True" : "False";
            case String text -> reprString(text);
            case Double number -> floatRepr(number);
            case Float number -> floatRepr(number.doubleValue());
            case BigDecimal number -> number.toPlainString();
            case List<?> list -> join(list.iterator(), "[", "]", PythonFormat::repr);
            case Map<?, ?> map -> join(map.entrySet().iterator(), "{", "}",
                    entry -> repr(entry.getKey()) + ": " + repr(entry.getValue()));
            default -> value.toString();
        };
    }

    /** Python's {@code ascii()}: {@link #repr} with every non-ASCII character escaped. */
    public static String ascii(Object value) {
        String text = repr(value);
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x80) {
                out.append((char) c);
            } else if (c < 0x100) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else if (c < 0x10000) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.append(String.format(Locale.ROOT, "\\U%08x", c));
            }
        });
        return out.toString();
    }

    private static <T> String join(Iterator<T> items, String open, String close, Function<T, String> render) {
        StringBuilder text = new StringBuilder(open);
        while (items.hasNext()) {
            text.append(render.apply(items.next()));
            if (items.hasNext()) {
                text.append(", ");
            }
        }
        return text.append(close).toString();
    }

    private static String reprString(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /** Python's float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    public static String floatRepr(double number) {
        if (Double.isNaN(number)) {
            return "nan";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "inf" : "-inf";
        }
        if (number == 0) {
            return (1 / number < 0) ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(number)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = decimal.signum() < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exponent(Math.abs(exponent));
    }
}
