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
    private final KeywordAutomaton keywords;
    /** The automaton's keywords this event holds, once asked for; {@link #NONE_FOUND} when it holds none (most events). */
    private long[] keywordsFound;
    private static final long[] NONE_FOUND = new long[0];

    public EventFields(Map<String, ?> source) {
        this(source, KeywordAutomaton.EMPTY);
    }

    /** @param keywords the keywords the rules that read this event look for, found in one pass when first asked */
    EventFields(Map<String, ?> source, KeywordAutomaton keywords) {
        this.source = source;
        this.keywords = keywords;
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
        if (values(field).isEmpty()) {
            return List.of();
        }
        return texts.computeIfAbsent(field, f -> values(f).stream().map(EventFields::text).toList());
    }

    List<String> lowerTexts(String field) {
        if (values(field).isEmpty()) {
            return List.of();
        }
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
     * Whether a lower-case keyword is a substring of one of the event's values lower-cased: found with
     * every other keyword of the automaton in one pass over the values when the event is first asked
     * for one, or else searched for alone, value by value.
     */
    boolean containsKeyword(String keyword) {
        if (keyword.isEmpty()) {
            return true;
        }
        int id = keywords.id(keyword);
        if (id < 0) {
            for (String value : allLowerTexts()) {
                if (value.contains(keyword)) {
                    return true;
                }
            }
            return false;
        }
        scanOnce();
        return keywordsFound != NONE_FOUND && KeywordAutomaton.found(keywordsFound, id);
    }

    /** Whether the event contains any of the keywords: {@link #containsKeyword} for a whole list at once. */
    boolean containsAnyKeyword(KeywordAutomaton.AnyOf anyOf) {
        if (anyOf.anyEmpty()) {
            return true;
        }
        long[] mask = anyOf.mask(keywords);
        if (mask == null) {
            for (String keyword : anyOf.keywords()) {
                if (containsKeyword(keyword)) {
                    return true;
                }
            }
            return false;
        }
        scanOnce();
        return keywordsFound != NONE_FOUND && KeywordAutomaton.intersects(keywordsFound, mask);
    }

    /**
     * Whether the event may contain all of the keywords (each in some value): false only when the automaton
     * holds them all and one is missing, so it is an exact prefilter and never a reason to match.
     */
    boolean containsAllKeywords(KeywordAutomaton.AnyOf allOf) {
        long[] mask = allOf.mask(keywords);
        if (mask == null) {
            return true;
        }
        scanOnce();
        return keywordsFound != NONE_FOUND ? KeywordAutomaton.covers(keywordsFound, mask) : KeywordAutomaton.none(mask);
    }

    private void scanOnce() {
        if (keywordsFound == null) {
            keywordsFound = keywords.newFound();
            scanKeywords(source.values());
            if (KeywordAutomaton.none(keywordsFound)) {
                keywordsFound = NONE_FOUND;
            }
        }
    }

    private void scanKeywords(Collection<?> nodes) {
        for (Object node : nodes) {
            switch (node) {
                case null -> {
                }
                case Map<?, ?> map -> scanKeywords(map.values());
                case Collection<?> list -> scanKeywords(list);
                case String text -> keywords.scan(text, keywordsFound);
                default -> keywords.scan(text(node), keywordsFound);
            }
        }
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
