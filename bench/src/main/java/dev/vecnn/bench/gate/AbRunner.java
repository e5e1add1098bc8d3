package dev.vecnn.bench.gate;

import dev.vecnn.bench.report.JmhResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the gate's benchmarks for several arms (the base, the candidate, or slowed copies of one)
 * interleaved on this machine: each fork is a JVM of its own running every selected benchmark
 * once, and the order of the arms is reversed every round (A B, B A, A B, ...: A B B A A B), so
 * a drift in the machine's speed lands on every arm alike. A fork's value for a benchmark is its
 * fastest measured iteration: other processes on a shared machine only ever add time, in bursts
 * shorter than a fork.
 */
public final class AbRunner {
    /** One side of the comparison: a benchmark jar and the JVM options its forks run with. */
    public record Arm(String name, Path jar, List<String> jvmArgs) {}

    /** Per arm, per benchmark: one value per fork (time per operation, and bytes allocated per operation). */
    public record Samples(Map<String, Map<String, List<Double>>> times, Map<String, Map<String, List<Double>>> allocations) {
        public double[] times(String arm, String benchmark) {
            return values(times, arm, benchmark);
        }

        public double[] allocations(String arm, String benchmark) {
            return values(allocations, arm, benchmark);
        }

        /** Benchmarks in the order the first arm reported them, then any the others added. */
        public List<String> benchmarks() {
            List<String> all = new ArrayList<>();
            for (Map<String, List<Double>> byBench : times.values()) {
                for (String b : byBench.keySet()) if (!all.contains(b)) all.add(b);
            }
            return all;
        }

        /** Adds another run's forks to these. */
        public Samples plus(Samples more) {
            return new Samples(merge(times, more.times), merge(allocations, more.allocations));
        }

        private static double[] values(Map<String, Map<String, List<Double>>> m, String arm, String benchmark) {
            List<Double> v = m.getOrDefault(arm, Map.of()).getOrDefault(benchmark, List.of());
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private static Map<String, Map<String, List<Double>>> merge(Map<String, Map<String, List<Double>>> a,
                                                                  Map<String, Map<String, List<Double>>> b) {
            Map<String, Map<String, List<Double>>> out = new LinkedHashMap<>();
            for (var m : List.of(a, b)) {
                m.forEach((arm, byBench) -> byBench.forEach((bench, vals) ->
                        out.computeIfAbsent(arm, k -> new LinkedHashMap<>()).computeIfAbsent(bench, k -> new ArrayList<>()).addAll(vals)));
            }
            return out;
        }
    }

    private static final long FORK_TIMEOUT_MINUTES = 20;

    private final Path java;
    private final Path outDir;
    private final PrintStream log;
    private int forksRun;
    /** Each benchmark key's JMH parameters, as the forks reported them. */
    private final Map<String, Map<String, String>> paramsByKey = new LinkedHashMap<>();

    /**
     * @param java   the {@code java} launcher every fork runs with (the same for all arms)
     * @param outDir where each fork's JMH JSON and output go ({@code forks/})
     */
    public AbRunner(Path java, Path outDir, PrintStream log) {
        this.java = java;
        this.outDir = outDir;
        this.log = log;
    }

    /** The order of the forks: {@code rounds} rounds over the arms, every other round reversed. */
    static List<Arm> schedule(List<Arm> arms, int rounds) {
        List<Arm> order = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<Arm> round = new ArrayList<>(arms);
            if (r % 2 == 1) Collections.reverse(round);
            order.addAll(round);
        }
        return order;
    }

    /**
     * Runs {@code rounds} forks of each arm on the benchmarks matching {@code include} (a JMH regular
     * expression); {@code params} are JMH {@code -p} settings ({@code name=v1,v2}) narrowing the parameters.
     */
    public Samples run(List<Arm> arms, int rounds, String include, List<String> params) throws IOException {
        Path forks = outDir.resolve("forks");
        Files.createDirectories(forks);
        Map<String, Map<String, List<Double>>> times = new LinkedHashMap<>(), allocs = new LinkedHashMap<>();
        for (Arm a : arms) {
            times.put(a.name(), new LinkedHashMap<>());
            allocs.put(a.name(), new LinkedHashMap<>());
        }
        List<Arm> order = schedule(arms, rounds);
        for (int i = 0; i < order.size(); i++) {
            Arm arm = order.get(i);
            int n = ++forksRun;
            Path json = forks.resolve(String.format("%03d-%s.json", n, arm.name()));
            Path out = forks.resolve(String.format("%03d-%s.log", n, arm.name()));
            long t0 = System.nanoTime();
            runFork(arm, include, params, json, out);
            log.printf("gate: fork %d/%d (%s) done in %.0f s%n", i + 1, order.size(), arm.name(), (System.nanoTime() - t0) / 1e9);
            for (JmhResults.Run run : JmhResults.read(json).runs()) {
                String key = key(run);
                remember(key, run.params());
                times.get(arm.name()).computeIfAbsent(key, k -> new ArrayList<>()).add(fastest(run.primary()));
                JmhResults.Metric alloc = run.secondary().get(Figure.ALLOCATION);
                if (alloc != null) allocs.get(arm.name()).computeIfAbsent(key, k -> new ArrayList<>()).add(alloc.median());
            }
        }
        return new Samples(times, allocs);
    }

    /**
     * JMH {@code -p} settings selecting exactly these benchmarks' parameter values (their methods
     * are selected by name): a second round measures only what the first could not decide.
     */
    List<String> paramsSelecting(Collection<String> keys) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (String k : keys) {
            paramsByKey.getOrDefault(k, Map.of()).forEach((name, v) ->
                    values.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(v));
        }
        List<String> p = new ArrayList<>();
        values.forEach((name, vs) -> p.add(name + "=" + String.join(",", vs)));
        return p;
    }

    void remember(String key, Map<String, String> params) {
        paramsByKey.put(key, params);
    }

    /** The method a benchmark key names (its first word). */
    static String method(String key) {
        int space = key.indexOf(' ');
        return space < 0 ? key : key.substring(0, space);
    }

    /** The smallest time per operation among a fork's iterations (JMH's score when it kept none). */
    static double fastest(JmhResults.Metric m) {
        double best = Double.POSITIVE_INFINITY;
        for (double v : m.iterations()) best = Math.min(best, v);
        return m.iterations().length == 0 ? m.score() : best;
    }

    /** A benchmark's name in the gate's tables: the method, then its parameter values. */
    static String key(JmhResults.Run run) {
        StringBuilder sb = new StringBuilder(run.method());
        run.params().forEach((k, v) -> sb.append(' ').append(k.equals("threads") ? v + "T" : v));
        return sb.toString();
    }

    private void runFork(Arm arm, String include, List<String> params, Path json, Path out) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(arm.jvmArgs());
        // Each fork is already a JVM of its own, started here: JMH runs in it (-f 0) instead of starting another.
        cmd.addAll(List.of("-Djmh.ignoreLock=true", "-cp", arm.jar().toString(), "org.openjdk.jmh.Main", include,
                "-f", "0", "-foe", "true", "-prof", "gc", "-rf", "json", "-rff", json.toString()));
        for (String p : params) cmd.addAll(List.of("-p", p));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(FORK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("a fork of " + arm.name() + " ran over " + FORK_TIMEOUT_MINUTES + " minutes; its output: " + out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a fork of " + arm.name() + " ran");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(json)) {
            throw new IOException("a fork of " + arm.name() + " failed (exit code " + p.exitValue() + "); its output: " + out);
        }
    }
}
