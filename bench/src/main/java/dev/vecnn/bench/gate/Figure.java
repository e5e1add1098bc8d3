package dev.vecnn.bench.gate;

import dev.vecnn.bench.report.JmhResults;
import java.util.List;

/**
 * One number the gate checks, computed from a JMH run.
 * <ul>
 *   <li>{@link Kind#RATIO}: best iteration of {@code numerator} over best iteration of
 *       {@code denominator} (both throughputs in the same run); higher is better, and the gate
 *       fails when it falls below {@code baseline * (1 - tolerance)};</li>
 *   <li>{@link Kind#BYTES}: the median per-iteration {@code gc.alloc.rate.norm} of {@code numerator}
 *       (bytes allocated per operation); lower is better, and the gate fails when it rises above
 *       {@code baseline + tolerance} bytes.</li>
 * </ul>
 * The best of the ten iterations is used for ratios because interference from other processes only ever
 * slows an iteration down: the fastest of ten is the least disturbed, and a real regression slows
 * every iteration, the fastest included.
 */
public record Figure(String name, Kind kind, String numerator, String denominator, String description) {
    public enum Kind { RATIO, BYTES }

    public static final String ALLOCATION = "gc.alloc.rate.norm";

    /** The gate's figures, over {@link GateBenchmark}'s methods. */
    public static final List<Figure> GATE = List.of(
            ratio("gemm_packed_over_reference", "packedGemm", "referenceGemm",
                    "packed GEMM 128x128x784 speed-up over the scalar reference"),
            ratio("gemm_packed_over_unpacked", "packedGemm", "unpackedGemm",
                    "packed GEMM 128x128x784 speed-up over the unpacked vector loop"),
            ratio("step_over_fma_loop", "trainingStep", "fmaLoop",
                    "784-128-10 training steps (batch 128) per 1000 FMA-loop passes", 1000),
            new Figure("step_alloc_bytes", Kind.BYTES, "trainingStep", null,
                    "bytes allocated per training step (steady state)"));

    private static Figure ratio(String name, String numerator, String denominator, String description) {
        return new Figure(name, Kind.RATIO, numerator, denominator, description);
    }

    private static Figure ratio(String name, String numerator, String denominator, String description, int scale) {
        return new Figure(name, Kind.RATIO, numerator, denominator + "*" + scale, description);
    }

    /** Default tolerance when recording: a fraction for ratios, bytes per op for allocation. */
    public double defaultTolerance() {
        return kind == Kind.RATIO ? 0.35 : 128;
    }

    /** The benchmark methods this figure reads. */
    public List<String> methods() {
        return denominator == null ? List.of(numerator) : List.of(numerator, denominatorMethod());
    }

    private String denominatorMethod() {
        int star = denominator.indexOf('*');
        return star < 0 ? denominator : denominator.substring(0, star);
    }

    private double denominatorScale() {
        int star = denominator.indexOf('*');
        return star < 0 ? 1 : Double.parseDouble(denominator.substring(star + 1));
    }

    /**
     * The figure's value in {@code results}, whose benchmark names are matched on
     * {@code GateBenchmark.<method>}.
     *
     * @throws MissingBenchmarkException when a benchmark or the allocation metric is absent
     */
    public double compute(JmhResults results) {
        JmhResults.Run num = run(results, numerator);
        if (kind == Kind.BYTES) {
            JmhResults.Metric m = num.secondary().get(ALLOCATION);
            if (m == null) {
                throw new MissingBenchmarkException("GateBenchmark." + numerator + " has no " + ALLOCATION
                        + " (run JMH with -prof gc)");
            }
            return m.median();
        }
        JmhResults.Run den = run(results, denominatorMethod());
        return num.primary().best() / den.primary().best() * denominatorScale();
    }

    private static JmhResults.Run run(JmhResults results, String method) {
        List<JmhResults.Run> runs = results.find(GateBenchmark.class.getSimpleName() + "." + method);
        if (runs.isEmpty()) {
            throw new MissingBenchmarkException("benchmark GateBenchmark." + method + " is missing from the results");
        }
        return runs.get(0);
    }

    /** A benchmark the figure needs is not in the results. */
    public static final class MissingBenchmarkException extends RuntimeException {
        public MissingBenchmarkException(String message) {
            super(message);
        }
    }
}
