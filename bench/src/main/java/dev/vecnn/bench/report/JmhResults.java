package dev.vecnn.bench.report;

import dev.vecnn.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON that JMH writes with {@code -rf json}: one run per benchmark and parameter set, each
 * with its primary metric and secondary metrics (profiler figures such as
 * {@code gc.alloc.rate.norm}, and aux counters such as {@code samples}), with the per-iteration
 * values kept so medians and bests can be taken.
 */
public record JmhResults(List<Run> runs) {

    /** One metric: JMH's score (a mean) and error, its unit, and every iteration's value. */
    public record Metric(double score, double error, String unit, double[] iterations) {
        public double median() {
            if (iterations.length == 0) return score;
            double[] s = iterations.clone();
            Arrays.sort(s);
            int h = s.length / 2;
            return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
        }

        /** The largest iteration value: for throughput, the least disturbed iteration. */
        public double best() {
            if (iterations.length == 0) return score;
            double b = Double.NEGATIVE_INFINITY;
            for (double v : iterations) b = Math.max(b, v);
            return b;
        }
    }

    /** One benchmark method with one set of parameters. */
    public record Run(String benchmark, String mode, Map<String, String> params, Metric primary,
                      Map<String, Metric> secondary) {
        /** The method name, e.g. {@code step}. */
        public String method() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        /** The simple class name, e.g. {@code LayoutBenchmark}. */
        public String className() {
            String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
            return cls.substring(cls.lastIndexOf('.') + 1);
        }
    }

    public static JmhResults read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static JmhResults parse(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof List<?> list)) {
            throw new IllegalArgumentException("not JMH JSON results: the top level is not an array");
        }
        List<Run> runs = new ArrayList<>();
        for (Object o : list) {
            Map<?, ?> m = object(o, "benchmark entry");
            Map<String, String> params = new LinkedHashMap<>();
            if (m.get("params") instanceof Map<?, ?> p) {
                for (Map.Entry<?, ?> e : p.entrySet()) params.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
            Map<String, Metric> secondary = new LinkedHashMap<>();
            if (m.get("secondaryMetrics") instanceof Map<?, ?> s) {
                for (Map.Entry<?, ?> e : s.entrySet()) secondary.put(String.valueOf(e.getKey()), metric(e.getValue()));
            }
            runs.add(new Run(string(m.get("benchmark"), "benchmark"), String.valueOf(m.get("mode")),
                    Collections.unmodifiableMap(params), metric(m.get("primaryMetric")), Collections.unmodifiableMap(secondary)));
        }
        return new JmhResults(List.copyOf(runs));
    }

    /** Runs of the benchmark whose full name, or name after the package, equals {@code name}. */
    public List<Run> find(String name) {
        List<Run> r = new ArrayList<>();
        for (Run run : runs) {
            if (run.benchmark().equals(name) || run.benchmark().endsWith("." + name)) r.add(run);
        }
        return r;
    }

    private static Metric metric(Object o) {
        Map<?, ?> m = object(o, "metric");
        List<Double> values = new ArrayList<>();
        if (m.get("rawData") instanceof List<?> forks) {
            for (Object fork : forks) {
                if (fork instanceof List<?> its) for (Object v : its) values.add(number(v));
            }
        }
        double[] it = new double[values.size()];
        for (int i = 0; i < it.length; i++) it[i] = values.get(i);
        Object err = m.get("scoreError");
        return new Metric(number(m.get("score")), err == null ? Double.NaN : number(err),
                m.get("scoreUnit") == null ? "" : String.valueOf(m.get("scoreUnit")), it);
    }

    private static Map<?, ?> object(Object o, String what) {
        if (o instanceof Map<?, ?> m) return m;
        throw new IllegalArgumentException("not JMH JSON results: a " + what + " is not an object");
    }

    private static String string(Object o, String what) {
        if (o instanceof String s) return s;
        throw new IllegalArgumentException("not JMH JSON results: '" + what + "' is missing or not a string");
    }

    /** JMH writes NaN (and infinities) as strings. */
    private static double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not JMH JSON results: '" + s + "' is not a number");
            }
        }
        throw new IllegalArgumentException("not JMH JSON results: expected a number, found " + o);
    }
}
