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
            case And a -> a.parts().stream().map(LuceneQuery::nested).collect(Collectors.joining(" AND "));
            case Or o -> o.parts().stream()
                    .map(p -> p instanceof Not ? "(" + p.render() + ")" : p.nested())
                    .collect(Collectors.joining(" OR "));
            case Not n -> "NOT " + n.part().nested();
        };
    }

    private String nested() {
        return this instanceof And || this instanceof Or ? "(" + render() + ")" : render();
    }
}
