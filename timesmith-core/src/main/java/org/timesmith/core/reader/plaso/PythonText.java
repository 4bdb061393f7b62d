package org.timesmith.core.reader.plaso;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders decoded plaso values the way plaso's Python formatters do: {@code str()} and {@code repr()}
 * of scalars, lists and dicts, and the subset of {@code str.format} that plaso's message format
 * strings use ({@code {name}}, {@code {name:04x}}, {@code {name:03o}}, fill, alignment, width). Plaso
 * messages are compared against psort's output, so the Python spellings matter: {@code None},
 * {@code True}, {@code ['a', None]}, {@code 1e-05}.
 */
final class PythonText {

    private PythonText() {
    }

    /** Python's {@code str(value)}. */
    static String str(Object value) {
        if (value instanceof String text) {
            return text;
        }
        return repr(value);
    }

    /** Python's {@code repr(value)}; maps and lists render their members with {@code repr}. */
    static String repr(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean flag -> flag ? "True" : "False";
            case String text -> reprString(text);
            case Double number -> reprFloat(number);
            case Float number -> reprFloat(number.doubleValue());
            case Number number -> number.toString();
            case List<?> list -> join(list.iterator(), "[", "]", PythonText::repr);
            case Map<?, ?> map -> join(map.entrySet().iterator(), "{", "}",
                    entry -> repr(entry.getKey()) + ": " + repr(entry.getValue()));
            default -> value.toString();
        };
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
                    } else if (c < 0x20 || c == 0x7f) {
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
    static String reprFloat(double number) {
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
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    /**
     * Python's {@code template.format(**values)} for named fields.
     *
     * @throws IllegalArgumentException if a named field is missing (Python's KeyError) or a format
     *                                  spec does not fit the value (Python's ValueError)
     */
    static String format(String template, Map<String, Object> values) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '{' in format string: " + template);
                }
                String field = template.substring(i + 1, end);
                int colon = field.indexOf(':');
                String name = colon < 0 ? field : field.substring(0, colon);
                String spec = colon < 0 ? "" : field.substring(colon + 1);
                String conversion = "";
                int bang = name.indexOf('!');
                if (bang >= 0) {
                    conversion = name.substring(bang + 1);
                    name = name.substring(0, bang);
                }
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("no value for field '" + name + "'");
                }
                Object value = values.get(name);
                if (conversion.equals("r")) {
                    value = repr(value);
                }
                out.append(formatValue(value, spec));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The attribute names a format string refers to, in order. */
    static List<String> fieldNames(String template) {
        ArrayList<String> names = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                i += 2;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    break;
                }
                int nameEnd = i + 1;
                while (nameEnd < end && template.charAt(nameEnd) != ':' && template.charAt(nameEnd) != '!') {
                    nameEnd++;
                }
                names.add(template.substring(i + 1, nameEnd));
                i = end + 1;
            } else {
                i++;
            }
        }
        return names;
    }

    /** Python's {@code format(value, spec)} for the spec grammar {@code [[fill]align][sign][#][0][width][,][.precision][type]}. */
    static String formatValue(Object value, String spec) {
        if (spec.isEmpty()) {
            return str(value);
        }
        int i = 0;
        char fill = ' ';
        char align = 0;
        if (spec.length() >= 2 && "<>^=".indexOf(spec.charAt(1)) >= 0) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            i = 2;
        } else if ("<>^=".indexOf(spec.charAt(0)) >= 0) {
            align = spec.charAt(0);
            i = 1;
        }
        char sign = '-';
        if (i < spec.length() && "+- ".indexOf(spec.charAt(i)) >= 0) {
            sign = spec.charAt(i++);
        }
        boolean alternate = false;
        if (i < spec.length() && spec.charAt(i) == '#') {
            alternate = true;
            i++;
        }
        if (i < spec.length() && spec.charAt(i) == '0') {
            if (align == 0) {
                fill = '0';
                align = '=';
            }
            i++;
        }
        int widthStart = i;
        while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
            i++;
        }
        int width = i > widthStart ? Integer.parseInt(spec.substring(widthStart, i)) : 0;
        boolean grouping = false;
        if (i < spec.length() && spec.charAt(i) == ',') {
            grouping = true;
            i++;
        }
        int precision = -1;
        if (i < spec.length() && spec.charAt(i) == '.') {
            int precisionStart = ++i;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            precision = Integer.parseInt(spec.substring(precisionStart, i));
        }
        char type = i < spec.length() ? spec.charAt(i++) : 0;
        if (i != spec.length()) {
            throw new IllegalArgumentException("invalid format specifier '" + spec + "'");
        }

        String body;
        String prefix = "";
        boolean numeric = false;
        if (type == 0 && value instanceof String || type == 's') {
            if (!(value instanceof String)) {
                throw new IllegalArgumentException("format code 's' needs a string, got " + repr(value));
            }
            body = precision >= 0 && precision < ((String) value).length()
                    ? ((String) value).substring(0, precision) : (String) value;
        } else if ("dxXob".indexOf(type) >= 0 && type != 0 || type == 0 && isIntegral(value)) {
            BigInteger number = integral(value, spec);
            numeric = true;
            if (number.signum() < 0) {
                prefix = "-";
                number = number.negate();
            } else if (sign != '-') {
                prefix = String.valueOf(sign);
            }
            int radix = switch (type) {
                case 'x', 'X' -> 16;
                case 'o' -> 8;
                case 'b' -> 2;
                default -> 10;
            };
            body = number.toString(radix);
            if (type == 'X') {
                body = body.toUpperCase(Locale.ROOT);
            }
            if (alternate && radix != 10) {
                prefix += "0" + (type == 0 ? 'd' : type);
            }
            if (grouping && radix == 10) {
                body = String.format(Locale.ROOT, "%,d", number);
            }
        } else if ("fFeEgG%".indexOf(type) >= 0 && type != 0 || type == 0 && value instanceof Number) {
            if (!(value instanceof Number number)) {
                throw new IllegalArgumentException("format code '" + type + "' needs a number, got " + repr(value));
            }
            numeric = true;
            double d = number.doubleValue();
            if (d < 0 || (d == 0 && 1 / d < 0)) {
                prefix = "-";
                d = -d;
            } else if (sign != '-') {
                prefix = String.valueOf(sign);
            }
            int digits = precision < 0 ? 6 : precision;
            body = switch (type) {
                // Python rounds the exact binary value half-even; Formatter alone would round half-up.
                case 'f', 'F' -> String.format(Locale.ROOT, grouping ? "%,." + digits + "f" : "%." + digits + "f",
                        new BigDecimal(d).setScale(digits, RoundingMode.HALF_EVEN));
                case 'e', 'E' -> pythonExponent(String.format(Locale.ROOT, "%." + digits + (type == 'e' ? "e" : "E"), d));
                case '%' -> String.format(Locale.ROOT, "%." + digits + "f", d * 100) + "%";
                case 0 -> precision < 0 ? reprFloat(d) : String.format(Locale.ROOT, "%." + digits + "g", d);
                default -> String.format(Locale.ROOT, "%." + Math.max(digits, 1) + (type == 'g' ? "g" : "G"), d);
            };
        } else {
            throw new IllegalArgumentException("unsupported format code '" + type + "' for " + repr(value));
        }

        int length = prefix.length() + body.length();
        if (length >= width) {
            return prefix + body;
        }
        String padding = String.valueOf(fill).repeat(width - length);
        char effectiveAlign = align != 0 ? align : (numeric ? '>' : '<');
        return switch (effectiveAlign) {
            case '<' -> prefix + body + padding;
            case '^' -> padding.substring(0, padding.length() / 2) + prefix + body
                    + padding.substring(padding.length() / 2);
            case '=' -> prefix + padding + body;
            default -> padding + prefix + body;
        };
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte;
    }

    private static BigInteger integral(Object value, String spec) {
        if (value instanceof Boolean flag) {
            return flag ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (value instanceof BigInteger big) {
            return big;
        }
        if (isIntegral(value)) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        throw new IllegalArgumentException("format '" + spec + "' needs an integer, got " + repr(value));
    }

    /** Java writes exponents as e+5; Python as e+05. */
    private static String pythonExponent(String javaText) {
        int e = Math.max(javaText.indexOf('e'), javaText.indexOf('E'));
        String exponentDigits = javaText.substring(e + 2);
        return exponentDigits.length() >= 2 ? javaText
                : javaText.substring(0, e + 2) + "0" + exponentDigits;
    }
}
