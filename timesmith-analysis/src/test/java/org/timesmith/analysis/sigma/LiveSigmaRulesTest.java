package org.timesmith.analysis.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a live rule set reaches its rules cheaply without changing what they match: an event's top-level
 * keys lead to the indexed fields it may hold, flattened ({@code a.b}) or nested ({@code {a: {b}}}), and
 * the time per rule is measured on a sample of the evaluations while hits and evaluations stay exact.
 */
class LiveSigmaRulesTest {

    private static SigmaMatcher rule(String title, String detection) {
        return SigmaStoreParityTest.CONVERTER.toMatcher(SigmaRule.parse("title: " + title
                + "\nlogsource: {product: windows}\ndetection:\n    " + detection + "\n    condition: sel\n", title + ".yml"));
    }

    private static LiveSigmaRules live(List<SigmaMatcher> matchers, List<LiveSigmaRules.Stats> stats) {
        return new LiveSigmaRules(java.util.stream.IntStream.range(0, matchers.size())
                .mapToObj(i -> new LiveSigmaRules.Live(matchers.get(i), stats.get(i))).toList());
    }

    @Test
    void aDottedFieldIsReachedFlattenedOrNestedAndNotFromOtherKeys() {
        SigmaMatcher nested = rule("Nested", "sel: {process.name|endswith: '.exe'}");
        SigmaMatcher exact = rule("Exact", "sel: {a.b.c: 'X'}");
        LiveSigmaRules rules = live(List.of(nested, exact), List.of(new LiveSigmaRules.Stats(), new LiveSigmaRules.Stats()));
        assertThat(rules.matches(Map.of("process", Map.of("name", "PS.EXE")))).containsExactly(nested);
        assertThat(rules.matches(Map.of("process.name", "ps.exe"))).containsExactly(nested);
        assertThat(rules.matches(Map.of("process", List.of(Map.of("name", "a.txt"), Map.of("name", "b.exe")))))
                .containsExactly(nested);
        assertThat(rules.matches(Map.of("name", "ps.exe", "processname", "ps.exe"))).isEmpty();
        assertThat(rules.matches(Map.of("a", Map.of("b.c", "x")))).containsExactly(exact);
        assertThat(rules.matches(Map.of("a.b", Map.of("c", "X")))).containsExactly(exact);
        assertThat(rules.matches(Map.of("a.b.c", "y"))).isEmpty();
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("process", null);
        nulls.put(null, "x.exe");
        assertThat(rules.matches(nulls)).isEmpty();
        assertThat(rules.matches(Map.of())).isEmpty();
    }

    @Test
    void hitsAndEvaluationsAreExactAndTheTimeIsMeasuredOnASample() {
        SigmaMatcher keyword = SigmaStoreParityTest.CONVERTER.toMatcher(SigmaRule.parse(
                "title: K\nlogsource: {category: application}\ndetection:\n    keywords: [needle]\n    condition: keywords\n",
                "k.yml"));
        LiveSigmaRules.Stats stats = new LiveSigmaRules.Stats();
        LiveSigmaRules rules = live(List.of(keyword), List.of(stats));
        int events = 20 * LiveSigmaRules.TIMED_FIRST;
        for (int i = 0; i < events; i++) {
            rules.matches(Map.of("message", i % 4 == 0 ? "a NEEDLE here" : "hay " + i));
        }
        assertThat(stats.evaluated()).isEqualTo(events);
        assertThat(stats.hits()).isEqualTo(events / 4);
        assertThat(stats.nanos()).isPositive();
        assertThat(new LiveSigmaRules.Stats().nanos()).isZero();
    }
}
