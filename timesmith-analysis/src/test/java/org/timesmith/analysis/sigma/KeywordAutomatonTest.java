package org.timesmith.analysis.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The keyword automaton finds what the search it replaced found: a keyword is in an event when it is a
 * substring of one of the event's values lower-cased with {@link Locale#ROOT} (the old live path
 * searched the values joined by a NUL, which no keyword holds). Checked against that reference on
 * Unicode edge cases, on random text, and through the live rule set.
 */
class KeywordAutomatonTest {

    /** The reference: the old search, value by value. */
    private static boolean reference(List<String> values, String keyword) {
        return keyword.isEmpty() || values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(keyword));
    }

    private static boolean found(List<String> keywords, List<String> values, String keyword) {
        Map<String, Object> source = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            source.put("f" + i, values.get(i));
        }
        return new EventFields(source, new KeywordAutomaton(keywords)).containsKeyword(keyword);
    }

    private static void agrees(List<String> keywords, List<String> values) {
        for (String keyword : keywords) {
            assertThat(found(keywords, values, keyword)).as("%s in %s", keyword, values)
                    .isEqualTo(reference(values, keyword));
        }
    }

    @Test
    void asciiKeywordsAreFoundCaseInsensitivelyInsideOneValueOnly() {
        List<String> keywords = List.of("suspiciousoperation", "he", "she", "his", "hers", "csrfexception", "a b");
        agrees(keywords, List.of("x SuspiciousOperation y", "USHERS"));
        agrees(keywords, List.of("InvalidCsrfException", "A B"));
        // Not across two values: "he" + "rs" are two values.
        assertThat(found(List.of("hers"), List.of("xhe", "rs"), "hers")).isFalse();
        assertThat(found(List.of("hers"), List.of("xhe", "rsHERS"), "hers")).isTrue();
    }

    @Test
    void nonAsciiTextIsLowerCasedAsJavaDoesWithTheRootLocale() {
        // Turkish dotted capital I lower-cases to "i" and a combining dot; the dotless i is a letter of its own.
        agrees(List.of("istanbul", "i\u0307stanbul", "\u0131stanbul", "ıstanbul"), List.of("\u0130STANBUL"));
        agrees(List.of("istanbul", "\u0131stanbul"), List.of("ISTANBUL", "\u0131STANBUL"));
        // The Kelvin sign lower-cases to an ASCII k; sharp s is no "ss"; final sigma depends on its context.
        agrees(List.of("kelvin", "strasse", "straße", "οδοσ", "οδος"), List.of("\u212AELVIN", "STRASSE", "STRAẞE", "ΟΔΟΣ"));
        agrees(List.of("ünïcödé", "ü", "é"), List.of("ÜNÏCÖDÉ", "plain ascii"));
        // A non-ASCII keyword among ASCII ones, its failure links crossing from one to the other.
        agrees(List.of("aü", "üb", "aüb", "b"), List.of("xAÜBy", "AÜ", "Üb"));
    }

    @Test
    void theEmptyKeywordIsInEveryEventAsTheJoinedSearchHadIt() {
        assertThat(found(List.of("", "x"), List.of(), "")).isTrue();
        assertThat(found(List.of(), List.of("abc"), "")).isTrue();
        assertThat(new KeywordAutomaton(List.of("", "")).size()).isZero();
    }

    @Test
    void aKeywordTheAutomatonDoesNotHoldIsSearchedAlone() {
        assertThat(found(List.of("other"), List.of("Some TEXT"), "text")).isTrue();
        assertThat(found(List.of("other"), List.of("Some TEXT"), "nothing")).isFalse();
    }

    @Test
    void nullsNestedListsMapsAndNumbersAreReadAsTheirText() {
        Map<String, Object> source = new HashMap<>();
        source.put("missing", null);
        List<Object> list = new ArrayList<>();
        list.add(null);
        list.add(Map.of("inner", "Deep VALUE"));
        list.add(4624.0);
        source.put("list", list);
        KeywordAutomaton automaton = new KeywordAutomaton(List.of("deep value", "4624", "4624.0", "null"));
        EventFields event = new EventFields(source, automaton);
        assertThat(event.containsKeyword("deep value")).isTrue();
        assertThat(event.containsKeyword("4624")).isTrue();
        assertThat(event.containsKeyword("4624.0")).isFalse();
        assertThat(event.containsKeyword("null")).isFalse();
        assertThat(new EventFields(new HashMap<>(), automaton).containsKeyword("deep value")).isFalse();
    }

    @Test
    void aTenMegabyteValueIsReadOnceWithTheKeywordAtItsEnd() {
        StringBuilder huge = new StringBuilder(10 << 20);
        while (huge.length() < (10 << 20)) {
            huge.append("AbCdEfGhIj ");
        }
        String ascii = huge + "InvalidCsrfTokenException";
        String wide = huge + "Ü InvalidCsrfTokenException";
        List<String> keywords = List.of("invalidcsrftokenexception", "abcdefghij abcdefghij", "missing", "ü invalid");
        agrees(keywords, List.of(ascii));
        agrees(keywords, List.of(wide));
    }

    @Test
    void randomTextAgreesWithTheReference() {
        Random random = new Random(16);
        String alphabet = "abAB \u0130\u0131iIüÜß\u212A";
        for (int round = 0; round < 300; round++) {
            List<String> keywords = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                keywords.add(word(random, alphabet, 1 + random.nextInt(4)).toLowerCase(Locale.ROOT));
            }
            List<String> values = new ArrayList<>();
            for (int v = 0; v < random.nextInt(4); v++) {
                values.add(word(random, alphabet, random.nextInt(30)));
            }
            agrees(keywords, values);
        }
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }

    @Test
    void keywordRulesInOneSetFindWhatEachFindsAlone() {
        SigmaConverter converter = SigmaStoreParityTest.CONVERTER;
        List<SigmaMatcher> matchers = List.of(
                converter.toMatcher(SigmaRule.parse(keywordRule("Django", "SuspiciousOperation", "DisallowedHost"), "d.yml")),
                converter.toMatcher(SigmaRule.parse(keywordRule("Spring", "CsrfException", "InvalidCsrfTokenException"), "s.yml")),
                converter.toMatcher(SigmaRule.parse(keywordRule("Turkish", "İstanbul", "straße"), "t.yml")),
                converter.toMatcher(SigmaRule.parse(keywordRule("Mixed", "needle", "hay*stack", "Pin"), "m.yml")));
        LiveSigmaRules rules = new LiveSigmaRules(matchers.stream()
                .map(m -> new LiveSigmaRules.Live(m, new LiveSigmaRules.Stats())).toList());
        List<Map<String, Object>> events = List.of(Map.of("message", "org.InvalidCsrfTokenException thrown"),
                Map.of("message", "DISALLOWEDHOST", "url", "x"), Map.of("city", "İSTANBUL"), Map.of("a", "STRAẞE"),
                Map.of("message", "nothing here"), Map.of(), Map.of("a", "HAY and STACK"), Map.of("a", "a pin"),
                Map.of("a", "NEEDLE"), Map.of("a", "hay", "b", "stack"), Map.of("a", "hay only"),
                Map.of("a", "STACKhayStack"));
        for (Map<String, Object> event : events) {
            List<SigmaMatcher> alone = matchers.stream().filter(m -> m.matches(event)).toList();
            assertThat(rules.matches(event)).as("%s", event).containsExactlyInAnyOrderElementsOf(alone);
        }
        assertThat(rules.matches(events.getFirst())).extracting(m -> m.rule().title()).containsExactly("Spring");
        assertThat(rules.matches(events.get(3))).extracting(m -> m.rule().title()).containsExactly("Turkish");
        assertThat(events.subList(6, 10).stream().map(e -> rules.matches(e).size()).toList()).containsExactly(1, 1, 1, 0);
        // The wildcard keyword: its pieces prefilter the event (both needed), its glob decides within one value.
        assertThat(events.subList(10, 12).stream().map(e -> rules.matches(e).size()).toList()).containsExactly(0, 1);
    }

    private static String keywordRule(String title, String... keywords) {
        return "title: " + title + "\nlogsource: {category: application}\ndetection:\n    keywords:\n"
                + String.join("", java.util.Arrays.stream(keywords).map(k -> "        - '" + k + "'\n").toList())
                + "    condition: keywords\n";
    }
}
