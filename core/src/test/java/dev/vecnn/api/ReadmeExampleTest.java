package dev.vecnn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.ReadmeExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md's library example runs, and the README shows the code this test compiled, line for line. */
class ReadmeExampleTest {
    // Surefire runs in the module's folder (core/); the README is the project's.
    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLE = Path.of("src", "test", "java", "example", "ReadmeExample.java");

    @Test
    void theExampleTrainsSavesAndMultiplies(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.safetensors");
        long start = System.nanoTime();
        ReadmeExample.Result r = ReadmeExample.run(file);
        assertTrue(r.accuracy() > 0.9, "training accuracy " + r.accuracy() + " on two separable classes");
        assertArrayEquals(new float[] {4, 5, 10, 11}, r.c(), 0f, "[1 2 3; 4 5 6] x [1 0; 0 1; 1 1]");
        assertEquals(8, Model.load(file).config().inputs());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "a README example should take seconds at most");
    }

    @Test
    void theReadmeShowsExactlyTheExamplesCode() throws IOException {
        List<String> readme = javaBlockOfSection(Files.readAllLines(README), "## As a library");
        List<String> example = region(Files.readAllLines(EXAMPLE));
        assertEquals(String.join("\n", example), String.join("\n", readme),
                "README.md's java block under '## As a library' must be ReadmeExample.java between the README markers"
                        + " (indentation aside): update one from the other");
    }

    /** The first ```java block after the heading {@code section}. */
    private static List<String> javaBlockOfSection(List<String> lines, String section) {
        int i = lines.indexOf(section);
        assertTrue(i >= 0, "README.md has no '" + section + "' heading");
        while (i < lines.size() && !lines.get(i).equals("```java")) i++;
        assertTrue(i < lines.size(), "no ```java block under '" + section + "'");
        List<String> block = new ArrayList<>();
        for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) block.add(lines.get(i));
        return block;
    }

    /** The lines between the markers, less their common indentation (the method body's). */
    private static List<String> region(List<String> lines) {
        int begin = -1, end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("// README:begin")) begin = i;
            if (lines.get(i).strip().equals("// README:end")) end = i;
        }
        assertTrue(begin >= 0 && end > begin, "ReadmeExample.java needs // README:begin and // README:end markers");
        List<String> body = lines.subList(begin + 1, end);
        int indent = Integer.MAX_VALUE;
        for (String l : body) if (!l.isBlank()) indent = Math.min(indent, l.length() - l.stripLeading().length());
        List<String> out = new ArrayList<>();
        for (String l : body) out.add(l.isBlank() ? "" : l.substring(indent));
        return out;
    }
}
