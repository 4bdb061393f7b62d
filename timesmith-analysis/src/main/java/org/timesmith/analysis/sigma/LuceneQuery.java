package org.timesmith.analysis.sigma;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Lucene query string under construction: terms combined with AND, OR and NOT, rendered with
 * explicit parentheses so the classic parser's operator precedence never changes the meaning, and
 * a negation inside OR wrapped on its own so it stays "everything except" rather than a prohibition
 * of the whole disjunction.
 */
sealed interface LuceneQuery {

    /** A ready-made clause such as {@code data_type:"fs:stat"}. */
    record Term(String text) implements LuceneQuery {
    }

    record And(List<LuceneQuery> parts) implements LuceneQuery {
    }

    record Or(List<LuceneQuery> parts) implements LuceneQuery {
    }

    record Not(LuceneQuery part) implements LuceneQuery {
    }

    /**
     * A clause and what it means for one event: the live rules evaluate {@code test} where the
     * store would run {@code query}. Every leaf of a converted rule is one of these.
     */
    record Matching(LuceneQuery query, EventTest test) implements LuceneQuery {
    }

    static LuceneQuery matching(LuceneQuery query, EventTest test) {
        return new Matching(query, test);
    }

    static LuceneQuery and(List<LuceneQuery> parts) {
        return combine(parts, true);
    }

    static LuceneQuery or(List<LuceneQuery> parts) {
        return combine(parts, false);
    }

    static LuceneQuery not(LuceneQuery part) {
        return part instanceof Not(LuceneQuery inner) ? inner : new Not(part);
    }

    private static LuceneQuery combine(List<LuceneQuery> parts, boolean and) {
        LinkedHashSet<LuceneQuery> flat = new LinkedHashSet<>();
        for (LuceneQuery part : parts) {
            if (and && part instanceof And a) {
                flat.addAll(a.parts());
            } else if (!and && part instanceof Or o) {
                flat.addAll(o.parts());
            } else {
                flat.add(part);
            }
        }
        if (flat.size() == 1) {
            return flat.iterator().next();
        }
        return and ? new And(new ArrayList<>(flat)) : new Or(new ArrayList<>(flat));
    }

    default String render() {
        return switch (this) {
            case Term t -> t.text();
            case And a -> inlined(a.parts(), true).stream().map(LuceneQuery::nested).collect(Collectors.joining(" AND "));
            case Or o -> inlined(o.parts(), false).stream()
                    .map(p -> p.bare() instanceof Not ? "(" + p.render() + ")" : p.nested())
                    .collect(Collectors.joining(" OR "));
            case Not n -> "NOT " + n.part().nested();
            case Matching m -> m.query().render();
        };
    }

    private String nested() {
        LuceneQuery bare = bare();
        return bare instanceof And || bare instanceof Or ? "(" + render() + ")" : render();
    }

    /** The parts with those that are the same combination behind an event test opened up, as {@link #combine} would have. */
    private static List<LuceneQuery> inlined(List<LuceneQuery> parts, boolean and) {
        java.util.Map<String, LuceneQuery> flat = new java.util.LinkedHashMap<>();
        for (LuceneQuery part : parts) {
            LuceneQuery bare = part.bare();
            if (part instanceof Matching && and && bare instanceof And a) {
                inlined(a.parts(), true).forEach(p -> flat.putIfAbsent(p.render(), p));
            } else if (part instanceof Matching && !and && bare instanceof Or o) {
                inlined(o.parts(), false).forEach(p -> flat.putIfAbsent(p.render(), p));
            } else {
                flat.putIfAbsent(part.render(), part);
            }
        }
        return new ArrayList<>(flat.values());
    }

    /** The clause without its event test. */
    private LuceneQuery bare() {
        return this instanceof Matching m ? m.query().bare() : this;
    }
}
