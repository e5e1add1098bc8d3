package dev.vecnn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialsFileTest {
    @TempDir
    Path dir;

    private static Map<String, Object> record(String hash, double accuracy) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("hash", hash);
        r.put("index", 0L);
        r.put("test_accuracy", accuracy);
        return r;
    }

    @Test
    void aTrialIsWrittenOnceAndReadBack() throws IOException {
        Path f = dir.resolve("trials.jsonl");
        try (TrialsFile t = TrialsFile.open(f)) {
            assertTrue(t.append(record("a", 0.5)));
            assertFalse(t.append(record("a", 0.6)), "a second record of the same trial is refused");
            assertTrue(t.append(record("b", 0.7)));
        }
        assertEquals(2, Files.readAllLines(f).size());
        try (TrialsFile t = TrialsFile.open(f)) {
            assertTrue(t.done("a") && t.done("b") && !t.done("c"));
            assertEquals(0.5, (Double) t.record("a").get("test_accuracy"));
            assertEquals(0, t.cutBytes());
        }
    }

    @Test
    void aTornLastLineFromAKilledRunIsCutAndTheTrialRunsAgain() throws IOException {
        Path f = dir.resolve("trials.jsonl");
        try (TrialsFile t = TrialsFile.open(f)) {
            t.append(record("a", 0.5));
        }
        String torn = "{\"hash\": \"b\", \"test_acc";
        Files.writeString(f, torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (TrialsFile t = TrialsFile.open(f)) {
            assertEquals(torn.length(), t.cutBytes());
            assertTrue(t.done("a"));
            assertFalse(t.done("b"));
            assertTrue(t.append(record("b", 0.9)));
        }
        assertEquals(2, Files.readAllLines(f).size());
        assertTrue(Files.readString(f).endsWith("0.9}\n"), Files.readString(f));
    }

    @Test
    void aDamagedCompleteLineIsAnErrorNotSilentlySkipped() throws IOException {
        Path f = dir.resolve("trials.jsonl");
        Files.writeString(f, "not json\n");
        IOException e = assertThrows(IOException.class, () -> TrialsFile.open(f));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains(f.toString()), e.getMessage());
    }
}
