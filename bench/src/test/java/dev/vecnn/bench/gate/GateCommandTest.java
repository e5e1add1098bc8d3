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

/** The command line of the gate without measuring: the absolute mode on recorded results (--compare), usage errors. */
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
        return new Gate(new PrintStream(out, true, StandardCharsets.UTF_8), Map.of(), dir).run(args);
    }

    @Test
    void theAbsoluteModeIsAdvisoryUnlessStrict() throws IOException {
        Path base = baseline();
        Path good = dir.resolve("good.json"), slow = dir.resolve("slow.json");
        Files.writeString(good, SyntheticJmh.healthy().json());
        Files.writeString(slow, SyntheticJmh.healthy().slower("trainingStep", "stepNanos", 2.2).slower("gemm", "packedNanos", 2.2).json());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(out, "--compare", good.toString(), "--baseline", base.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gate: absolute figures as recorded"));
        out.reset();
        assertEquals(0, run(out, "--compare", slow.toString(), "--baseline", base.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("figure") && text.contains("baseline") && text.contains("now") && text.contains("verdict"), text);
        assertTrue(text.contains("gate: advisory: below this CPU's recorded figures: gemm_packed_over_reference, gemm_packed_over_unpacked,"
                + " step_over_unpacked_gemm"), text);
        out.reset();
        assertEquals(1, run(out, "--compare", slow.toString(), "--baseline", base.toString(), "--strict"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gate: FAILED (--strict)"));
    }

    @Test
    void badUsageExitsTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, run(out, "--frobnicate"));
        assertEquals(2, run(out, "--compare"));
        assertEquals(2, run(out, "--forks", "0"));
        assertEquals(2, run(out, "--floor", "1.5"));
        assertEquals(2, run(out, "--alpha", "zero"));
        assertEquals(2, run(out, "--slow-arms", "gemm:1.1,everything"));
        assertEquals(2, run(out, "--param", "shape"));
        assertEquals(2, run(out, "--only", "gemm("));
    }

    /** Without a baseline for this CPU the absolute mode says how to record one and does not fail. */
    @Test
    void aMissingBaselineIsNoFailure() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path good = dir.resolve("good.json");
        Files.writeString(good, SyntheticJmh.healthy().json());
        assertEquals(0, run(out, "--compare", good.toString(), "--baseline", dir.resolve("none.json").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gate: no baseline for " + CpuIdentity.current().key()
                + "; record one with bench/gate --record"), out.toString(StandardCharsets.UTF_8));
    }

    /** Absolute baselines are keyed by the CPU's identity, never by vector width alone. */
    @Test
    void baselinesAreKeyedByCpuIdentity() {
        assertEquals(Path.of("bench/gate-baselines/" + CpuIdentity.current().key() + ".json"), Gate.defaultBaseline());
    }
}
