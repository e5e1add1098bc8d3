package dev.vecnn.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.bench.report.JmhResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the gate on recorded results (--compare): exit codes and the printed table. */
class GateCommandTest {
    @TempDir
    Path dir;

    private Path baseline() throws IOException {
        JmhResults healthy = JmhResults.parse(SyntheticJmh.healthy().json());
        Map<String, Baseline.Entry> f = new LinkedHashMap<>();
        for (Figure fig : Figure.GATE) f.put(fig.name(), new Baseline.Entry(fig.compute(healthy), fig.defaultTolerance()));
        Path p = dir.resolve("baseline.json");
        new Baseline(Gate.machine(), "test", f).write(p);
        return p;
    }

    private int run(ByteArrayOutputStream out, String... args) {
        return new Gate(new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void exitsZeroOnAHealthyRunAndOneOnASlowOne() throws IOException {
        Path base = baseline();
        Path good = dir.resolve("good.json"), slow = dir.resolve("slow.json");
        Files.writeString(good, SyntheticJmh.healthy().json());
        Files.writeString(slow, SyntheticJmh.healthy().slower("trainingStep", "stepNanos", 2.2).slower("gemm", "packedNanos", 2.2).json());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(out, "--compare", good.toString(), "--baseline", base.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gate: passed"));
        out.reset();
        assertEquals(1, run(out, "--compare", slow.toString(), "--baseline", base.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("figure") && text.contains("baseline") && text.contains("now") && text.contains("verdict"), text);
        assertTrue(text.contains("gate: FAILED: gemm_packed_over_reference, gemm_packed_over_unpacked, step_over_unpacked_gemm"), text);
    }

    @Test
    void badUsageExitsTwoAndAMissingBaselineOne() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, run(out, "--frobnicate"));
        assertEquals(2, run(out, "--compare"));
        assertEquals(2, run(out, "--selftest", "--slow", "everything"));
        Path good = dir.resolve("good.json");
        Files.writeString(good, SyntheticJmh.healthy().json());
        assertEquals(1, run(out, "--compare", good.toString(), "--baseline", dir.resolve("none.json").toString()));
    }

    /** Tests run in bench/: the committed baselines, one per vector width, hold every gate figure. */
    @Test
    void committedBaselinesCoverBothVectorWidthsAndEveryFigure() throws IOException {
        for (String width : new String[] {"256", "512"}) {
            Path file = Path.of("gate-baseline-" + width + "bit.json");
            Baseline b = Baseline.read(file);
            assertTrue(b.machine().contains(width + "-bit vectors"), file + ": " + b.machine());
            for (Figure f : Figure.GATE) assertTrue(b.figures().containsKey(f.name()), file + " lacks " + f.name());
        }
        assertTrue(Gate.defaultBaseline().toString().matches("bench/gate-baseline-\\d+bit\\.json"), Gate.defaultBaseline().toString());
    }
}
