package dev.vecnn.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/**
 * Untrusted bytes into the IDX parser: it may accept them or throw its own
 * {@link IdxFormatException}, never anything else (and never allocate what a header merely claims).
 * Runs as a regression test under `mvn test` on the seed corpus in
 * src/test/resources/dev/vecnn/data/IdxReaderFuzzTestInputs/METHOD/; JAZZER_FUZZ=1 fuzzes for real.
 */
class IdxReaderFuzzTest {
    private static final Path NAME = Path.of("fuzz-input");
    private static final AtomicInteger inputs = new AtomicInteger();
    private static final AtomicInteger accepted = new AtomicInteger();

    /** The corpus must be found (it sits in a folder named after the method) and reach past the header checks. */
    @AfterAll
    static void theSeedCorpusRan() {
        assertTrue(inputs.get() >= 20 && accepted.get() >= 4, inputs + " inputs ran, " + accepted + " parsed: is the seed corpus"
                + " missing from src/test/resources/dev/vecnn/data/IdxReaderFuzzTestInputs/?");
    }

    @FuzzTest(maxDuration = "30s")
    void parserThrowsOnlyItsOwnException(byte[] input) {
        inputs.incrementAndGet();
        try {
            IdxReader.readImages(NAME, new ByteArrayInputStream(input));
            accepted.incrementAndGet();
        } catch (IdxFormatException expected) {
            // documented failure
        }
        try {
            IdxReader.readLabels(NAME, new ByteArrayInputStream(input), 10);
            accepted.incrementAndGet();
        } catch (IdxFormatException expected) {
            // documented failure
        }
    }
}
