package org.timesmith.analysis.sigma;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One converted Sigma rule as an in-process test of single events, compiled once (regular
 * expressions included) from the same conversion as its store query ({@link SigmaConverter#toMatcher}),
 * so that rules can run on events while they are imported instead of as queries afterwards. It also
 * knows a field (and, where the rule fixes them, the values) every matching event must have, which
 * lets a set of live rules skip the rules an event cannot match without evaluating them.
 */
public final class SigmaMatcher {

    /** A compiled condition node. */
    @FunctionalInterface
    private interface Node {
        boolean test(EventFields event);
    }

    private final SigmaRule rule;
    private final String query;
    private final Node root;
    private final List<EventTest.Requirement> requirement;
    private final List<String> keywords;
    private final KeywordAutomaton automaton;

    private SigmaMatcher(SigmaRule rule, String query, Node root, List<EventTest.Requirement> requirement,
                         List<String> keywords) {
        this.rule = rule;
        this.query = query;
        this.root = root;
        this.requirement = requirement;
        this.keywords = keywords;
        this.automaton = keywords.isEmpty() ? KeywordAutomaton.EMPTY : new KeywordAutomaton(keywords);
    }

    static SigmaMatcher of(SigmaRule rule, String query, LuceneQuery tree) {
        List<List<EventTest.Requirement>> clauses = requirements(tree);
        // The narrowest clause: one field with values, then one field, then alternatives; the detection's
        // (listed after the log source's) when they are alike.
        List<EventTest.Requirement> chosen = clauses.reversed().stream()
                .max(java.util.Comparator.comparingInt(SigmaMatcher::narrowness)).orElse(List.of());
        List<String> keywords = new ArrayList<>();
        keywords(tree, keywords);
        return new SigmaMatcher(rule, query, compile(tree), chosen, List.copyOf(keywords));
    }

    private static void keywords(LuceneQuery query, List<String> out) {
        switch (query) {
            case LuceneQuery.Matching m -> {
                if (m.test() instanceof EventTest.Value value) {
                    value.keyword().ifPresent(out::add);
                    out.addAll(value.keywordPieces());
                }
            }
            case LuceneQuery.Not n -> keywords(n.part(), out);
            case LuceneQuery.And a -> a.parts().forEach(p -> keywords(p, out));
            case LuceneQuery.Or o -> o.parts().forEach(p -> keywords(p, out));
            case LuceneQuery.Term t -> {
            }
        }
    }

    private static int narrowness(List<EventTest.Requirement> clause) {
        boolean values = clause.stream().noneMatch(r -> r.values().isEmpty());
        return (values ? 2 : 0) + (clause.size() == 1 ? 1 : 0);
    }

    public SigmaRule rule() {
        return rule;
    }

    /** The store query of the same conversion. */
    public String query() {
        return query;
    }

    /** Whether the event matches the rule (its log source conditions and its detection). */
    public boolean matches(EventFields event) {
        return root.test(event);
    }

    public boolean matches(Map<String, ?> event) {
        return matches(new EventFields(event, automaton));
    }

    /** The lower-case keywords (searches without a field) the rule looks for, which a rule set finds in one pass. */
    List<String> keywords() {
        return keywords;
    }

    /**
     * Fields one of which every matching event has with a non-empty value, each with the lower-case
     * values it must then have one of (no values: any); empty when the rule requires no field.
     */
    public List<EventTest.Requirement> requirement() {
        return requirement;
    }

    private static Node compile(LuceneQuery query) {
        return switch (query) {
            case LuceneQuery.Matching m when m.test() instanceof EventTest.Value v && !v.keywordPieces().isEmpty() -> {
                // A keyword with wildcards: only events holding every literal piece can match its glob.
                KeywordAutomaton.AnyOf pieces = new KeywordAutomaton.AnyOf(v.keywordPieces());
                yield e -> e.containsAllKeywords(pieces) && v.test(e);
            }
            case LuceneQuery.Matching m -> m.test()::test;
            case LuceneQuery.Not n -> {
                Node inner = compile(n.part());
                yield e -> !inner.test(e);
            }
            case LuceneQuery.And a -> {
                Node[] parts = a.parts().stream().map(SigmaMatcher::compile).toArray(Node[]::new);
                yield e -> {
                    for (Node part : parts) {
                        if (!part.test(e)) {
                            return false;
                        }
                    }
                    return true;
                };
            }
            case LuceneQuery.Or o -> {
                List<String> keywords = new ArrayList<>();
                List<LuceneQuery> others = new ArrayList<>();
                for (LuceneQuery part : o.parts()) {
                    if (part instanceof LuceneQuery.Matching m && m.test() instanceof EventTest.Value v && v.keyword().isPresent()) {
                        keywords.add(v.keyword().get());
                    } else {
                        others.add(part);
                    }
                }
                if (keywords.size() > 1) {
                    // A list of keywords: one test of the event's found keywords, not one call per keyword.
                    KeywordAutomaton.AnyOf anyOf = new KeywordAutomaton.AnyOf(keywords);
                    Node rest = others.isEmpty() ? e -> false : compile(new LuceneQuery.Or(others));
                    yield e -> e.containsAnyKeyword(anyOf) || rest.test(e);
                }
                Node[] parts = o.parts().stream().map(SigmaMatcher::compile).toArray(Node[]::new);
                yield e -> {
                    for (Node part : parts) {
                        if (part.test(e)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case LuceneQuery.Term t -> throw new IllegalStateException("a converted clause without an event test: " + t.text());
        };
    }

    /** Clauses that hold for every event the query matches, each a list of alternative requirements. */
    private static List<List<EventTest.Requirement>> requirements(LuceneQuery query) {
        return switch (query) {
            case LuceneQuery.Matching m -> m.test().requirement().map(r -> List.of(List.of(r))).orElse(List.of());
            case LuceneQuery.Not n -> List.of();
            case LuceneQuery.Term t -> List.of();
            case LuceneQuery.And a -> a.parts().stream().flatMap(p -> requirements(p).stream()).toList();
            case LuceneQuery.Or o -> common(o.parts());
        };
    }

    /**
     * For alternatives: a field every alternative requires (with the union of their values, any value if
     * one allows any), or else, when each alternative requires something, the alternatives' own narrowest clauses.
     */
    private static List<List<EventTest.Requirement>> common(List<LuceneQuery> alternatives) {
        List<List<List<EventTest.Requirement>>> each = alternatives.stream().map(SigmaMatcher::requirements).toList();
        List<List<EventTest.Requirement>> out = new ArrayList<>();
        for (List<EventTest.Requirement> clause : each.getFirst()) {
            if (clause.size() != 1) {
                continue;
            }
            EventTest.Requirement candidate = clause.getFirst();
            LinkedHashSet<String> values = new LinkedHashSet<>();
            boolean anyValue = false;
            boolean everywhere = true;
            for (List<List<EventTest.Requirement>> clauses : each) {
                List<EventTest.Requirement> same = clauses.stream().filter(c -> c.size() == 1).map(List::getFirst)
                        .filter(r -> r.field().equals(candidate.field())).toList();
                if (same.isEmpty()) {
                    everywhere = false;
                    break;
                }
                // Within one alternative the requirements are ANDed: the narrowest (one with values) holds.
                Optional<EventTest.Requirement> withValues = same.stream().filter(r -> !r.values().isEmpty()).findFirst();
                if (withValues.isPresent()) {
                    values.addAll(withValues.get().values());
                } else {
                    anyValue = true;
                }
            }
            if (everywhere) {
                out.add(List.of(new EventTest.Requirement(candidate.field(), anyValue ? List.of() : List.copyOf(values))));
            }
        }
        if (out.isEmpty() && each.stream().noneMatch(List::isEmpty)) {
            List<EventTest.Requirement> anyOf = new ArrayList<>();
            for (List<List<EventTest.Requirement>> clauses : each) {
                anyOf.addAll(clauses.reversed().stream().max(java.util.Comparator.comparingInt(SigmaMatcher::narrowness))
                        .orElseThrow());
            }
            out.add(List.copyOf(new LinkedHashSet<>(anyOf)));
        }
        return out;
    }
}
