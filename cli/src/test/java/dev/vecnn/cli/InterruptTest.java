package dev.vecnn.cli;

import dev.vecnn.data.TinyMnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal during `vecnn train`, sent to a real JVM running the CLI: it stops at a step boundary,
 * writes its checkpoint, says so in one line and exits 128 + the signal's number.
 */
class InterruptTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = dir.resolve("data");
        TinyMnist.write(data, 2_000, 100);
    }

    private static List<String> flags() {
        return List.of("--data", data.toString(), "--hidden", "16:tanh", "--validation", "200", "--lr", "0.1",
                "--momentum", "0.9", "--batch", "32", "--threads", "1");
    }

    /** Starts a run of many epochs in a child JVM and returns it once its first checkpoint exists. */
    private static Process start(Path ckpt, Path save, Path err) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.vecnn.cli.Main", "train"));
        cmd.addAll(flags());
        cmd.addAll(List.of("--epochs", "100000", "--checkpoint", ckpt.toString(), "--save", save.toString(), "--quiet"));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(ckpt)) {
            assertTrue(p.isAlive(), "the run ended early: " + Files.readString(err));
            assertTrue(System.nanoTime() < deadline, "no checkpoint after 120 s");
            Thread.sleep(50);
        }
        return p;
    }

    /** Signals the run, then checks its exit code, its one line, the checkpoint and that a resume continues it. */
    private static void interruptAndResume(String name, int exitCode, java.util.function.Consumer<Process> signal) throws Exception {
        Path ckpt = dir.resolve(name + ".ckpt.safetensors");
        Path save = dir.resolve(name + ".safetensors");
        Path err = dir.resolve(name + ".err");
        Process p = start(ckpt, save, err);
        signal.accept(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not stop within 60 s of the signal");
        // The JVM's own "Using incubator modules" warning comes first; vecnn's is the only other line.
        List<String> lines = Files.readString(err).strip().lines().filter(l -> !l.contains("incubator modules")).toList();
        String line = String.join("\n", lines);
        assertEquals(exitCode, p.exitValue(), line);
        Matcher m = Pattern.compile("vecnn: interrupted after epoch (\\d+) of 100000: checkpoint written to "
                + Pattern.quote(ckpt.toString()) + "; continue with the same flags and --resume " + Pattern.quote(ckpt.toString())
                + "; " + Pattern.quote(save.toString()) + " was not written").matcher(line);
        assertTrue(m.matches(), line);
        assertFalse(Files.exists(save), "an interrupted run saves no model");
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
        int epoch = Integer.parseInt(m.group(1));
        assertTrue(epoch >= 1, line);
        List<String> resume = new ArrayList<>(List.of("train"));
        resume.addAll(flags());
        resume.addAll(List.of("--epochs", Integer.toString(epoch + 1), "--resume", ckpt.toString(), "--save", save.toString()));
        CliRun r = CliRun.of(resume.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("resuming from " + ckpt + " at epoch " + epoch), r.out());
        assertTrue(r.out().contains("completed " + (epoch + 1) + " epochs"), r.out());
        assertTrue(Files.exists(save));
    }

    @Test
    void sigtermStopsWritesTheCheckpointAndExits143() throws Exception {
        interruptAndResume("term", 143, Process::destroy); // SIGTERM on Linux
    }

    @Test
    void sigintStopsWritesTheCheckpointAndExits130() throws Exception {
        interruptAndResume("int", 130, p -> {
            // A JVM started with SIGINT ignored (a background job of a shell without job control) keeps
            // ignoring it, as any program would: nothing to test then.
            boolean ignored = sigintIgnored(p.pid());
            if (ignored) p.destroyForcibly();
            Assumptions.assumeFalse(ignored, "SIGINT is ignored in this environment");
            try {
                assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void sigtermDuringASweepRecordsFinishedTrialsOnlyAndExits143() throws Exception {
        Path spec = dir.resolve("long.json");
        Files.writeString(spec, "{\"name\": \"long\", \"base\": {\"hidden\": \"16:tanh\", \"validation\": 200,"
                + " \"batch\": 32, \"epochs\": 100000}, \"grid\": {\"lr\": [0.1, 0.05]}}");
        Path out = dir.resolve("sweep-out");
        Path err = dir.resolve("sweep.err");
        Path log = dir.resolve("sweep.out");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.vecnn.cli.Main", "sweep", spec.toString(), "--out", out.toString(), "--data", data.toString(),
                "--parallel", "1", "--trial-threads", "1");
        Process p = new ProcessBuilder(cmd).redirectOutput(log.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(log) || !Files.readString(log).contains("sweep long: 2 trials")) {
            assertTrue(p.isAlive(), "the sweep ended early: " + Files.readString(err));
            assertTrue(System.nanoTime() < deadline, "the sweep did not start within 120 s");
            Thread.sleep(50);
        }
        Thread.sleep(1000); // into the first trial's epochs
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the sweep did not stop within 60 s of the signal");
        String line = String.join("\n", Files.readString(err).strip().lines().filter(l -> !l.contains("incubator modules")).toList());
        assertEquals(143, p.exitValue(), line);
        assertEquals("vecnn: sweep interrupted: 0 of 2 trials are recorded in " + out.resolve("trials.jsonl")
                + "; run the same command again to train the rest", line);
        Path trials = out.resolve("trials.jsonl");
        assertTrue(!Files.exists(trials) || Files.readString(trials).isEmpty(), "an interrupted trial is not recorded");
        assertTrue(Files.readString(log).contains("interrupted, not recorded"), Files.readString(log));
    }

    private static boolean sigintIgnored(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("SigIgn:")) return (Long.parseLong(l.substring(7).strip(), 16) & 2) != 0;
            }
        } catch (IOException e) {
            // not Linux: assume the signal is delivered
        }
        return false;
    }
}
