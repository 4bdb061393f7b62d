package org.timesmith.analysis.sigma;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keywords of a set of live rules (Sigma searches without a field: case-insensitive
 * {@code contains} over every value of the event) as one Aho–Corasick automaton that reads each value
 * of an event once and reports every keyword it holds. Without it each keyword was one search of a
 * lower-cased copy of the whole event, built per event: the costliest part of the live rules.
 *
 * <p>Same meaning as that search: a keyword is found when it is a substring of one value lower-cased
 * with {@link Locale#ROOT}. Values of ASCII text are lower-cased a character at a time while they are
 * read (exactly what {@link String#toLowerCase(Locale)} does to them); a value with any other
 * character is lower-cased whole first, because Unicode lower-casing can depend on context (final
 * sigma) and change the length (İ becomes i and a combining dot).
 */
final class KeywordAutomaton {

    static final KeywordAutomaton EMPTY = new KeywordAutomaton(List.of());

    private static final int ROOT = 0;

    private final Map<String, Integer> ids = new HashMap<>();
    /** ASCII character → its column in {@link #ascii}; 0 for characters no keyword holds. */
    private final int[] column = new int[128];
    private final int width;
    /** state × width + column → next state, failures already followed (a complete DFA over ASCII). */
    private final int[] ascii;
    /** Per state: its trie children by non-ASCII character, for the rare keyword that has one. */
    private final List<TreeMap<Character, Integer>> wide;
    private final int[] fail;
    /** Per state: the ids of the keywords that end there, including those its failure chain ends. */
    private final int[][] output;

    /** @param keywords lower-case ({@link Locale#ROOT}) keywords; empty ones and repeats are ignored */
    KeywordAutomaton(Collection<String> keywords) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keywords));
        distinct.removeIf(String::isEmpty);
        int columns = 1;
        for (String keyword : distinct) {
            ids.put(keyword, ids.size());
            for (char c : keyword.toCharArray()) {
                if (c < 128 && column[c] == 0) {
                    column[c] = columns++;
                }
            }
        }
        width = columns;
        List<int[]> asciiChildren = new ArrayList<>();
        wide = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        newState(asciiChildren, ends);
        for (String keyword : distinct) {
            int state = ROOT;
            for (char c : keyword.toCharArray()) {
                int next = c < 128 ? asciiChildren.get(state)[column[c]] : wide.get(state).getOrDefault(c, -1);
                if (next <= 0) {
                    next = newState(asciiChildren, ends);
                    if (c < 128) {
                        asciiChildren.get(state)[column[c]] = next;
                    } else {
                        wide.get(state).put(c, next);
                    }
                }
                state = next;
            }
            ends.get(state).add(ids.get(keyword));
        }
        int states = asciiChildren.size();
        fail = new int[states];
        ascii = new int[states * width];
        output = new int[states][];
        link(asciiChildren, ends);
    }

    private int newState(List<int[]> asciiChildren, List<List<Integer>> ends) {
        asciiChildren.add(new int[width]);
        wide.add(new TreeMap<>());
        ends.add(new ArrayList<>());
        return asciiChildren.size() - 1;
    }

    /** Failure links, outputs and the ASCII table, breadth first so a state's failure is done before it. */
    private void link(List<int[]> asciiChildren, List<List<Integer>> ends) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(ROOT);
        while (!queue.isEmpty()) {
            int state = queue.poll();
            LinkedHashSet<Integer> out = new LinkedHashSet<>(ends.get(state));
            if (state != ROOT) {
                Arrays.stream(output[fail[state]]).forEach(out::add);
            }
            output[state] = out.stream().mapToInt(Integer::intValue).toArray();
            int[] children = asciiChildren.get(state);
            for (int col = 1; col < width; col++) {
                int child = children[col];
                int viaFailure = state == ROOT ? ROOT : ascii[fail[state] * width + col];
                if (child > 0) {
                    fail[child] = viaFailure;
                    ascii[state * width + col] = child;
                    queue.add(child);
                } else {
                    ascii[state * width + col] = viaFailure;
                }
            }
            for (Map.Entry<Character, Integer> child : wide.get(state).entrySet()) {
                fail[child.getValue()] = state == ROOT ? ROOT : wideStep(fail[state], child.getKey());
                queue.add(child.getValue());
            }
        }
    }

    /** The next state on a non-ASCII character: the trie child of the state or of its failures. */
    private int wideStep(int state, char c) {
        while (true) {
            Integer next = wide.get(state).get(c);
            if (next != null) {
                return next;
            }
            if (state == ROOT) {
                return ROOT;
            }
            state = fail[state];
        }
    }

    int size() {
        return ids.size();
    }

    /** The keyword's id, or -1 when the automaton does not hold it. */
    int id(String keyword) {
        Integer id = ids.get(keyword);
        return id == null ? -1 : id;
    }

    /** A set of keyword ids as bits, for {@link #scan} to fill. */
    long[] newFound() {
        return new long[(ids.size() + 63) >>> 6];
    }

    /**
     * Keywords any of which a rule accepts (a Sigma keyword list), or all of which it needs (the pieces of a
     * keyword with wildcards), with their ids in the last automaton it was asked about, so that an event is
     * tested for the whole list at once.
     */
    static final class AnyOf {
        private final List<String> keywords;
        private final boolean anyEmpty;
        private volatile Ids ids;

        private record Ids(KeywordAutomaton automaton, long[] mask, boolean allHeld) {
        }

        AnyOf(List<String> keywords) {
            this.keywords = List.copyOf(keywords);
            this.anyEmpty = keywords.stream().anyMatch(String::isEmpty);
        }

        List<String> keywords() {
            return keywords;
        }

        /** Whether the list holds the empty keyword, which every event contains. */
        boolean anyEmpty() {
            return anyEmpty;
        }

        /** The keywords' ids in the automaton as a mask, or null when it does not hold them all. */
        long[] mask(KeywordAutomaton automaton) {
            Ids current = ids;
            if (current == null || current.automaton() != automaton) {
                long[] mask = automaton.newFound();
                boolean allHeld = true;
                for (String keyword : keywords) {
                    int id = automaton.id(keyword);
                    if (id < 0) {
                        allHeld = false;
                    } else {
                        mask[id >>> 6] |= 1L << id;
                    }
                }
                current = new Ids(automaton, mask, allHeld);
                ids = current;
            }
            return current.allHeld() ? current.mask() : null;
        }
    }

    static boolean intersects(long[] found, long[] mask) {
        for (int i = 0; i < found.length; i++) {
            if ((found[i] & mask[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether every keyword of the mask is found. */
    static boolean covers(long[] found, long[] mask) {
        for (int i = 0; i < found.length; i++) {
            if ((found[i] & mask[i]) != mask[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean none(long[] found) {
        for (long bits : found) {
            if (bits != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean found(long[] found, int id) {
        return (found[id >>> 6] & (1L << id)) != 0;
    }

    /** Marks in {@code found} every keyword that is a substring of the text lower-cased ({@link Locale#ROOT}). */
    void scan(String text, long[] found) {
        if (ids.isEmpty()) {
            return;
        }
        int state = ROOT;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                scanLowerCased(text.toLowerCase(Locale.ROOT), found);
                return;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            state = ascii[state * width + column[c]];
            mark(state, found);
        }
    }

    /** The general path over a text already lower-cased: the ASCII table where it can, the trie beyond. */
    private void scanLowerCased(String lower, long[] found) {
        int state = ROOT;
        for (int i = 0, n = lower.length(); i < n; i++) {
            char c = lower.charAt(i);
            state = c < 128 ? ascii[state * width + column[c]] : wideStep(state, c);
            mark(state, found);
        }
    }

    private void mark(int state, long[] found) {
        for (int id : output[state]) {
            found[id >>> 6] |= 1L << id;
        }
    }
}
