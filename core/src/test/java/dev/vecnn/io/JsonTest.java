package dev.vecnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e2, true, false, null], \"b\": {\"c\": \"x\\n\\u00e9\\\"\"}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1L, -2L, 3.5, 100.0, true, false, Json.NULL), m.get("a"));
        assertEquals(Map.of("c", "x\né\""), m.get("b"));
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(1e19, Json.parse("10000000000000000000"));
    }

    @Test
    void writtenStringsReadBack() {
        String s = "tab\t quote\" slash\\ bell\u0007 é";
        StringBuilder sb = new StringBuilder();
        Json.writeString(sb, s);
        assertEquals(s, Json.parse(sb.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "-", "1.", "1e", ".5",
            "\"abc", "\"\\x\"", "\"\\u12\"", "tru", "nul", "[1] 2", "{\"a\":1,\"a\":2}", "\"\u0001\"", "+1", "NaN"})
    void refusesInvalidText(String text) {
        assertThrows(JsonException.class, () -> Json.parse(text));
    }

    @Test
    void refusesDeepNestingInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(JsonException.class, () -> Json.parse(deep));
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Json.parse(ok);
    }

    @Test
    void writtenJsonParsesBackToTheSameValues() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", "a \"quoted\"\nline");
        m.put("n", 42L);
        m.put("x", 0.5);
        m.put("list", List.of(1L, "two", true));
        m.put("none", null);
        String text = Json.write(m);
        assertEquals("{\"name\": \"a \\\"quoted\\\"\\nline\", \"n\": 42, \"x\": 0.5, \"list\": [1, \"two\", true], \"none\": null}", text);
        Map<?, ?> back = (Map<?, ?>) Json.parse(text);
        assertEquals("a \"quoted\"\nline", back.get("name"));
        assertEquals(List.of(1L, "two", true), back.get("list"));
        assertEquals(Json.NULL, back.get("none"));
    }

    @Test
    void numbersThatAreNotFiniteAreWrittenAsNullAndRawLiteralsAsGiven() {
        assertEquals("[null, null, 1.50000]", Json.write(List.of(Double.NaN, Float.POSITIVE_INFINITY, new Json.Raw("1.50000"))));
    }
}
