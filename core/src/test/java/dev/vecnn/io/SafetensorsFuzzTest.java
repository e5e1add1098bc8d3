package dev.vecnn.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/**
 * Untrusted bytes into the safetensors reader: it decodes them or throws
 * {@link ModelFileException}, nothing else. Regression mode under `mvn test` on the seed corpus in
 * src/test/resources/dev/vecnn/io/SafetensorsFuzzTestInputs/METHOD/; JAZZER_FUZZ=1 fuzzes for real.
 */
class SafetensorsFuzzTest {
    private static final AtomicInteger inputs = new AtomicInteger();
    private static final AtomicInteger decoded = new AtomicInteger();

    /** The corpus must be found and reach past the header checks (a few seeds are whole files). */
    @AfterAll
    static void theSeedCorpusRan() {
        assertTrue(inputs.get() >= 27 && decoded.get() >= 4, inputs + " inputs ran, " + decoded + " decoded: is the seed corpus"
                + " missing from src/test/resources/dev/vecnn/io/SafetensorsFuzzTestInputs/?");
    }
    @FuzzTest(maxDuration = "30s")
    void readerThrowsOnlyModelFileException(byte[] bytes) {
        inputs.incrementAndGet();
        try {
            Safetensors.decode(bytes, "fuzz-input");
            decoded.incrementAndGet();
        } catch (ModelFileException expected) {
            // documented failure
        }
    }
}
