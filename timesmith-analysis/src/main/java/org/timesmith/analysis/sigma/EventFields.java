package org.timesmith.analysis.sigma;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One event's fields as the live Sigma rules read them: a field by its name or dotted path into
 * nested objects (as the stores flatten them), lists as several values, and each field's text
 * (and lower-cased text) computed once per event however many rules read it, because an event
 * being imported meets every enabled rule that could match it.
 */
public final class EventFields {

    private final Map<String, ?> source;
    private final Map<String, List<Object>> values = new HashMap<>();
    private final Map<String, List<String>> texts = new HashMap<>();
    private final Map<String, List<String>> lowerTexts = new HashMap<>();
    private List<String> allTexts;
    private List<String> allLowerTexts;
    private String allLowerJoined;

    public EventFields(Map<String, ?> source) {
        this.source = source;
    }

    /** The field's scalar values (numbers, booleans, text); empty if the event does not have it. */
    List<Object> values(String field) {
        List<Object> found = values.get(field);
        if (found == null) {
            found = new ArrayList<>(1);
            collect(source, field, found);
            values.put(field, found);
        }
        return found;
    }

    List<String> texts(String field) {
        return texts.computeIfAbsent(field, f -> values(f).stream().map(EventFields::text).toList());
    }

    List<String> lowerTexts(String field) {
        return lowerTexts.computeIfAbsent(field, f -> texts(f).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
    }

    /** Every scalar value of every field, as text: what a keyword (a search without a field) looks in. */
    List<String> allTexts() {
        if (allTexts == null) {
            List<Object> all = new ArrayList<>();
            scalars(source.values(), all);
            allTexts = all.stream().map(EventFields::text).toList();
        }
        return allTexts;
    }

    List<String> allLowerTexts() {
        if (allLowerTexts == null) {
            allLowerTexts = allTexts().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        }
        return allLowerTexts;
    }

    /**
     * Every value lower-cased in one text, separated by a character no Sigma keyword holds, so a
     * keyword is one (vectorised) search of the event instead of one per field.
     */
    String allLowerJoined() {
        if (allLowerJoined == null) {
            allLowerJoined = String.join("\u0000", allLowerTexts());
        }
        return allLowerJoined;
    }

    /** Whether the field has a value: not null, not an empty string, not an empty list. */
    boolean present(String field) {
        for (Object value : values(field)) {
            if (!(value instanceof String s) || !s.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Object node, String path, List<Object> out) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey(path)) {
                scalars(List.of(wrap(map.get(path))), out);
                return;
            }
            for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
                Object inner = map.get(path.substring(0, dot));
                if (inner != null) {
                    collect(inner, path.substring(dot + 1), out);
                }
            }
        } else if (node instanceof Collection<?> list) {
            for (Object element : list) {
                collect(element, path, out);
            }
        }
    }

    private static Object wrap(Object value) {
        return value == null ? List.of() : value;
    }

    private static void scalars(Collection<?> nodes, List<Object> out) {
        for (Object node : nodes) {
            switch (node) {
                case null -> {
                }
                case Map<?, ?> map -> scalars(map.values(), out);
                case Collection<?> list -> scalars(list, out);
                default -> out.add(node);
            }
        }
    }

    private static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return Long.toString((long) d);
            }
        }
        return String.valueOf(value);
    }

    static Optional<Double> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        try {
            return Optional.of(Double.parseDouble(String.valueOf(value).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean sameNumber(Number value, String number) {
        try {
            return new BigDecimal(value.toString()).compareTo(new BigDecimal(number.trim())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
