package dev.vecnn.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vecnn.bench.report.JmhResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AbRunnerTest {
    @Test
    void armsAlternateABBA() {
        AbRunner.Arm a = new AbRunner.Arm("base", Path.of("a.jar"), List.of()), b = new AbRunner.Arm("candidate", Path.of("b.jar"), List.of());
        List<String> order = AbRunner.schedule(List.of(a, b), 4).stream().map(AbRunner.Arm::name).toList();
        assertEquals(List.of("base", "candidate", "candidate", "base", "base", "candidate", "candidate", "base"), order);
    }

    @Test
    void aForkCountsItsFastestIterationAndNamesCarryParameters() {
        JmhResults.Metric m = new JmhResults.Metric(120, 5, "us/op", new double[] {130, 101, 180, 102});
        assertEquals(101, AbRunner.fastest(m));
        JmhResults.Run run = new JmhResults.Run("dev.vecnn.bench.gate.GateSuite.trainingStep", "avgt", Map.of("threads", "2"), m, Map.of());
        assertEquals("trainingStep 2T", AbRunner.key(run));
        JmhResults.Run gemm = new JmhResults.Run("x.GateSuite.gemm", "avgt", Map.of("shape", "128x128x784:NN"), m, Map.of());
        assertEquals("gemm 128x128x784:NN", AbRunner.key(gemm));
    }

    @Test
    void samplesMergeForkByFork() {
        AbRunner.Samples one = new AbRunner.Samples(Map.of("base", Map.of("gemm", List.of(1.0, 2.0))), Map.of());
        AbRunner.Samples two = new AbRunner.Samples(Map.of("base", Map.of("gemm", List.of(3.0), "step", List.of(4.0))), Map.of());
        AbRunner.Samples all = one.plus(two);
        assertEquals(3, all.times("base", "gemm").length);
        assertEquals(List.of("gemm", "step"), all.benchmarks());
        assertEquals(0, all.times("candidate", "gemm").length);
    }

    @Test
    void aSecondRoundSelectsExactlyTheUndecidedParameters() {
        AbRunner r = new AbRunner(Path.of("java"), Path.of("out"), System.out);
        r.remember("gemm 128x128x784:NN", Map.of("shape", "128x128x784:NN"));
        r.remember("gemm 784x32x128:TN", Map.of("shape", "784x32x128:TN"));
        r.remember("gemm 128x10x784:NN", Map.of("shape", "128x10x784:NN"));
        r.remember("trainingStep 2T", Map.of("threads", "2"));
        r.remember("poolRegion", Map.of());
        assertEquals(List.of("shape=128x128x784:NN,784x32x128:TN", "threads=2"),
                r.paramsSelecting(List.of("gemm 128x128x784:NN", "gemm 784x32x128:TN", "trainingStep 2T", "poolRegion")));
        assertEquals("gemm", AbRunner.method("gemm 128x128x784:NN"));
        assertEquals("poolRegion", AbRunner.method("poolRegion"));
    }
}
