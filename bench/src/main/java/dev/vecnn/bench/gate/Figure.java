package dev.vecnn.bench.gate;

import dev.vecnn.bench.report.JmhResults;
import java.util.Arrays;
import java.util.List;

/**
 * One number the gate checks, computed from a JMH run of {@link GateBenchmark}.
 * <ul>
 *   <li>{@link Kind#RATIO}: how many times faster one kernel ran than another inside the same
 *       benchmark operations: per iteration, {@code scale * slowerTimer / fasterTimer} (nanoseconds
 *       per call, {@link GateTimers}); the figure is the median over the iterations. Higher is
 *       better; the gate fails when it falls below {@code baseline * (1 - tolerance)}.</li>
 *   <li>{@link Kind#BYTES}: the median per-iteration {@code gc.alloc.rate.norm} of {@code method}
 *       (bytes allocated per operation); lower is better, and the gate fails when it rises above
 *       {@code baseline + tolerance} bytes.</li>
 * </ul>
 */
public record Figure(String name, Kind kind, String method, String fasterTimer, String slowerTimer, double scale,
                     String description) {
    public enum Kind { RATIO, BYTES }

    public static final String ALLOCATION = "gc.alloc.rate.norm";

    /** The gate's figures. */
    public static final List<Figure> GATE = List.of(
            new Figure("gemm_packed_over_reference", Kind.RATIO, "gemm", "packedNanos", "referenceNanos", 1,
                    "packed GEMM 128x128x784 speed-up over the scalar reference"),
            new Figure("gemm_packed_over_unpacked", Kind.RATIO, "gemm", "packedNanos", "unpackedNanos", 1,
                    "packed GEMM 128x128x784 speed-up over the unpacked vector loop"),
            new Figure("step_over_unpacked_gemm", Kind.RATIO, "trainingStep", "stepNanos", "unpackedNanos", 1,
                    "784-128-10 training step (batch 128) speed relative to one unpacked 128x128x784 GEMM"),
            new Figure("step_alloc_bytes", Kind.BYTES, "trainingStep", null, null, 1,
                    "bytes allocated per training step (steady state)"));

    /** Default tolerance when recording: a fraction for ratios, bytes per op for allocation. */
    public double defaultTolerance() {
        return kind == Kind.RATIO ? 0.35 : 256;
    }

    /**
     * The figure's value in {@code results}, whose benchmark names are matched on
     * {@code GateBenchmark.<method>}.
     *
     * @throws MissingBenchmarkException when the benchmark or one of its metrics is absent
     */
    public double compute(JmhResults results) {
        List<JmhResults.Run> runs = results.find(GateBenchmark.class.getSimpleName() + "." + method);
        if (runs.isEmpty()) {
            throw new MissingBenchmarkException("benchmark GateBenchmark." + method + " is missing from the results");
        }
        JmhResults.Run run = runs.get(0);
        if (kind == Kind.BYTES) {
            return metric(run, ALLOCATION, " (run JMH with -prof gc)").median();
        }
        double[] fast = metric(run, fasterTimer, "").iterations(), slow = metric(run, slowerTimer, "").iterations();
        int n = Math.min(fast.length, slow.length);
        if (n == 0) throw new MissingBenchmarkException("GateBenchmark." + method + " has no measured iterations");
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) ratios[i] = scale * slow[i] / fast[i];
        Arrays.sort(ratios);
        return n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
    }

    private static JmhResults.Metric metric(JmhResults.Run run, String name, String hint) {
        JmhResults.Metric m = run.secondary().get(name);
        if (m == null) {
            throw new MissingBenchmarkException("GateBenchmark." + run.method() + " has no " + name + hint);
        }
        return m;
    }

    /** A benchmark or metric the figure needs is not in the results. */
    public static final class MissingBenchmarkException extends RuntimeException {
        public MissingBenchmarkException(String message) {
            super(message);
        }
    }
}
