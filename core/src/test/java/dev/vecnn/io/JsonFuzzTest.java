package dev.vecnn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Untrusted text into the JSON parser: it returns a value or throws {@link JsonException}, nothing
 * else. Regression mode under `mvn test`; JAZZER_FUZZ=1 fuzzes for real.
 */
class JsonFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parserThrowsOnlyJsonException(String text) {
        try {
            Json.parse(text);
        } catch (JsonException expected) {
            // documented failure
        }
    }
}
