package org.timesmith.store.lucene;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.util.AttributeFactory;
import org.apache.lucene.util.BytesRef;

/**
 * The tokens the standard analyzer (Unicode word boundaries, lower-cased) makes of a pure-ASCII
 * value, found by a direct scan and handed to the index as bytes. Text analysis was the largest part
 * of indexing time, and nearly every value in a forensic timeline is ASCII; {@link #setValue} takes
 * a value only when this shortcut gives exactly the standard analyzer's tokens, and the index uses
 * the analyzer itself for every other value.
 *
 * <p>For ASCII, the word-boundary rules (UAX #29) reduce to: letters, digits and {@code _} join;
 * {@code :} joins two letters; {@code .} and {@code '} join two letters or two digits; {@code ,}
 * and {@code ;} join two digits; everything else separates. A segment without a letter or a digit
 * is no token.
 */
final class AsciiWordTokens extends TokenStream {

    /** The standard tokenizer splits longer words; values with such words take the analyzer's path. */
    static final int MAX_WORD_LENGTH = 255;

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    private static final byte UNDERSCORE = 3;
    /** Joins letters only. */
    private static final byte MID_LETTER = 4;
    /** Joins letters or digits. */
    private static final byte MID_NUM_LETTER = 5;
    /** Joins digits only. */
    private static final byte MID_NUM = 6;

    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASSES[c] = LETTER;
            CLASSES[Character.toUpperCase(c)] = LETTER;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASSES[c] = DIGIT;
        }
        CLASSES['_'] = UNDERSCORE;
        CLASSES[':'] = MID_LETTER;
        CLASSES['.'] = MID_NUM_LETTER;
        CLASSES['\''] = MID_NUM_LETTER;
        CLASSES[','] = MID_NUM;
        CLASSES[';'] = MID_NUM;
    }

    /** Larger buffers, for huge values, are dropped when the value's tokens are done. */
    private static final int KEPT_BUFFER = 1 << 16;

    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    /** A token: a slice of {@link #lower}, handed to the index without conversion. */
    private final BytesRef token = new BytesRef();
    /** The value lower-cased, one byte a character. */
    private byte[] lower = new byte[256];
    private int length;
    private int position;

    AsciiWordTokens() {
        // one attribute object each, not the packed one, whose char term would compete for the bytes
        super(AttributeFactory.DEFAULT_ATTRIBUTE_FACTORY);
    }

    /**
     * Takes the value if this class tokenizes it exactly as the standard analyzer: it is pure ASCII
     * and no run of word and joining characters is longer than the standard tokenizer's word limit.
     * Otherwise answers false, and the value must go through the analyzer.
     */
    boolean setValue(String value) {
        int n = value.length();
        if (lower.length < n) {
            lower = new byte[Math.max(n, 2 * lower.length)];
        }
        byte[] out = lower;
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 128) {
                return false;
            }
            run = CLASSES[c] == OTHER ? 0 : run + 1;
            if (run > MAX_WORD_LENGTH) {
                return false;
            }
            out[i] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        length = n;
        token.bytes = out;
        return true;
    }

    @Override
    public void reset() {
        position = 0;
    }

    @Override
    public boolean incrementToken() {
        clearAttributes();
        byte[] text = lower;
        int n = length;
        int i = position;
        while (i < n) {
            while (i < n && !startsWord(CLASSES[text[i]])) {
                i++;
            }
            int start = i;
            boolean hasLetterOrDigit = false;
            while (i < n) {
                byte kind = CLASSES[text[i]];
                if (kind == LETTER || kind == DIGIT) {
                    hasLetterOrDigit = true;
                    i++;
                } else if (kind == UNDERSCORE) {
                    i++;
                } else if (kind != OTHER && joins(text, n, i, kind)) {
                    i += 2;
                } else {
                    break;
                }
            }
            if (hasLetterOrDigit) {
                position = i;
                token.offset = start;
                token.length = i - start;
                term.setBytesRef(token);
                offset.setOffset(start, i);
                return true;
            }
            // only underscores: no word
        }
        position = n;
        return false;
    }

    private static boolean startsWord(byte kind) {
        return kind == LETTER || kind == DIGIT || kind == UNDERSCORE;
    }

    /**
     * Whether the joining character at {@code at} joins its neighbours: both letters for {@code :},
     * both letters or both digits for {@code .} and {@code '}, both digits for {@code ,} and
     * {@code ;}. The character before a joiner is a letter, digit or underscore here.
     */
    private static boolean joins(byte[] text, int length, int at, byte joiner) {
        if (at + 1 >= length) {
            return false;
        }
        byte before = CLASSES[text[at - 1]];
        byte after = CLASSES[text[at + 1]];
        boolean letters = before == LETTER && after == LETTER;
        boolean digits = before == DIGIT && after == DIGIT;
        return switch (joiner) {
            case MID_LETTER -> letters;
            case MID_NUM_LETTER -> letters || digits;
            default -> digits;
        };
    }

    @Override
    public void end() throws java.io.IOException {
        super.end();
        offset.setOffset(length, length);
    }

    @Override
    public void close() throws java.io.IOException {
        super.close();
        if (lower.length > KEPT_BUFFER) {
            lower = new byte[KEPT_BUFFER];
        }
    }
}
