package dev.vecnn.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/**
 * Untrusted text into the JSON parser: it returns a value or throws {@link JsonException}, nothing
 * else. Regression mode under `mvn test` on the seed corpus in
 * src/test/resources/dev/vecnn/io/JsonFuzzTestInputs/METHOD/; JAZZER_FUZZ=1 fuzzes for real. A
 * String seed is not raw text but Jazzer's encoding of the argument: byte 1 (not null), the UTF-8
 * length as a big-endian int, then the UTF-8 bytes (raw text would arrive as some other string).
 */
class JsonFuzzTest {
    private static final AtomicInteger inputs = new AtomicInteger();
    private static final AtomicInteger parsed = new AtomicInteger();

    /** The corpus must be found and decoded as the text it holds (several seeds are valid JSON). */
    @AfterAll
    static void theSeedCorpusRan() {
        assertTrue(inputs.get() >= 22 && parsed.get() >= 7, inputs + " inputs ran, " + parsed + " parsed: is the seed corpus"
                + " missing from src/test/resources/dev/vecnn/io/JsonFuzzTestInputs/?");
    }
    @FuzzTest(maxDuration = "30s")
    void parserThrowsOnlyJsonException(String text) {
        inputs.incrementAndGet();
        try {
            Json.parse(text);
            parsed.incrementAndGet();
        } catch (JsonException expected) {
            // documented failure
        }
    }
}
