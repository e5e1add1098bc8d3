package dev.vecnn.bench.gate;

import dev.vecnn.bench.report.JmhResults;
import dev.vecnn.kernel.DebugSwitches;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
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
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The performance-regression gate. Its decision compares two builds on this machine in this run
 * (A/B, {@link GateSuite}); an optional absolute mode compares in-run speed ratios
 * ({@link GateBenchmark}) with a baseline recorded on a CPU of the same identity, for trends only.
 * Exit status 0 on PASS or INCONCLUSIVE, 1 on FAIL or an error, 2 on bad usage.
 *
 * <pre>
 * bench/gate --base REF       A/B: REF's vecnn against this checkout's, forks alternated
 * bench/gate --ci             A/B against VECNN_GATE_BASE, else the commit in bench/gate-base;
 *                             without a usable base, the self-test (and it says why)
 * bench/gate --begin          writes HEAD into bench/gate-base: the base of the work that starts now
 * bench/gate --selftest       A/B of this build against itself slowed (-Dvecnn.slow=gemm:2):
 *                             succeeds only if the gate fails the slowed arm
 * bench/gate --absolute       advisory: ratios against bench/gate-baselines/CPU-KEY.json
 * bench/gate --record         records that baseline on this machine
 * A/B options: --forks N (per arm, default 8), --floor F (default 0.05), --alpha A (default 0.01),
 *   --only REGEX (GateSuite methods), --param NAME=V1,V2 (JMH -p: narrows a parameter), --out DIR (default bench/target/gate),
 *   --self-base (the base arm is this build), --slow-arms LIST (extra arms of this build run with
 *   -Dvecnn.slow=ITEM, "same" for none), --repeat R (R whole A/B runs, tallied per arm)
 * </pre>
 */
public final class Gate {
    static final String USAGE = "usage: bench/gate [--ci | --base REF | --self-base | --begin | --selftest | --absolute [--strict]"
            + " | --record | --compare RESULTS.json] [--forks N] [--floor F] [--alpha A] [--only REGEX]"
            + " [--param NAME=V1,V2] [--slow-arms LIST] [--repeat R] [--baseline FILE] [--out DIR]";
    static final List<String> FORK_JVM_ARGS = List.of("--add-modules", "jdk.incubator.vector",
            "--sun-misc-unsafe-memory-access=allow", "-Xmx1g");
    private static final String SUITE = Pattern.quote(GateSuite.class.getName());

    private final PrintStream out;
    private final Map<String, String> env;
    private final Path root;
    private Path baselineFile;
    private Path outDir = Path.of("bench/target/gate");
    private int forks = 8;
    private int repeat = 1;
    private AbDecision.Rule rule = AbDecision.Rule.DEFAULT;
    private String only = ".*";
    private final List<String> slowArms = new ArrayList<>();
    private final List<String> params = new ArrayList<>();
    private boolean strict;

    Gate(PrintStream out, Map<String, String> env, Path root) {
        this.out = out;
        this.env = env;
        this.root = root;
        this.baselineFile = root.resolve(defaultBaseline());
    }

    Gate(PrintStream out) {
        this(out, System.getenv(), Path.of("").toAbsolutePath());
    }

    public static void main(String[] args) {
        System.exit(new Gate(System.out).run(args));
    }

