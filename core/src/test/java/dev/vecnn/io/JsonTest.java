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
}
