package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-unrolled tiles must be exactly what core/src/build/generate_tiles.py writes (edit the script, not them). */
class GeneratedTilesTest {
    @Test
    void committedTilesMatchTheirGenerator(@TempDir Path out) throws IOException, InterruptedException {
        Path script = Path.of("src/build/generate_tiles.py");
        assumeTrue(Files.exists(script), "run from the core module");
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString(), out.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed: " + e.getMessage());
            return;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "generator timed out");
        assertEquals(0, p.exitValue(), "generator failed: " + log);
        for (String name : new String[] {"MicroKernel.java", "DotKernel.java"}) {
            assertEquals(Files.readString(out.resolve(name)), Files.readString(Path.of("src/main/java/dev/vecnn/kernel", name)),
                    name + " differs from generate_tiles.py's output: edit the script and regenerate");
        }
    }
}
