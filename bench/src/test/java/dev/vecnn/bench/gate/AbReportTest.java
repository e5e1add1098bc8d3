package dev.vecnn.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbReportTest {
    @TempDir
    Path dir;

    private static List<Double> times(double... v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    private static AbRunner.Samples samples(double candidateGemm, double stepBytes) {
        Map<String, Map<String, List<Double>>> t = new LinkedHashMap<>(), a = new LinkedHashMap<>();
        t.put("base", new LinkedHashMap<>(Map.of("gemm", times(100, 101, 99, 100.5, 99.5, 100.2),
                "trainingStep 1T", times(400, 401, 399, 402, 398, 400), "inference", times(50, 51, 49, 50, 50, 51))));
        t.put("candidate", new LinkedHashMap<>(Map.of("gemm", times(candidateGemm, candidateGemm + 1, candidateGemm - 1,
                candidateGemm + .5, candidateGemm - .5, candidateGemm + .2), "trainingStep 1T", times(401, 400, 399, 401, 400, 399))));
        a.put("candidate", Map.of("trainingStep 1T", times(stepBytes, stepBytes, stepBytes, stepBytes, stepBytes, stepBytes)));
        return new AbRunner.Samples(t, a);
    }

    private static AbReport report(double candidateGemm, double stepBytes) {
        return AbReport.of("gate", Map.of("base", "b"), samples(candidateGemm, stepBytes), "base", List.of("candidate"),
                AbDecision.Rule.DEFAULT);
    }

    @Test
    void aHealthyCandidatePassesAndABenchmarkOnOneSideIsNotCompared() {
        AbReport r = report(100, 20);
        assertEquals(AbReport.Outcome.PASS, r.outcome());
        assertTrue(r.table().contains("inference") && r.table().contains("NOT COMPARED") && r.table().contains("not in the candidate"), r.table());
    }

    @Test
    void aSlowGemmFailsAndIsNamed() {
        AbReport r = report(125, 20);
        assertEquals(AbReport.Outcome.FAIL, r.outcome());
        assertEquals(List.of("gemm"), r.benchmarks(AbDecision.Verdict.FAIL));
    }

    @Test
    void aStepThatAllocatesFailsWithoutABase() {
        AbReport r = report(100, 4096);
        assertEquals(AbReport.Outcome.FAIL, r.outcome());
        assertTrue(r.allocationFailures().get(0).contains("trainingStep 1T allocates 4096 B per step (limit 256)"), r.allocationFailures().toString());
    }

    @Test
    void jsonAndMarkdownCarryTheVerdictAndEveryFork() throws Exception {
        AbReport r = report(125, 20);
        r.write(dir, "gate");
        Object json = Json.parse(Files.readString(dir.resolve("gate.json")));
        assertEquals("FAIL", ((Map<?, ?>) json).get("outcome"));
        List<?> rows = (List<?>) ((Map<?, ?>) json).get("benchmarks");
        Map<?, ?> gemm = (Map<?, ?>) rows.stream().filter(o -> "gemm".equals(((Map<?, ?>) o).get("benchmark"))).findFirst().orElseThrow();
        assertEquals(6, ((List<?>) gemm.get("candidate_us")).size());
        String md = Files.readString(dir.resolve("gate.md"));
        assertTrue(md.startsWith("## gate: FAIL"), md);
        assertTrue(md.contains("| gemm | 100.1 | 125.1 | 1.250 |") && md.contains("**FAIL**"), md);
    }

    @Test
    void aFailureStandsOnlyWhenASecondRoundOfNewForksFailsToo() {
        AbReport slow1 = report(125, 20), slow2 = report(124, 20), healthy2 = report(100, 20);
        AbRunner.Samples pooledSlow = samples(125, 20).plus(samples(124, 20)), pooledMixed = samples(125, 20).plus(samples(100, 20));
        AbReport confirmed = AbReport.confirm(slow1, slow2, AbReport.of("gate", Map.of(), pooledSlow, "base", List.of("candidate"),
                AbDecision.Rule.DEFAULT));
        assertEquals(AbReport.Outcome.FAIL, confirmed.outcome());
        assertTrue(confirmed.table().contains("in both rounds"), confirmed.table());
        AbReport refuted = AbReport.confirm(slow1, healthy2, AbReport.of("gate", Map.of(), pooledMixed, "base", List.of("candidate"),
                AbDecision.Rule.DEFAULT));
        assertEquals(AbReport.Outcome.INCONCLUSIVE, refuted.outcome());
        assertTrue(refuted.table().contains("slower in the first round"), refuted.table());
    }
}
