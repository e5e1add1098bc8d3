package dev.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void versionAndHelpExitZero() {
        CliRun v = CliRun.of("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("vecnn "), v.out());
        CliRun h = CliRun.of("--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("data"), h.out());
        assertTrue(h.out().matches("(?s).*\\n +3 +training diverged.*"), h.out());
        assertTrue(h.out().matches("(?s).*\\n +130/143 +stopped by SIGINT/SIGTERM.*"), h.out());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, CliRun.of("data", "info", "--no-such-flag").exit());
        assertEquals(2, CliRun.of("no-such-command").exit());
        assertEquals(2, CliRun.of().exit());
    }

    @Test
    void aFlagPicocliCannotParseIsOneLineSayingWhereToLook() {
        CliRun type = CliRun.of("train", "--epochs", "abc");
        assertEquals(2, type.exit());
        assertEquals("vecnn: error: Invalid value for option '--epochs': 'abc' is not an int; see 'vecnn train --help'",
                type.err().strip());
        CliRun typo = CliRun.of("trian");
        assertEquals(2, typo.exit());
        assertEquals(1, typo.err().strip().lines().count(), typo.err());
        assertTrue(typo.err().contains("'trian'") && typo.err().contains("did you mean train?"), typo.err());
        CliRun none = CliRun.of();
        assertEquals("vecnn: error: a command is required; see 'vecnn --help'", none.err().strip());
    }

    @Test
    void failureIsOneLineOnStderrAndExitOne() {
        CliRun r = CliRun.of("data", "info", "--data", dir.resolve("absent").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("vecnn: error: "), r.err());
        assertTrue(r.err().contains("vecnn data fetch"), r.err());
        assertFalse(r.err().contains("at dev.vecnn"), "no stack trace without --verbose");
        CliRun verbose = CliRun.of("--verbose", "data", "info", "--data", dir.resolve("absent").toString());
        assertTrue(verbose.err().contains("at dev.vecnn"), "stack trace with --verbose");
    }

    @Test
    void aDamagedDataFileIsNamedWithWhatToDo() throws IOException {
        writeIdx("train-images-idx3-ubyte", java.util.Arrays.copyOf(images(30), 16 + 30 * 4 - 5));
        writeIdx("train-labels-idx1-ubyte", labels(30));
        writeIdx("t10k-images-idx3-ubyte", images(10));
        writeIdx("t10k-labels-idx1-ubyte", labels(10));
        CliRun r = CliRun.of("data", "info", "--data", dir.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("train-images-idx3-ubyte: truncated data"), r.err());
        assertTrue(r.err().contains("replace it with an intact copy"), r.err());
    }

    @Test
    void dataInfoCountsPerSplitAndClass() throws IOException {
        writeIdx("train-images-idx3-ubyte", images(30));
        writeIdx("train-labels-idx1-ubyte", labels(30));
        writeIdx("t10k-images-idx3-ubyte", images(10));
        writeIdx("t10k-labels-idx1-ubyte", labels(10));
        CliRun r = CliRun.of("data", "info", "--data", dir.toString(), "--validation", "10");
        assertEquals(0, r.exit(), r.err());
        CliRun tooMany = CliRun.of("data", "info", "--data", dir.toString(), "--validation", "30");
        assertEquals(2, tooMany.exit(), tooMany.err());
        assertEquals("vecnn: error: --validation must be below the 30 training images, got 30", tooMany.err().strip());
        assertEquals(2, CliRun.of("data", "info", "--data", dir.toString(), "--validation=-1").exit());
        assertTrue(r.out().matches("(?s).*train \\(all\\)\\s+30\\s+3\\s+3.*"), r.out());
        assertTrue(r.out().matches("(?s).*validation\\s+10 .*"), r.out());
        assertTrue(r.out().matches("(?s).*test\\s+10\\s+1\\s+1.*"), r.out());
    }

    private static byte[] images(int n) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 4);
        b.putInt(0x0803).putInt(n).putInt(2).putInt(2);
        for (int i = 0; i < n * 4; i++) b.put((byte) i);
        return b.array();
    }

    private static byte[] labels(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x0801).putInt(n);
        for (int i = 0; i < n; i++) b.put((byte) (i % 10));
        return b.array();
    }

    private void writeIdx(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }
}
