package org.timesmith.core.reader.plaso;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.core.normalize.PythonFormat;

/**
 * One plaso event formatter (the content of a {@code plaso/data/formatters/*.yaml} document): how
 * the {@code message} of one data type is built from its event data attributes, plus the
 * {@code source_long}/{@code source_short} it reports. Conditional formatters drop every piece
 * whose attribute is missing or None; basic formatters are one format string.
 *
 * @param dataType    the plaso data type it applies to
 * @param conditional whether pieces are dropped when their attribute is None
 * @param pieces      the format string pieces (one piece for a basic formatter), compiled with Python's
 *                    value rules
 * @param separator   what joins the kept pieces
 * @param source      becomes {@code source_long}
 * @param shortSource becomes {@code source_short}
 * @param helpers     derive attributes before formatting, in plaso's order (boolean, enumeration, flags)
 */
record MessageFormatter(String dataType, boolean conditional, List<PythonFormat> pieces, String separator,
                        String source, String shortSource, List<Helper> helpers) {

    MessageFormatter {
        pieces = List.copyOf(pieces);
        helpers = List.copyOf(helpers);
    }

    static MessageFormatter conditional(String dataType, String source, String shortSource, String separator,
                                        List<Helper> helpers, String... pieces) {
        return new MessageFormatter(dataType, true, compile(pieces), separator, source, shortSource, helpers);
    }

    static MessageFormatter basic(String dataType, String source, String shortSource, String message) {
        return new MessageFormatter(dataType, false, compile(message), "", source, shortSource, List.of());
    }

    private static List<PythonFormat> compile(String... pieces) {
        return Arrays.stream(pieces).map(piece -> PythonFormat.compile(piece, PythonFormat.Values.PYTHON)).toList();
    }

    /** Derives one attribute from others before formatting. */
    sealed interface Helper permits BooleanHelper, EnumerationHelper, FlagsHelper {
        void apply(Map<String, Object> values);
    }

    /** Output is {@code ifTrue} when the input is truthy in Python's sense, else {@code ifFalse}. */
    record BooleanHelper(String input, String output, Optional<String> ifTrue, Optional<String> ifFalse)
            implements Helper {
        @Override
        public void apply(Map<String, Object> values) {
            values.put(output, (truthy(values.get(input)) ? ifTrue : ifFalse).orElse(null));
        }
    }

    /** Maps a code to a name; a code not in the map becomes {@code defaultValue} or stays as it is. */
    record EnumerationHelper(String input, String output, Map<Long, String> names, Optional<String> defaultValue)
            implements Helper {
        @Override
        public void apply(Map<String, Object> values) {
            Object value = values.get(input);
            if (value == null) {
                return;
            }
            String name = value instanceof Number number ? names.get(number.longValue()) : null;
            values.put(output, name != null ? name : defaultValue.<Object>map(d -> d).orElse(value));
        }
    }

    /** The names of all set bits, joined with ", ". */
    record FlagsHelper(String input, String output, Map<Long, String> names) implements Helper {
        @Override
        public void apply(Map<String, Object> values) {
            if (!(values.get(input) instanceof Number number)) {
                return;
            }
            long flags = number.longValue();
            List<String> set = new ArrayList<>();
            names.forEach((bit, name) -> {
                if ((flags & bit) != 0) {
                    set.add(name);
                }
            });
            values.put(output, String.join(", ", set));
        }
    }

    /** Ordered map literal for helper definitions. */
    static Map<Long, String> names(Object... codesAndNames) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (int i = 0; i < codesAndNames.length; i += 2) {
            names.put(((Number) codesAndNames[i]).longValue(), (String) codesAndNames[i + 1]);
        }
        return names;
    }

    /**
     * The message for one event's attributes. Plaso's rules: helpers first, then the kept pieces
     * joined and formatted with Python {@code str.format} semantics; when formatting fails (a basic
     * formatter's attribute is missing, a format spec does not fit the value) the message falls back
     * to {@code name: value} pairs of the attributes used; carriage returns and newlines are removed.
     */
    String format(Map<String, Object> attributes) {
        Map<String, Object> values = new HashMap<>(attributes);
        for (Helper helper : helpers) {
            helper.apply(values);
        }
        List<PythonFormat> kept = new ArrayList<>(pieces.size());
        for (PythonFormat piece : pieces) {
            List<String> names = piece.fields();
            if (!conditional || names.isEmpty() || values.get(names.getFirst()) != null) {
                kept.add(piece);
            }
        }
        String message;
        try {
            List<String> formatted = new ArrayList<>(kept.size());
            for (PythonFormat piece : kept) {
                formatted.add(piece.format(values));
            }
            message = String.join(separator, formatted);
        } catch (PythonFormat.ValueException e) {
            List<String> pairs = new ArrayList<>();
            for (PythonFormat piece : kept) {
                for (String name : piece.fields()) {
                    pairs.add(name + ": " + PythonFormat.str(values.get(name)));
                }
            }
            message = String.join(" ", pairs);
        }
        return withoutLineBreaks(message);
    }

    static String withoutLineBreaks(String text) {
        return text.indexOf('\r') < 0 && text.indexOf('\n') < 0 ? text : text.replace("\r", "").replace("\n", "");
    }

    static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean flag -> flag;
            case Number number -> number.doubleValue() != 0;
            case String text -> !text.isEmpty();
            case Collection<?> collection -> !collection.isEmpty();
            case Map<?, ?> map -> !map.isEmpty();
            default -> true;
        };
    }
}
