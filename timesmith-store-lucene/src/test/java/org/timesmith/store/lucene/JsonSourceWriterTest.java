package org.timesmith.store.lucene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonSourceWriterTest {

    private final JsonMapper jackson = new JsonMapper();
    private final JsonSourceWriter writer = new JsonSourceWriter();

    private void assertSameAsJackson(Map<String, Object> source) {
        assertArrayEquals(jackson.writeValueAsBytes(source), writer.write(source), () -> source.toString());
    }

    @Test
    void writesEveryPlainValueAsJacksonDoes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("ip", "10.0.0.1");
        nested.put("ports", List.of(22, 443L));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("message", "User \"admin\" logged on from C:\\Windows\\n\tline2\r\n\b\f\u0000\u001f\u007f/</script>");
        source.put("timestamp", 1_700_000_000_123_456L);
        source.put("count", 7);
        source.put("short", (short) -3);
        source.put("byte", (byte) 9);
        source.put("big", new BigInteger("123456789012345678901234567890"));
        source.put("ratio", 0.1);
        source.put("tiny", 4.9E-324);
        source.put("huge", -1.7976931348623157E308);
        source.put("float", 3.25f);
        source.put("yes", true);
        source.put("no", false);
        source.put("nothing", null);
        source.put("names", List.of("a", "b"));
        source.put("empty", List.of());
        source.put("emptyMap", Map.of());
        source.put("net", nested);
        source.put("unicode", "Grüße, 東京, \u2028, 😀 🇳🇱");
        source.put("ke\"y\n", "value");
        assertSameAsJackson(source);
    }

    @Test
    void writesRandomStringsAsJacksonDoes() {
        Random random = new Random(42);
        for (int round = 0; round < 5_000; round++) {
            Map<String, Object> source = new LinkedHashMap<>();
            for (int field = 0; field < 5; field++) {
                source.put(randomString(random, 8), randomString(random, 60));
            }
            List<Object> list = new ArrayList<>();
            list.add(randomString(random, 20));
            list.add(random.nextLong());
            list.add(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            source.put("list", list);
            assertSameAsJackson(source);
        }
    }

    /** Characters from every class: plain and escaped ASCII, two- and three-byte UTF-8, surrogate pairs. */
    private static String randomString(Random random, int maxLength) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        while (s.length() < length) {
            switch (random.nextInt(5)) {
                case 0 -> s.append((char) random.nextInt(0x80));
                case 1 -> s.append((char) (0x20 + random.nextInt(0x5F)));
                case 2 -> s.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> s.append((char) (0x800 + random.nextInt(0xD800 - 0x800)));
                default -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
            }
        }
        return s.toString();
    }

    @Test
    void aBufferGrowsForHugeAndHeavilyEscapedValues() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("controls", "\u0001".repeat(200_000));
        source.put("text", "x".repeat(3_000_000));
        source.put("wide", "東".repeat(100_000));
        assertSameAsJackson(source);
        assertSameAsJackson(Map.of("after", "a small one"));
    }

    @Test
    void leavesEverythingElseToJackson() {
        assertNull(writer.write(Map.of("amount", new BigDecimal("1E+3"))));
        assertNull(writer.write(Map.of("nan", Double.NaN)));
        assertNull(writer.write(Map.of("inf", Float.POSITIVE_INFINITY)));
        assertNull(writer.write(Map.of("lone", "a\uD800b")));
        assertNull(writer.write(Map.of("reversed", "\uDC00\uD800")));
        assertNull(writer.write(Map.of("when", java.time.Instant.EPOCH)));
        Map<Object, Object> numericKeys = new LinkedHashMap<>();
        numericKeys.put(1, "one");
        assertNull(writer.write(Map.of("nested", numericKeys)));
    }

    @Test
    void theCodecStillEncodesWhatTheWriterLeavesToJackson() {
        SourceCodec codec = new SourceCodec();
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("amount", new BigDecimal("12.50"));
        source.put("nan", Double.NaN);
        byte[] json = codec.encode(source);
        assertArrayEquals(jackson.writeValueAsBytes(source), json);
    }
}
