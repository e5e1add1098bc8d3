package dev.vecnn.cli;

import dev.vecnn.data.MnistLoader;
import dev.vecnn.experiment.ExperimentRunner;
import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.Presets;
import dev.vecnn.hypothesis.Claim;
import dev.vecnn.hypothesis.Hypotheses;
import dev.vecnn.hypothesis.Judgement;
import dev.vecnn.hypothesis.HypothesisRunner;
import dev.vecnn.hypothesis.Measurements;
import dev.vecnn.hypothesis.Variant;
import dev.vecnn.io.AtomicFiles;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.train.EpochMetrics;
import dev.vecnn.train.OneVsRestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Run the catalogue (vecnn presets) and write per-epoch CSVs, PNG plots and a markdown table of",
                "reported versus measured values. --quick runs a representative subset with fewer epochs and",
                "fails (exit 1) when a run falls below its accuracy floor."})
final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "A representative subset with fewer epochs (about a minute); checks accuracy floors.")
    boolean quick;

    @Option(names = "--hypotheses", description = {"Instead of the catalogue, run every variant of docs/design/hypotheses.md on the",
            "presets whose reported numbers it tests (--only narrows the presets) and write a table per reported number."})
    boolean hypotheses;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Run only these presets (comma-separated or repeated).")
    List<String> only;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reproduce-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Train each plain training preset with N seeds (the preset's and the next N-1) and report the spread (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Mixin
    DataOptions data;

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        if (seeds < 1) throw new BadUsage("--seeds must be at least 1, got " + seeds);
        threads.count();
        if (hypotheses) {
            if (quick || seeds > 1) throw new BadUsage("--hypotheses runs every variant once: drop --quick and --seeds");
            return runHypotheses(console);
        }
        List<Preset> presets = BadUsage.check(this::selected);
        AtomicFiles.checkWritableFolder(out);
        Files.createDirectories(out);
        MnistLoader.Mnist mnist = data.load(spec.commandLine().getErr());
        List<RunRecord> runs = new ArrayList<>();
        Map<String, List<String>> plots = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        int poolThreads;
        try (KernelPool pool = threads.pool()) {
            poolThreads = pool.threads();
            for (Preset p : presets) {
                console.printf("== %s (%s): %s%n", p.name(), p.source(), p.config().describe());
                console.flush();
                long t0 = System.nanoTime();
                try {
                    RunRecord run = runOne(p, mnist, pool, console);
                    List<RunRecord.SeedRun> others = otherSeeds(p, mnist, pool, console);
                    runs.add(new RunRecord(p, run.outcome(), (System.nanoTime() - t0) / 1e9, others));
                    plots.put(p.name(), ReproducePlots.write(out, runs.get(runs.size() - 1)));
                    console.println("   " + oneLine(runs.get(runs.size() - 1)));
                    // Rewritten after every run: a long reproduction cut short still leaves a true report.
                    writeReport(runs, plots, (System.nanoTime() - start) / 1e9, poolThreads, presets.size());
                } catch (RuntimeException e) {
                    // One broken run must not hide the others' results: report it and go on.
                    failures.add(p.name() + ": " + e.getMessage());
                    console.println("   failed: " + e.getMessage());
                }
                console.flush();
            }
            if (quick && only == null) hypothesisChecks(mnist, pool, console, failures);
        }
        double total = (System.nanoTime() - start) / 1e9;
        writeReport(runs, plots, total, poolThreads, presets.size());
        console.printf(Locale.ROOT, "wrote %s (total wall time %.1f s)%n", out.resolve("README.md"), total);
        List<String> below = runs.stream().filter(r -> quick && !r.meetsFloor())
                .map(r -> r.preset().name() + " (" + oneLine(r) + "; needs " + r.floorText() + ")").toList();
        if (!failures.isEmpty() || !below.isEmpty()) {
            List<String> all = new ArrayList<>(failures);
            all.addAll(below);
            throw new IllegalStateException("reproduce: " + all.size() + " run(s) failed or fell below their floor: " + String.join("; ", all));
        }
        return 0;
    }

    /** Rows of the quick run's hypothesis-check table, for its README. */
    private final List<String> checkLines = new ArrayList<>();

    /** Trains each of {@link Hypotheses#QUICK}'s variants and fails the run when its claim no longer holds. */
    private void hypothesisChecks(MnistLoader.Mnist mnist, KernelPool pool, PrintWriter console, List<String> failures) {
        for (Hypotheses.QuickCheck q : Hypotheses.QUICK) {
            Variant v = q.variantSpec();
            Claim c = q.claimSpec();
            console.printf("== hypothesis %s on %s, read as %s: %s%n", v.id(), q.preset(), q.reading().description(), v.command(q.preset()));
            console.flush();
            try {
                Judgement j = c.judge(HypothesisRunner.measure(q.preset(), v, mnist, pool, null), q.reading());
                checkLines.add(HypothesisReport.checkRow(q, j));
                console.println("   " + j.value() + (j.holds() ? " (reproduces: " : " (does NOT reproduce: ") + c.tolerance() + ")");
                if (!j.holds()) failures.add("hypothesis " + v.id() + " no longer reproduces " + c.id() + ": " + j.value());
            } catch (RuntimeException e) {
                failures.add("hypothesis " + v.id() + " on " + q.preset() + ": " + e.getMessage());
                console.println("   failed: " + e.getMessage());
            }
        }
    }

    private int runHypotheses(PrintWriter console) throws IOException {
        List<String> presets = Hypotheses.presets();
        if (only != null) {
            List<String> chosen = new ArrayList<>();
            for (String name : only) {
                String n = name.trim();
                if (!presets.contains(n)) throw new BadUsage("preset " + n + " has no hypotheses; one of " + String.join(", ", presets));
                chosen.add(n);
            }
            presets = chosen;
        }
        int planned = 0;
        for (String p : presets) {
            for (Variant v : Hypotheses.variantsFor(p)) {
                BadUsage.check(() -> HypothesisRunner.resolve(p, v)); // every flag checked before hours of runs
                planned++;
            }
        }
        AtomicFiles.checkWritableFolder(out);
        Files.createDirectories(out);
        MnistLoader.Mnist mnist = data.load(spec.commandLine().getErr());
        List<HypothesisReport.Run> runs = new ArrayList<>();
        List<String> plots = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        String command = "./vecnn reproduce --hypotheses" + (only != null ? " --only " + String.join(",", only) : "") + " --out " + out;
        try (KernelPool pool = threads.pool()) {
            String machine = MachineInfo.describe(pool.threads());
            for (String p : presets) {
                for (Variant v : Hypotheses.variantsFor(p)) {
                    console.printf("== %s, %s: %s%n", p, v.id(), v.command(p));
                    console.flush();
                    long t0 = System.nanoTime();
                    HypothesisReport.Run run;
                    try {
                        Measurements m = HypothesisRunner.measure(p, v, mnist, pool, null);
                        run = new HypothesisReport.Run(p, v, m, (System.nanoTime() - t0) / 1e9, null);
                        console.printf(Locale.ROOT, "   %s, %.1f s%n", m.status().isEmpty() ? "done" : m.status(), run.seconds());
                    } catch (RuntimeException e) {
                        // One broken run must not hide the others' results: report it and go on.
                        run = new HypothesisReport.Run(p, v, null, (System.nanoTime() - t0) / 1e9, e.getMessage());
                        failures.add(p + " " + v.id() + ": " + e.getMessage());
                        console.println("   failed: " + e.getMessage());
                    }
                    runs.add(run);
                    plots.removeIf(f -> f.startsWith(p + "-"));
                    plots.addAll(HypothesisReport.plots(out, p, runs));
                    // Rewritten after every run: a long run cut short still leaves true tables.
                    AtomicFiles.writeString(out.resolve("README.md"), HypothesisReport.markdown(command, machine,
                            (System.nanoTime() - start) / 1e9, runs, plots, planned));
                    AtomicFiles.writeString(out.resolve("measurements.csv"), HypothesisReport.csv(runs));
                    console.flush();
                }
            }
        }
        console.printf(Locale.ROOT, "wrote %s (total wall time %.1f s)%n", out.resolve("README.md"), (System.nanoTime() - start) / 1e9);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("reproduce --hypotheses: " + failures.size() + " run(s) failed: " + String.join("; ", failures));
        }
        return 0;
    }

    private List<Preset> selected() {
        List<Preset> list = new ArrayList<>();
        if (only != null) {
            for (String name : only) {
                Preset p = Presets.byName(name.trim());
                list.add(quick ? requireQuick(p) : p);
            }
            return list;
        }
        for (Preset p : Presets.all()) {
            if (!quick) list.add(p);
            else if (p.inQuick()) list.add(p.quick());
        }
        return list;
    }

    /** README.md and summary.csv of the runs so far; {@code planned} runs make a complete report. */
    private void writeReport(List<RunRecord> runs, Map<String, List<String>> plots, double seconds,
                             int poolThreads, int planned) throws IOException {
        String command = "./vecnn reproduce" + (quick ? " --quick" : "") + (only != null ? " --only " + String.join(",", only) : "")
                + (seeds > 1 ? " --seeds " + seeds : "") + " --out " + out;
        String md = ReproduceReport.markdown(command, MachineInfo.describe(poolThreads), seconds, runs, plots, quick, planned)
                + HypothesisReport.checksSection(checkLines);
        AtomicFiles.writeString(out.resolve("README.md"), md);
        AtomicFiles.writeString(out.resolve("summary.csv"), summaryCsv(runs));
    }

    /** Seeds 2..N of a plain training preset: only the summary of each run is kept. */
    private List<RunRecord.SeedRun> otherSeeds(Preset p, MnistLoader.Mnist mnist, KernelPool pool, PrintWriter console) {
        List<RunRecord.SeedRun> list = new ArrayList<>();
        if (p.kind() != Preset.Kind.TRAIN) return list;
        for (int k = 1; k < seeds; k++) {
            long seed = p.config().seed() + k;
            Preset again = new Preset(p.name(), p.source(), p.kind(), p.description(), p.config().withSeed(seed), p.data(),
                    p.reported(), p.marks(), p.quickEpochs(), p.quickFloor());
            ExperimentRunner.Outcome o = ExperimentRunner.run(again, mnist, pool, null, null);
            dev.vecnn.train.TrainResult t = o.training();
            double acc = t.test() == null ? Double.NaN : t.test().accuracy();
            list.add(new RunRecord.SeedRun(seed, acc, t.statusText()));
            console.printf("   seed %d: %s%n", seed, TrainCommand.summary(t));
            console.flush();
        }
        return list;
    }

    private static Preset requireQuick(Preset p) {
        if (!p.inQuick()) throw new IllegalArgumentException("preset " + p.name() + " has no quick version; drop --quick to run it");
        return p.quick();
    }

    private RunRecord runOne(Preset p, MnistLoader.Mnist mnist, KernelPool pool, PrintWriter console) throws IOException {
        int epochs = p.config().epochs();
        int lineEvery = Math.max(p.config().evalEvery(), epochs / 10);
        Path csv = p.kind() == Preset.Kind.TRAIN ? out.resolve(p.name() + ".csv") : null;
        ExperimentRunner.Outcome o;
        try (EpochPrinter printer = EpochPrinter.create(console, "  ", epochs, lineEvery, p.kind() != Preset.Kind.TRAIN)) {
            o = ExperimentRunner.run(p, mnist, pool, csv, (model, m) -> printer.onEpoch(m));
        }
        if (o.oneVsRest() != null) AtomicFiles.writeString(out.resolve(p.name() + ".csv"), oneVsRestCsv(o.oneVsRest()));
        if (o.gradients() != null) AtomicFiles.writeString(out.resolve(p.name() + ".md"), o.gradients().toTable());
        return new RunRecord(p, o, 0);
    }

    private static String oneLine(RunRecord r) {
        if (r.outcome().gradients() != null) {
            return String.format(Locale.ROOT, "largest gradient difference %.3e", r.outcome().gradients().maxDifference());
        }
        if (r.outcome().oneVsRest() != null) {
            return String.format(Locale.ROOT, "ensemble test accuracy %s, %.1f s", EpochPrinter.pct(r.headlineAccuracy()), r.wallSeconds());
        }
        return TrainCommand.summary(r.outcome().training());
    }

    /** Every recorded epoch of every digit's neuron, one row each. */
    static String oneVsRestCsv(OneVsRestResult r) {
        StringBuilder sb = new StringBuilder("digit,epoch,train_loss,train_accuracy,test_loss,test_accuracy,samples_per_second\n");
        for (int d = 0; d < r.models().size(); d++) {
            for (EpochMetrics m : r.models().get(d).history()) {
                sb.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s%n", d, m.epoch(), m.trainLoss(), m.trainAccuracy(),
                        m.testLoss(), m.testAccuracy(), m.samplesPerSecond()));
            }
        }
        return sb.toString();
    }

    static String summaryCsv(List<RunRecord> runs) {
        StringBuilder sb = new StringBuilder("preset,source,status,test_accuracy,wall_seconds,samples_per_second,meets_quick_floor\n");
        for (RunRecord r : runs) {
            String status = r.outcome().training() != null ? r.outcome().training().statusText()
                    : r.outcome().oneVsRest() != null ? "completed" : "checked";
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.3f,%s,%s%n", r.preset().name(), r.preset().source(), status,
                    Double.isNaN(r.headlineAccuracy()) ? "" : Double.toString(r.headlineAccuracy()), r.wallSeconds(),
                    Double.isNaN(r.samplesPerSecond()) ? "" : String.format(Locale.ROOT, "%.0f", r.samplesPerSecond()), r.meetsFloor()));
        }
        return sb.toString();
    }
}
