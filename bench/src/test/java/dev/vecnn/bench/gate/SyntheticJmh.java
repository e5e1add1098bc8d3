package dev.vecnn.bench.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds JMH JSON result files (the shape JMH 1.37 writes with -rf json -prof gc) for the gate's tests. */
final class SyntheticJmh {
    private final Map<String, double[]> throughput = new LinkedHashMap<>();
    private final Map<String, Double> allocation = new LinkedHashMap<>();

    /** A benchmark of GateBenchmark whose iterations all ran at {@code opsPerSecond}. */
    SyntheticJmh method(String method, double opsPerSecond) {
        return method(method, new double[] {opsPerSecond, opsPerSecond, opsPerSecond, opsPerSecond, opsPerSecond});
    }

    SyntheticJmh method(String method, double[] iterations) {
        throughput.put(method, iterations);
        allocation.putIfAbsent(method, 0.004);
        return this;
    }

    SyntheticJmh allocation(String method, double bytesPerOp) {
        allocation.put(method, bytesPerOp);
        return this;
    }

    SyntheticJmh without(String method) {
        throughput.remove(method);
        return this;
    }

    /** The gate's five methods at the speeds of a healthy build on this machine. */
    static SyntheticJmh healthy() {
        return new SyntheticJmh().method("packedGemm", 1000).method("referenceGemm", 30).method("unpackedGemm", 500)
                .method("trainingStep", 450).method("fmaLoop", 5_000_000);
    }

    String json() {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, double[]> e : throughput.entrySet()) {
            double[] it = e.getValue();
            double mean = 0;
            for (double v : it) mean += v / it.length;
            double alloc = allocation.get(e.getKey());
            entries.add(String.format(Locale.ROOT, """
                    {
                        "jmhVersion" : "1.37",
                        "benchmark" : "dev.vecnn.bench.gate.GateBenchmark.%s",
                        "mode" : "thrpt",
                        "threads" : 1,
                        "forks" : 1,
                        "params" : {},
                        "primaryMetric" : {
                            "score" : %s,
                            "scoreError" : "NaN",
                            "scoreConfidence" : [0, 0],
                            "scoreUnit" : "ops/s",
                            "rawData" : [ %s ]
                        },
                        "secondaryMetrics" : {
                            "gc.alloc.rate.norm" : {
                                "score" : %s,
                                "scoreError" : 0.1,
                                "scoreUnit" : "B/op",
                                "rawData" : [ [%s, %s, %s] ]
                            },
                            "gc.count" : {
                                "score" : 0.0,
                                "scoreError" : "NaN",
                                "scoreUnit" : "counts",
                                "rawData" : [ [0.0, 0.0, 0.0] ]
                            }
                        }
                    }""", e.getKey(), mean, array(it), alloc, alloc, alloc, alloc));
        }
        return "[\n" + String.join(",\n", entries) + "\n]\n";
    }

    private static String array(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(v[i]);
        return sb.append(']').toString();
    }
}
