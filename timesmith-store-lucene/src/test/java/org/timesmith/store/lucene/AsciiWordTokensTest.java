package org.timesmith.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.junit.jupiter.api.Test;

/** The ASCII shortcut must give exactly the standard analyzer's tokens, or the index and queries disagree. */
class AsciiWordTokensTest {

    private final Analyzer standard = new StandardAnalyzer();
    private final AsciiWordTokens shortcut = new AsciiWordTokens();

    @Test
    void forensicValuesTokenizeAsTheStandardAnalyzerDoes() throws IOException {
        for (String value : List.of("", "   ", "___", "_x", "x_", "a__b", "user:admin", "a::b", "a.:b", "a:1",
                "C:\\Windows\\System32\\net.exe", "net.exe", "a.1", "1.a", "1.2.3.4", "10.20.3.41:62482",
                "1,000", "1'000", "1;2", "a;b", "a,b", "don't", "'quoted'", "ab'", "x'y'z", "1.", ".1", "a. b",
                "foo..bar", "a_1.2", "1.2_3", "0xC000006D", "S-1-5-21-1004336348", "3882972-24",
                "https://payroll3.info/review/budget-9876?q=meeting+notes", "AB\"C", "a@b.com", "$100",
                "[4625 / 0x1211] An account failed to log on. Account Name: ACME\\adm_7 Status: 0xC000006D",
                "line one\r\nline two\ttabbed\u0000nul\u007fdel")) {
            assertThat(tokens(value, true)).as(value).isEqualTo(tokens(value, false));
        }
    }

    /** Random ASCII weighted towards word characters and the characters that join words. */
    @Test
    void randomAsciiTokenizesAsTheStandardAnalyzerDoes() throws IOException {
        Random random = new Random(20241124);
        String weighted = "aAzZ09_.:',;- \\/@\"";
        for (int round = 0; round < 50_000; round++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                value.append(random.nextInt(3) == 0 ? (char) random.nextInt(128)
                        : weighted.charAt(random.nextInt(weighted.length())));
            }
            String text = value.toString();
            assertThat(shortcut.setValue(text)).isTrue();
            assertThat(tokens(text, true)).as("%s", text.chars().boxed().toList()).isEqualTo(tokens(text, false));
        }
    }

    @Test
    void valuesTheShortcutWouldGetWrongTakeTheAnalyzer() throws IOException {
        assertThat(shortcut.setValue("caf\u00e9")).isFalse();
        assertThat(shortcut.setValue("\u30ab\u30bf\u30ab\u30ca")).isFalse();
        String longWord = "a".repeat(AsciiWordTokens.MAX_WORD_LENGTH) + ".b";
        assertThat(shortcut.setValue(longWord)).isFalse();
        // the standard tokenizer splits words beyond its limit, which the shortcut does not imitate
        assertThat(tokens(longWord, false)).hasSizeGreaterThan(1);
        assertThat(shortcut.setValue("a".repeat(AsciiWordTokens.MAX_WORD_LENGTH) + " b")).isTrue();
    }

    @Test
    void aHugeValueOfLoneUnderscoresYieldsNoToken() throws IOException {
        String value = "_ ".repeat(5_000_000);
        assertThat(tokens(value, true)).containsExactly("end@" + value.length());
    }

    private List<String> tokens(String value, boolean useShortcut) throws IOException {
        TokenStream stream;
        if (useShortcut) {
            assertThat(shortcut.setValue(value)).isTrue();
            stream = shortcut;
        } else {
            stream = standard.tokenStream("field", value);
        }
        TermToBytesRefAttribute term = stream.addAttribute(TermToBytesRefAttribute.class);
        OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
        PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
        List<String> tokens = new ArrayList<>();
        stream.reset();
        while (stream.incrementToken()) {
            tokens.add(term.getBytesRef().utf8ToString() + "@" + offset.startOffset() + "-" + offset.endOffset() + "+" + increment.getPositionIncrement());
        }
        stream.end();
        tokens.add("end@" + offset.endOffset());
        stream.close();
        return tokens;
    }
}
