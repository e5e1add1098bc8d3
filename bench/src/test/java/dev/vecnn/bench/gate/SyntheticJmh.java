package dev.vecnn.bench.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds JMH JSON result files (the shape JMH 1.37 writes with -rf json -prof gc) of GateBenchmark for the gate's tests. */
final class SyntheticJmh {
    static final int ITERATIONS = 10;
    private final Map<String, Map<String, double[]>> timers = new LinkedHashMap<>();
    private final Map<String, Double> allocation = new LinkedHashMap<>();

    /** Every iteration of {@code method} timed {@code timer} at {@code nanos}. */
    SyntheticJmh timer(String method, String timer, double nanos) {
        double[] it = new double[ITERATIONS];
        Arrays.fill(it, nanos);
        return timer(method, timer, it);
    }

    SyntheticJmh timer(String method, String timer, double[] iterations) {
        timers.computeIfAbsent(method, k -> new LinkedHashMap<>()).put(timer, iterations);
        allocation.putIfAbsent(method, 0.004);
        return this;
    }

    /** Multiplies every iteration of one timer by {@code factor}. */
    SyntheticJmh slower(String method, String timer, double factor) {
        double[] it = timers.get(method).get(timer).clone();
        for (int i = 0; i < it.length; i++) it[i] *= factor;
        return timer(method, timer, it);
    }

    SyntheticJmh allocation(String method, double bytesPerOp) {
        allocation.put(method, bytesPerOp);
        return this;
    }

    SyntheticJmh without(String method) {
        timers.remove(method);
        return this;
    }

    SyntheticJmh withoutTimer(String method, String timer) {
        timers.get(method).remove(timer);
        return this;
    }

    /**
     * A healthy build: packed GEMM 30x the reference and 2x the unpacked loop; a training step
     * takes 0.8 of the unpacked GEMM's time (figure 1.25); no allocation.
     */
    static SyntheticJmh healthy() {
        return new SyntheticJmh()
                .timer("gemm", "packedNanos", 1e6).timer("gemm", "unpackedNanos", 2e6).timer("gemm", "referenceNanos", 30e6)
                .timer("trainingStep", "stepNanos", 1.6e6).timer("trainingStep", "unpackedNanos", 2e6);
    }

    String json() {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[]>> e : timers.entrySet()) {
            StringBuilder secondary = new StringBuilder();
            double alloc = allocation.get(e.getKey());
            double[] allocs = new double[ITERATIONS];
            Arrays.fill(allocs, alloc);
            secondary.append(metric("gc.alloc.rate.norm", alloc, "B/op", allocs));
            for (Map.Entry<String, double[]> t : e.getValue().entrySet()) {
                secondary.append(",\n").append(metric(t.getKey(), 0, "#", t.getValue()));
            }
            double[] ops = new double[ITERATIONS];
            Arrays.fill(ops, 12.5);
            entries.add(String.format(Locale.ROOT, """
                    {
                        "jmhVersion" : "1.37",
                        "benchmark" : "dev.vecnn.bench.gate.GateBenchmark.%s",
                        "mode" : "thrpt",
                        "threads" : 1,
                        "forks" : 1,
                        "params" : {},
                        "primaryMetric" : {
                            "score" : 12.5,
                            "scoreError" : "NaN",
                            "scoreConfidence" : [0, 0],
                            "scoreUnit" : "ops/s",
                            "rawData" : [ %s ]
                        },
                        "secondaryMetrics" : {
                    %s
                        }
                    }""", e.getKey(), array(ops), secondary));
        }
        return "[\n" + String.join(",\n", entries) + "\n]\n";
    }

    private static String metric(String name, double score, String unit, double[] raw) {
        return String.format(Locale.ROOT, """
                        "%s" : {
                            "score" : %s,
                            "scoreError" : "NaN",
                            "scoreUnit" : "%s",
                            "rawData" : [ %s ]
                        }""", name, score, unit, array(raw));
    }

    private static String array(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(v[i]);
        return sb.append(']').toString();
    }
}
