package dev.vecnn.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;

/**
 * Untrusted bytes into the IDX parser: it may accept them or throw its own
 * {@link IdxFormatException}, never anything else (and never allocate what a header merely claims).
 * Runs as a regression test under `mvn test`; JAZZER_FUZZ=1 fuzzes for real.
 */
class IdxReaderFuzzTest {
    private static final Path NAME = Path.of("fuzz-input");

    @FuzzTest(maxDuration = "30s")
    void parserThrowsOnlyItsOwnException(byte[] input) {
        try {
            IdxReader.readImages(NAME, new ByteArrayInputStream(input));
        } catch (IdxFormatException expected) {
            // documented failure
        }
        try {
            IdxReader.readLabels(NAME, new ByteArrayInputStream(input), 10);
        } catch (IdxFormatException expected) {
            // documented failure
        }
    }
}