    int run(String[] args) {
        String mode = "ci";
        String base = null;
        Path compareFile = null;
        double alpha = rule.alpha(), floor = rule.floor();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--ci", "--record", "--selftest", "--absolute", "--self-base", "--begin" -> mode = a.substring(2);
                    case "--strict" -> strict = true;
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--base", "--compare", "--baseline", "--out", "--forks", "--floor", "--alpha", "--only", "--slow-arms",
                         "--repeat", "--param" -> {
                        if (i + 1 >= args.length) return usage(a + " needs a value");
                        String v = args[++i];
                        switch (a) {
                            case "--base" -> {
                                mode = "base";
                                base = v;
                            }
                            case "--compare" -> {
                                mode = "compare";
                                compareFile = Path.of(v);
                            }
                            case "--baseline" -> baselineFile = Path.of(v);
                            case "--out" -> outDir = Path.of(v);
                            case "--forks" -> forks = positive(a, v);
                            case "--repeat" -> repeat = positive(a, v);
                            case "--floor" -> floor = Double.parseDouble(v);
                            case "--alpha" -> alpha = Double.parseDouble(v);
                            case "--only" -> only = Pattern.compile(v).pattern();
                            case "--param" -> {
                                if (!v.matches("\\w+=[^=]+")) throw new IllegalArgumentException("--param takes NAME=V1,V2, not '" + v + "'");
                                params.add(v);
                            }
                            case "--slow-arms" -> {
                                for (String s : v.split(",")) {
                                    String item = s.trim();
                                    if (!item.equals("same")) validateSlowItem(item);
                                    slowArms.add(item);
                                }
                            }
                            default -> throw new IllegalStateException(a);
                        }
                    }
                    default -> {
                        return usage("unknown argument '" + a + "'");
                    }
                }
            }
            rule = new AbDecision.Rule(alpha, floor);
        } catch (IllegalArgumentException e) { // NumberFormatException and PatternSyntaxException included
            return usage(e.getMessage());
        }
        try {
            return switch (mode) {
                case "ci" -> ci(base);
                case "base" -> abAgainst(base, "--base");
                case "self-base" -> ab(new AbRunner.Arm("base", candidateJar(), FORK_JVM_ARGS), "this build (--self-base)",
                        "the same jar");
                case "selftest" -> selftest();
                case "begin" -> begin();
                case "absolute" -> absolute();
                case "record" -> record();
                case "compare" -> {
                    try {
                        yield advisory(GateComparison.compare(Figure.GATE, absoluteBaseline(), JmhResults.read(compareFile)));
                    } catch (MissingBaseline e) {
                        out.println("gate: " + e.getMessage());
                        yield 0;
                    }
                }
                default -> throw new IllegalStateException(mode);
            };
        } catch (IOException | RunnerException | IllegalArgumentException e) {
            System.err.println("gate: error: " + e.getMessage());
            return 1;
        }
    }

    private static int positive(String flag, String v) {
        int n = Integer.parseInt(v);
        if (n < 1) throw new IllegalArgumentException(flag + " must be at least 1, not " + v);
        return n;
    }

    private static void validateSlowItem(String item) {
        String kernel = item.contains(":") ? item.substring(0, item.indexOf(':')) : item;
        if (!List.of("gemm", "gemm2x", "step").contains(kernel) || kernel.equals("step") && !item.contains(":")) {
            throw new IllegalArgumentException("--slow-arms: unknown item '" + item + "' (gemm, gemm2x, gemm:F, step:F or same)");
        }
    }

    private int usage(String problem) {
        System.err.println("gate: " + problem);
        System.err.println(USAGE);
        return 2;
    }

    // ---------------------------------------------------------------- A/B

    /** The configured base when there is one that can be built, else the self-test (saying why). */
    private int ci(String flag) throws IOException {
        String[] configured = BaseRef.configured(flag, env, root);
        if (configured == null) {
            out.println("gate: no base configured (neither " + BaseRef.ENV + " nor " + BaseRef.FILE
                    + "): falling back to the self-test, which shows the gate can fail but compares with no earlier build");
            return selftest();
        }
        return abAgainst(configured[0], configured[1]);
    }

    private int abAgainst(String ref, String source) throws IOException {
        Git git = new Git(root);
        BaseRef base;
        BaseJar.Built built;
        try {
            base = BaseRef.resolve(git, ref, source);
            String head = git.commit("HEAD");
            if (base.commit().equals(head) && !uncommitted(git) && slowArms.isEmpty()) {
                throw new BaseRef.Unavailable("the base " + ref + " is HEAD and the working tree has no changes: nothing to compare");
            }
            built = new BaseJar(git, root, out).build(base);
        } catch (BaseRef.Unavailable e) {
            out.println("gate: " + e.getMessage() + ": falling back to the self-test");
            return selftest();
        }
        out.println("gate: base " + base.describe() + "; " + built.harness());
        return ab(new AbRunner.Arm("base", built.jar(), FORK_JVM_ARGS), base.describe(), built.harness());
    }

    /** Records HEAD as the base of the work that starts now, in bench/gate-base. */
    private int begin() throws IOException {
        String head = new Git(root).commit("HEAD");
        if (head == null) throw new IOException("no HEAD commit: run this in a git checkout with history");
        dev.vecnn.io.AtomicFiles.writeString(root.resolve(BaseRef.FILE), BASE_FILE_HEADER + head + "\n");
        out.println("gate: " + BaseRef.FILE + " now names " + head.substring(0, 12) + "; commit it with your first change");
        return 0;
    }

    static final String BASE_FILE_HEADER = """
            # The commit that ./check's performance gate (bench/gate --ci) compares this checkout with: the tip
            # of main when the current submission began, so a slowdown spread over its commits is measured as a
            # whole. Set it when you start a piece of work: bench/gate --begin (VECNN_GATE_BASE overrides it).
            """;

    /** Runs the A/B comparison (repeated with --repeat) and reports; exit 1 only on FAIL. */
    private int ab(AbRunner.Arm baseArm, String baseDescription, String harness) throws IOException {
        List<AbRunner.Arm> arms = new ArrayList<>(List.of(baseArm));
        List<String> candidates = new ArrayList<>();
        Path jar = candidateJar();
        if (slowArms.isEmpty()) {
            arms.add(new AbRunner.Arm("candidate", jar, FORK_JVM_ARGS));
            candidates.add("candidate");
        }
        for (String s : slowArms) {
            arms.add(new AbRunner.Arm(s, jar, s.equals("same") ? FORK_JVM_ARGS : withSlow(s)));
            candidates.add(s);
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("base", baseDescription);
        context.put("candidate", candidateDescription());
        context.put("benchmark code", harness);
        context.put("machine", machine() + " [" + CpuIdentity.current().key() + "]");
        context.put("forks", forks + " per arm, alternated A B B A (each a JVM of its own)");
        Map<String, Map<String, Integer>> tally = new LinkedHashMap<>();
        AbReport last = null;
        for (int r = 1; r <= repeat; r++) {
            if (repeat > 1) out.println("gate: run " + r + " of " + repeat);
            last = measureAndDecide(arms, candidates, context, outDir.resolve(repeat > 1 ? "run-" + r : "ab"));
            out.print(last.table());
            for (String c : candidates) tally.computeIfAbsent(c, k -> new LinkedHashMap<>()).merge(last.outcome(c).toString(), 1, Integer::sum);
            if (repeat > 1) out.println("gate: run " + r + ": " + tallyLine(tally));
        }
        last.write(outDir, "gate");
        if (repeat > 1) {
            String table = powerTable(tally);
            Files.createDirectories(outDir);
            dev.vecnn.io.AtomicFiles.writeString(outDir.resolve("power.md"), table);
            out.print(table);
            return 0;
        }
        return verdict(last);
    }

    private AbReport measureAndDecide(List<AbRunner.Arm> arms, List<String> candidates, Map<String, String> context, Path dir)
            throws IOException {
        AbRunner runner = new AbRunner(javaLauncher(), dir, out);
        String include = SUITE + "\\.(" + only + ")$";
        out.println("gate: " + arms.size() + " arms x " + forks + " forks of " + include + " (load average " + loadAverage() + ")");
        AbRunner.Samples first = runner.run(arms, forks, include, params);
        AbReport r1 = AbReport.of("vecnn performance gate", context, first, "base", candidates, rule);
        Set<String> keys = new LinkedHashSet<>(), methods = new LinkedHashSet<>(), named = new LinkedHashSet<>();
        for (AbReport.Row r : r1.rows()) {
            if (r.decision() == null || r.decision().verdict() == AbDecision.Verdict.PASS) continue;
            keys.add(r.benchmark());
            named.add((candidates.size() > 1 ? r.arm() + ": " : "") + r.benchmark() + " " + r.decision().verdict());
        }
        if (keys.isEmpty()) return r1;
        keys.forEach(k -> methods.add(AbRunner.method(k)));
        out.print(r1.table());
        out.println("gate: not yet decided (" + String.join(", ", named) + "): a second round of " + forks
                + " new forks per arm");
        AbRunner.Samples second = runner.run(arms, forks, SUITE + "\\.(" + String.join("|", methods) + ")$",
                runner.paramsSelecting(keys));
        AbReport r2 = AbReport.of(r1.title(), context, second, "base", candidates, rule);
        AbReport pooled = AbReport.of(r1.title(), context, first.plus(second), "base", candidates, rule);
        return AbReport.confirm(r1, r2, pooled);
    }

    private int verdict(AbReport report) {
        out.println("gate: results in " + outDir.resolve("gate.md") + " and " + outDir.resolve("gate.json"));
        switch (report.outcome()) {
            case FAIL -> {
                List<String> failed = new ArrayList<>(report.benchmarks(AbDecision.Verdict.FAIL));
                failed.addAll(report.allocationFailures());
                out.println("gate: FAIL: " + String.join("; ", failed));
                return 1;
            }
            case INCONCLUSIVE -> {
                out.println("gate: INCONCLUSIVE (warning, not a failure): the machine was too noisy to rule out a slowdown of "
                        + Math.round(100 * rule.floor()) + "% in " + String.join(", ", report.benchmarks(AbDecision.Verdict.INCONCLUSIVE)));
                return 0;
            }
            default -> {
                out.println("gate: PASS");
                return 0;
            }
        }
    }

    /** This build against itself with every GEMM twice as slow; succeeds only if the gate fails that arm. */
    private int selftest() throws IOException {
        out.println("gate: self-test: this build against itself with -D" + DebugSwitches.PROPERTY + "=gemm:2 (every GEMM"
                + " twice as slow), GEMM benchmarks only");
        String savedOnly = only;
        only = "gemm";
        try {
            AbReport r = measureAndDecide(List.of(new AbRunner.Arm("base", candidateJar(), FORK_JVM_ARGS),
                            new AbRunner.Arm("gemm:2", candidateJar(), withSlow("gemm:2"))), List.of("gemm:2"),
                    Map.of("base", "this build", "candidate", "this build, every GEMM slowed 2x"), outDir.resolve("selftest"));
            out.print(r.table());
            r.write(outDir, "selftest");
            boolean caught = r.outcome() == AbReport.Outcome.FAIL;
            out.println(caught ? "gate: self-test passed: the gate fails a build whose GEMMs are twice as slow"
                    : "gate: SELF-TEST FAILED: the gate did not catch GEMMs twice as slow");
            return caught ? 0 : 1;
        } finally {
            only = savedOnly;
        }
    }

    private static List<String> withSlow(String item) {
        List<String> jvm = new ArrayList<>(FORK_JVM_ARGS);
        jvm.add("-D" + DebugSwitches.PROPERTY + "=" + item);
        return jvm;
    }

    private static String tallyLine(Map<String, Map<String, Integer>> tally) {
        StringBuilder sb = new StringBuilder();
        tally.forEach((arm, counts) -> sb.append(sb.isEmpty() ? "" : "; ").append(arm).append(' ').append(counts));
        return sb.toString();
    }

    private String powerTable(Map<String, Map<String, Integer>> tally) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "| arm (-Dvecnn.slow) | runs | FAIL | INCONCLUSIVE | PASS |%n|---|---:|---:|---:|---:|%n"));
        tally.forEach((arm, c) -> sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", arm, repeat,
                c.getOrDefault("FAIL", 0), c.getOrDefault("INCONCLUSIVE", 0), c.getOrDefault("PASS", 0))));
        return sb.toString();
    }

    private Path candidateJar() throws IOException {
        try {
            Path p = Path.of(Gate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p)) throw new IOException("the gate must run from the benchmark jar, not from " + p);
            return p;
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the benchmark jar: " + e.getMessage());
        }
    }

    private String candidateDescription() {
        try {
            Git git = new Git(root);
            String head = git.commit("HEAD");
            if (head == null) return "this checkout (no git history)";
            return "this checkout: HEAD " + head.substring(0, 12) + (uncommitted(git) ? " with uncommitted changes" : "");
        } catch (IOException e) {
            return "this checkout";
        }
    }

    /** Whether the measured code (core, bench, the parent pom) differs from HEAD in the working tree. */
    private static boolean uncommitted(Git git) throws IOException {
        return !git.run("status", "--porcelain", "--untracked-files=no", "--", "core", "bench", "pom.xml").out().isEmpty();
    }

    private static Path javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    // ---------------------------------------------------------------- absolute (advisory)

    /** An absolute baseline is missing for this CPU: the absolute mode then says so and passes. */
    static final class MissingBaseline extends Exception {
        MissingBaseline(String message) {
            super(message);
        }
    }

    /** Absolute baselines are per CPU identity (vendor, family, model, vector width, cores, JDK). */
    static Path defaultBaseline() {
        return Path.of("bench/gate-baselines/" + CpuIdentity.current().key() + ".json");
    }

    private Baseline absoluteBaseline() throws IOException, MissingBaseline {
        if (!Files.exists(baselineFile)) {
            throw new MissingBaseline("no baseline for " + CpuIdentity.current().key() + "; record one with bench/gate --record");
        }
        return Baseline.read(baselineFile);
    }

    private int absolute() throws IOException, RunnerException {
        Baseline baseline;
        try {
            baseline = absoluteBaseline();
        } catch (MissingBaseline e) {
            out.println("gate: " + e.getMessage());
            return 0;
        }
        return advisory(GateComparison.compare(Figure.GATE, baseline, measure("absolute", allMethods())));
    }

    /** Prints the comparison; a regression is a warning unless --strict. */
    private int advisory(GateComparison c) {
        out.print(c.table());
        if (c.passed()) {
            out.println("gate: absolute figures as recorded");
            return 0;
        }
        out.println((strict ? "gate: FAILED (--strict): " : "gate: advisory: below this CPU's recorded figures: ")
                + String.join(", ", c.failures()));
        return strict ? 1 : 0;
    }

    private int record() throws IOException, RunnerException {
        JmhResults results = measure("record", allMethods());
        Map<String, Baseline.Entry> entries = new LinkedHashMap<>();
        Baseline old = Files.exists(baselineFile) ? Baseline.read(baselineFile) : null;
        for (Figure f : Figure.GATE) {
            double tol = old != null && old.figures().containsKey(f.name())
                    ? old.figures().get(f.name()).tolerance() : f.defaultTolerance();
            entries.put(f.name(), new Baseline.Entry(f.compute(results), tol));
        }
        Baseline b = new Baseline(machine() + " [" + CpuIdentity.current().key() + "]", LocalDate.now().toString(), entries);
        if (baselineFile.getParent() != null) Files.createDirectories(baselineFile.getParent());
        b.write(baselineFile);
        out.println("gate: recorded " + baselineFile + ":");
        out.print(b.toJson());
        return 0;
    }

    private static List<String> allMethods() {
        Set<String> m = new LinkedHashSet<>();
        Figure.GATE.forEach(f -> m.add(f.method()));
        return List.copyOf(m);
    }

    private JmhResults measure(String name, List<String> methods) throws IOException, RunnerException {
        Files.createDirectories(outDir);
        Path json = outDir.resolve(name + ".json"), log = outDir.resolve(name + ".log");
        out.println("gate: measuring " + String.join(", ", methods) + " (about " + 12 * methods.size()
                + " s; load average " + loadAverage() + "; JMH log " + log + ")");
        new Runner(new OptionsBuilder()
                .include(Pattern.quote(GateBenchmark.class.getName()) + "\\.(" + String.join("|", methods) + ")$")
                .jvmArgs(FORK_JVM_ARGS.toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .output(log.toString())
                .shouldFailOnError(true)
                .build()).run();
        return JmhResults.read(json);
    }

    /** CPU model, cores, vector width and JDK, for people reading a report. */
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
        CpuIdentity id = CpuIdentity.current();
        return String.format(Locale.ROOT, "%s, %d cores, %d-bit vectors, JDK %d", cpu, id.cores(), id.vectorBits(), id.jdk());
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
