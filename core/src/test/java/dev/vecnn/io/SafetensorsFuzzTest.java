package dev.vecnn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Untrusted bytes into the safetensors reader: it decodes them or throws
 * {@link ModelFileException}, nothing else. Regression mode under `mvn test`; JAZZER_FUZZ=1 fuzzes for real.
 */
class SafetensorsFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void readerThrowsOnlyModelFileException(byte[] bytes) {
        try {
            Safetensors.decode(bytes, "fuzz-input");
        } catch (ModelFileException expected) {
            // documented failure
        }
    }
}
