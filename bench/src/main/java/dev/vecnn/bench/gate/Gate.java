package dev.vecnn.bench.gate;

import dev.vecnn.bench.report.JmhResults;
import dev.vecnn.kernel.DebugSwitches;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.incubator.vector.FloatVector;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The performance-regression gate: runs {@link GateBenchmark} (about 30 s), computes the
 * {@link Figure#GATE} figures, compares them with the committed baseline and prints a table.
 * Exit status 0 when every figure passes, 1 on a regression or a missing benchmark, 2 on bad usage.
 *
 * <pre>
 * bench/gate                 measure and compare with bench/gate-baseline-BITSbit.json, the baseline
 *                            of this machine's vector width (256 with AVX2, 512 with AVX-512)
 * bench/gate --ci            the same, re-measuring any failing figure once (it fails only if both
 *                            measurements fail), then --selftest
 * bench/gate --record        measure and write the baseline (keeping its tolerances)
 * bench/gate --selftest      measure with -Dvecnn.slow=gemm and succeed only if the gate fails
 *                            (--slow gemm2x instead: every GEMM computed twice, exactly 2x the GEMM time)
 * bench/gate --compare FILE  compare an existing JMH JSON result file, without measuring
 * options: --baseline FILE (default: as above), --out DIR (default bench/target/gate)
 * </pre>
 */
public final class Gate {
    static final String USAGE = "usage: bench/gate [--ci | --record | --selftest [--slow gemm|gemm2x] | --compare RESULTS.json]"
            + " [--baseline FILE] [--out DIR]";

    private final PrintStream out;
    private Path baselineFile = defaultBaseline();
    private Path outDir = Path.of("bench/target/gate");
    private String slowSwitch = "gemm";

    Gate(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new Gate(System.out).run(args));
    }

    int run(String[] args) {
        String mode = "check";
        Path compareFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--ci", "--record", "--selftest" -> mode = a.substring(2);
                case "--slow" -> {
                    if (i + 1 >= args.length) return usage("--slow needs gemm or gemm2x");
                    slowSwitch = args[++i];
                    if (!slowSwitch.equals("gemm") && !slowSwitch.equals("gemm2x")) return usage("--slow takes gemm or gemm2x");
                }
                case "--compare", "--baseline", "--out" -> {
                    if (i + 1 >= args.length) return usage(a + " needs a value");
                    Path p = Path.of(args[++i]);
                    if (a.equals("--compare")) {
                        mode = "compare";
                        compareFile = p;
                    } else if (a.equals("--baseline")) {
                        baselineFile = p;
                    } else {
                        outDir = p;
                    }
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    return usage("unknown argument '" + a + "'");
                }
            }
        }
        try {
            return switch (mode) {
                case "compare" -> report(GateComparison.compare(Figure.GATE, baseline(), JmhResults.read(compareFile)));
                case "check" -> check(false);
                case "ci" -> {
                    int status = check(true);
                    int self = selftest();
                    yield status != 0 ? status : self;
                }
                case "record" -> record();
                case "selftest" -> selftest();
                default -> throw new IllegalStateException(mode);
            };
        } catch (IOException | RunnerException | IllegalArgumentException e) {
            System.err.println("gate: error: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        System.err.println("gate: " + problem);
        System.err.println(USAGE);
        return 2;
    }

    /**
     * One committed baseline per vector width: the ratios differ by a factor of two or more between
     * 256-bit (AVX2) and 512-bit (AVX-512) vectors, and a CI machine of the same kind may come with
     * either, so a single file would fail healthy runs on one of them.
     */
    static Path defaultBaseline() {
        return Path.of("bench/gate-baseline-" + vectorBits() + "bit.json");
    }

    private static int vectorBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    private Baseline baseline() throws IOException {
        if (!Files.exists(baselineFile)) {
            throw new IllegalArgumentException("no baseline file " + baselineFile + " (this machine has "
                    + vectorBits() + "-bit vectors): record one with bench/gate --record");
        }
        Baseline b = Baseline.read(baselineFile);
        String here = machine();
        if (!here.equals(b.machine())) {
            out.println("gate: note: the baseline was recorded on another machine (" + b.machine() + "); this is " + here
                    + ". Ratios depend on the CPU: re-record the baseline on the machine that runs the gate.");
        }
        return b;
    }

    /** Measures, compares; with {@code retry}, re-measures failing figures once and keeps the better value. */
    private int check(boolean retry) throws IOException, RunnerException {
        Baseline baseline = baseline();
        List<String> all = allMethods();
        GateComparison first = GateComparison.compare(Figure.GATE, baseline, measure("check", all, false));
        if (first.passed() || !retry) return report(first);
        out.println(first.table());
        List<Figure> failed = Figure.GATE.stream().filter(f -> first.failures().contains(f.name())).toList();
        Set<String> methods = new LinkedHashSet<>();
        failed.forEach(f -> methods.add(f.method()));
        out.println("gate: " + failed.size() + " figure(s) failed; measuring them again (a figure fails only if it fails twice)");
        GateComparison second = GateComparison.compare(failed, baseline, measure("retry", List.copyOf(methods), false));
        Map<String, Double> best = new LinkedHashMap<>(first.values());
        Map<String, String> missing = new LinkedHashMap<>();
        for (GateComparison.Row r : second.rows()) {
            Double before = best.get(r.figure().name());
            if (Double.isNaN(r.now())) {
                if (before == null) missing.put(r.figure().name(), r.note());
                continue;
            }
            boolean higherIsBetter = r.figure().kind() == Figure.Kind.RATIO;
            double v = before == null ? r.now()
                    : higherIsBetter ? Math.max(before, r.now()) : Math.min(before, r.now());
            best.put(r.figure().name(), v);
        }
        out.println("gate: after re-measuring (better of the two measurements):");
        return report(GateComparison.compare(Figure.GATE, baseline, best, missing));
    }

    private int record() throws IOException, RunnerException {
        JmhResults results = measure("record", allMethods(), false);
        Map<String, Baseline.Entry> entries = new LinkedHashMap<>();
        Baseline old = Files.exists(baselineFile) ? Baseline.read(baselineFile) : null;
        for (Figure f : Figure.GATE) {
            double tol = old != null && old.figures().containsKey(f.name())
                    ? old.figures().get(f.name()).tolerance() : f.defaultTolerance();
            entries.put(f.name(), new Baseline.Entry(f.compute(results), tol));
        }
        Baseline b = new Baseline(machine(), LocalDate.now().toString(), entries);
        if (baselineFile.getParent() != null) Files.createDirectories(baselineFile.getParent());
        b.write(baselineFile);
        out.println("gate: recorded " + baselineFile + ":");
        out.print(b.toJson());
        return 0;
    }

    /** Runs the gate on a build slowed by -Dvecnn.slow=gemm; succeeds only if the gate catches it. */
    private int selftest() throws IOException, RunnerException {
        Baseline baseline = baseline();
        out.println("gate: self-test: measuring with -D" + DebugSwitches.PROPERTY + "=" + slowSwitch
                + (slowSwitch.equals("gemm") ? " (Gemm forced onto the scalar reference)" : " (every GEMM computed twice)"));
        GateComparison c = GateComparison.compare(Figure.GATE, baseline, measure("selftest", allMethods(), true));
        out.print(c.table());
        boolean caught = c.failures().contains("gemm_packed_over_reference");
        out.println(caught
                ? "gate: self-test passed: the gate fails on the slowed build (" + String.join(", ", c.failures()) + ")"
                : "gate: SELF-TEST FAILED: the gate did not catch the slowed GEMM (-D" + DebugSwitches.PROPERTY + "=" + slowSwitch + ")");
        return caught ? 0 : 1;
    }

    private int report(GateComparison c) {
        out.print(c.table());
        out.println(c.passed() ? "gate: passed" : "gate: FAILED: " + String.join(", ", c.failures()));
        return c.passed() ? 0 : 1;
    }

    private static List<String> allMethods() {
        Set<String> m = new LinkedHashSet<>();
        Figure.GATE.forEach(f -> m.add(f.method()));
        return List.copyOf(m);
    }

    private JmhResults measure(String name, List<String> methods, boolean slow) throws IOException, RunnerException {
        Files.createDirectories(outDir);
        Path json = outDir.resolve(name + ".json"), log = outDir.resolve(name + ".log");
        List<String> jvm = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow", "-Xmx1g"));
        if (slow) jvm.add("-D" + DebugSwitches.PROPERTY + "=" + slowSwitch);
        out.println("gate: measuring " + String.join(", ", methods) + " (about " + 12 * methods.size()
                + " s; load average " + loadAverage() + "; JMH log " + log + ")");
        for (int attempt = 1; ; attempt++) {
            try {
                runJmh(methods, jvm, json, log);
                break;
            } catch (RunnerException e) {
                // JMH refuses to start while another JMH run holds /tmp/jmh.lock: wait for it (up to 15 minutes).
                if (attempt >= 300 || e.getMessage() == null || !e.getMessage().contains("JMH lock")) throw e;
                if (attempt == 1) out.println("gate: another JMH run is in progress (/tmp/jmh.lock); waiting for it ...");
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        return JmhResults.read(json);
    }

    private static void runJmh(List<String> methods, List<String> jvm, Path json, Path log) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(Pattern.quote(GateBenchmark.class.getName()) + "\\.(" + String.join("|", methods) + ")$")
                .jvmArgs(jvm.toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .output(log.toString())
                .shouldFailOnError(true)
                .build()).run();
    }

    /** CPU model, cores, vector width and JDK: ratios are only comparable on the same machine type. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            cpu = System.getProperty("os.arch");
        }
        return String.format(Locale.ROOT, "%s, %d cores, %d-bit vectors, JDK %s", cpu,
                Runtime.getRuntime().availableProcessors(), vectorBits(),
                Runtime.version().feature());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
