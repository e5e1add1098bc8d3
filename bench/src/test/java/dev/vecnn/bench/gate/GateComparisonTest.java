package dev.vecnn.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.bench.gate.GateComparison.Verdict;
import dev.vecnn.bench.report.JmhResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateComparisonTest {
    /** The baseline the healthy synthetic run reproduces exactly. */
    private static Baseline baseline() {
        Map<String, Baseline.Entry> f = new LinkedHashMap<>();
        JmhResults healthy = JmhResults.parse(SyntheticJmh.healthy().json());
        for (Figure fig : Figure.GATE) f.put(fig.name(), new Baseline.Entry(fig.compute(healthy), fig.defaultTolerance()));
        return new Baseline(Gate.machine(), "test", f);
    }

    private static GateComparison compare(SyntheticJmh run) {
        return GateComparison.compare(Figure.GATE, baseline(), JmhResults.parse(run.json()));
    }

    private static Verdict verdict(GateComparison c, String figure) {
        return c.rows().stream().filter(r -> r.figure().name().equals(figure)).findFirst().orElseThrow().verdict();
    }

    @Test
    void figuresAreMediansOfInRunRatios() {
        JmhResults r = JmhResults.parse(SyntheticJmh.healthy().json());
        Map<String, Double> v = GateComparison.compare(Figure.GATE, baseline(), r).values();
        assertEquals(30.0, v.get("gemm_packed_over_reference"), 1e-9);
        assertEquals(2.0, v.get("gemm_packed_over_unpacked"), 1e-9);
        assertEquals(1.25, v.get("step_over_unpacked_gemm"), 1e-12);
        assertEquals(0.004, v.get("step_alloc_bytes"), 1e-12);
    }

    @Test
    void theSameRunPasses() {
        GateComparison c = compare(SyntheticJmh.healthy());
        assertTrue(c.passed(), c.table());
        assertTrue(c.rows().stream().allMatch(r -> r.verdict() == Verdict.OK), c.table());
    }

    @Test
    void noiseWithinTheTolerancePasses() {
        // Every timer moved by up to 20%, in the directions that hurt the ratios most.
        GateComparison c = compare(SyntheticJmh.healthy().slower("gemm", "packedNanos", 1.1)
                .slower("gemm", "referenceNanos", 0.9).slower("gemm", "unpackedNanos", 0.85)
                .slower("trainingStep", "stepNanos", 1.2).slower("trainingStep", "unpackedNanos", 0.95)
                .allocation("trainingStep", 40));
        assertTrue(c.passed(), c.table());
    }

    @Test
    void aMachineTwiceAsSlowEverywherePasses() {
        // A busy or slower-clocked machine slows both sides of every ratio alike.
        GateComparison c = compare(SyntheticJmh.healthy().slower("gemm", "packedNanos", 2).slower("gemm", "unpackedNanos", 2)
                .slower("gemm", "referenceNanos", 2).slower("trainingStep", "stepNanos", 2).slower("trainingStep", "unpackedNanos", 2));
        assertTrue(c.passed(), c.table());
    }

    @Test
    void disturbedIterationsDoNotFailTheGateButASlowKernelDoes() {
        double[] twoOutliers = {1e6, 1e6, 3e6, 1e6, 1e6, 1e6, 1e6, 5e6, 1e6, 1e6};
        assertTrue(compare(SyntheticJmh.healthy().timer("gemm", "packedNanos", twoOutliers)).passed());
        double[] allSlow = {2e6, 2.1e6, 1.9e6, 2e6, 2e6, 2e6, 2.2e6, 2e6, 1.95e6, 2e6};
        assertFalse(compare(SyntheticJmh.healthy().timer("gemm", "packedNanos", allSlow)).passed());
    }

    @Test
    void aTwoTimesSlowerGemmFails() {
        GateComparison c = compare(SyntheticJmh.healthy().slower("gemm", "packedNanos", 2));
        assertFalse(c.passed());
        assertEquals(Verdict.REGRESSED, verdict(c, "gemm_packed_over_reference"));
        assertEquals(Verdict.REGRESSED, verdict(c, "gemm_packed_over_unpacked"));
        assertEquals(Verdict.OK, verdict(c, "step_over_unpacked_gemm"));
        assertEquals(List.of("gemm_packed_over_reference", "gemm_packed_over_unpacked"), c.failures());
        assertTrue(c.table().contains("REGRESSED"), c.table());
    }

    @Test
    void aTwoTimesSlowerTrainingStepFails() {
        GateComparison c = compare(SyntheticJmh.healthy().slower("trainingStep", "stepNanos", 2));
        assertEquals(List.of("step_over_unpacked_gemm"), c.failures());
    }

    @Test
    void allocationAboveTheToleranceFails() {
        GateComparison c = compare(SyntheticJmh.healthy().allocation("trainingStep", 4096));
        assertEquals(List.of("step_alloc_bytes"), c.failures());
        assertTrue(compare(SyntheticJmh.healthy().allocation("trainingStep", 100)).passed());
    }

    @Test
    void aMissingBenchmarkFailsAndSaysWhichOne() {
        GateComparison c = compare(SyntheticJmh.healthy().without("gemm"));
        assertFalse(c.passed());
        GateComparison.Row row = c.rows().get(0);
        assertEquals(Verdict.MISSING, row.verdict());
        assertTrue(row.note().contains("GateBenchmark.gemm is missing"), row.note());
        assertEquals(List.of("gemm_packed_over_reference", "gemm_packed_over_unpacked"), c.failures());
    }

    @Test
    void aMissingTimerFailsItsFigure() {
        GateComparison c = compare(SyntheticJmh.healthy().withoutTimer("gemm", "referenceNanos"));
        assertEquals(List.of("gemm_packed_over_reference"), c.failures());
        assertTrue(c.rows().get(0).note().contains("has no referenceNanos"), c.rows().get(0).note());
    }

    @Test
    void resultsWithoutTheGcProfilerFailTheAllocationFigure() {
        String json = SyntheticJmh.healthy().json().replace("gc.alloc.rate.norm", "gc.alloc.rate");
        GateComparison c = GateComparison.compare(Figure.GATE, baseline(), JmhResults.parse(json));
        assertEquals(List.of("step_alloc_bytes"), c.failures());
        assertTrue(c.rows().get(3).note().contains("-prof gc"), c.rows().get(3).note());
    }

    @Test
    void aFigureMissingFromTheBaselineFails() {
        Map<String, Baseline.Entry> f = new LinkedHashMap<>(baseline().figures());
        f.remove("step_over_unpacked_gemm");
        GateComparison c = GateComparison.compare(Figure.GATE, new Baseline("m", "t", f),
                JmhResults.parse(SyntheticJmh.healthy().json()));
        assertEquals(List.of("step_over_unpacked_gemm"), c.failures());
        assertEquals(Verdict.NO_BASELINE, verdict(c, "step_over_unpacked_gemm"));
    }

    @Test
    void aFasterBuildPassesAndSuggestsReRecording() {
        GateComparison c = compare(SyntheticJmh.healthy().slower("gemm", "packedNanos", 0.5));
        assertTrue(c.passed());
        assertEquals(Verdict.IMPROVED, verdict(c, "gemm_packed_over_reference"));
    }

    @Test
    void theBaselineFileRoundTrips() {
        Baseline b = baseline();
        Baseline back = Baseline.parse(b.toJson(), "test");
        assertEquals(b.machine(), back.machine());
        for (String name : b.figures().keySet()) {
            assertEquals(b.figures().get(name).value(), back.figures().get(name).value(), 1e-5 * Math.abs(b.figures().get(name).value()));
            assertEquals(b.figures().get(name).tolerance(), back.figures().get(name).tolerance(), 1e-9);
        }
    }
}
