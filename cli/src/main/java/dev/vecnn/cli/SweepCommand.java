package dev.vecnn.cli;

import dev.vecnn.data.MnistLoader;
import dev.vecnn.sweep.EarlyTermination;
import dev.vecnn.sweep.SweepRunner;
import dev.vecnn.sweep.SweepSpec;
import dev.vecnn.sweep.SweepSpecException;
import dev.vecnn.sweep.SweepSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a grid (and random draws) of models from a JSON spec, several at once.",
                "Results go to DIR/trials.jsonl, one line per trial; run the same command again to resume.",
                "See README, 'Sweeps', for the spec."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The sweep spec (JSON).")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for trials.jsonl, models, summary.md and plots.")
    Path out;

    @Option(names = "--parallel", paramLabel = "P", description = "Trials at once (default: processors / trial threads).")
    Integer parallel;

    @Option(names = "--trial-threads", paramLabel = "T", defaultValue = "1",
            description = "Kernel threads per trial (default: ${DEFAULT-VALUE}); P x T may not exceed the processors.")
    int trialThreads;

    @Option(names = "--early", paramLabel = "RULE", defaultValue = "none",
            description = "Early termination: none, median (median stopping rule) or halving (successive halving). Default: ${DEFAULT-VALUE}.")
    String early;

    @Option(names = "--metric", paramLabel = "NAME", description = "Sort by best_val_accuracy, test_accuracy or final_val_accuracy (default: the spec's).")
    String metric;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        SweepSpec sweep;
        try {
            sweep = SweepSpec.read(specFile);
        } catch (NoSuchFileException e) {
            throw new BadUsage(specFile + ": no such file: give the path of a sweep spec (JSON)");
        } catch (SweepSpecException e) {
            throw new BadUsage(e.getMessage());
        }
        if (metric != null && !SweepSpec.METRICS.contains(metric)) {
            throw new BadUsage("--metric must be one of " + String.join(", ", SweepSpec.METRICS) + ", got " + metric);
        }
        EarlyTermination rule = BadUsage.check(() -> EarlyTermination.parse(early));
        BadUsage.check(() -> {
            SweepRunner.checkEarlyRule(sweep, rule);
            return rule;
        });
        int processors = Runtime.getRuntime().availableProcessors();
        if (trialThreads < 1) throw new BadUsage("--trial-threads must be at least 1, got " + trialThreads);
        int p = parallel != null ? parallel : Math.max(1, processors / trialThreads);
        SweepRunner.Options options = BadUsage.check(() -> {
            SweepRunner.Options o = new SweepRunner.Options(p, trialThreads, rule, metric);
            o.checkFits(processors);
            return o;
        });
        Files.createDirectories(this.out);
        MnistLoader.Mnist mnist = data.load(spec.commandLine().getErr());
        console.printf("sweep %s: %d trials, %d at once on %d kernel thread(s) each, early termination %s; results in %s%n",
                sweep.name(), sweep.trials().size(), p, trialThreads, early, this.out);
        console.flush();
        SweepRunner.Report report;
        try (Interruption interruption = Interruption.install()) {
            report = new SweepRunner(sweep, this.out, options, mnist, line -> {
                synchronized (console) {
                    console.println(line);
                    console.flush();
                }
            }, interruption::requested).run();
            if (report.interrupted()) {
                long recorded = report.summary().rows().size();
                spec.commandLine().getErr().printf(Locale.ROOT, "vecnn: sweep interrupted: %d of %d trials are recorded in %s;"
                        + " run the same command again to train the rest%n", recorded, sweep.trials().size(), this.out.resolve("trials.jsonl"));
                spec.commandLine().getErr().flush();
                return Interruption.EXIT_CODE;
            }
        }
        SweepSummary s = report.summary();
        console.println();
        console.print(s.markdown());
        writePlots(s);
        console.printf(Locale.ROOT, "%nran %d trials (%d already done), %d epochs of %d planned%s, wall %.1f s; wrote %s, %s%s%n",
                report.ran(), report.skipped(), report.epochsRun(), report.epochsPlanned(),
                report.epochsSaved() > 0 ? " (" + report.epochsSaved() + " saved)" : "", report.wallSeconds(),
                this.out.resolve("trials.jsonl"), this.out.resolve("summary.md"),
                Files.isRegularFile(this.out.resolve("best.safetensors")) ? ", " + this.out.resolve("best.safetensors") : "");
        console.flush();
        return 0;
    }

    /** One PNG per axis: every finished trial's metric against its value on that axis. */
    private void writePlots(SweepSummary s) throws IOException {
        for (String axis : s.axes()) {
            Map<String, List<double[]>> byStatus = new LinkedHashMap<>();
            List<String> categories = new ArrayList<>();
            boolean numeric = true;
            for (Map<String, Object> r : s.rows()) {
                Object v = r.get("axes") instanceof Map<?, ?> m ? m.get(axis) : null;
                if (v != null && !isNumber(String.valueOf(v))) numeric = false;
            }
            for (Map<String, Object> r : s.rows()) {
                double y = SweepSummary.value(r, s.metric());
                Object v = r.get("axes") instanceof Map<?, ?> m ? m.get(axis) : null;
                if (v == null || Double.isNaN(y)) continue;
                String text = String.valueOf(v);
                double x;
                if (numeric) {
                    x = Double.parseDouble(text);
                } else {
                    if (!categories.contains(text)) categories.add(text);
                    x = categories.indexOf(text);
                }
                byStatus.computeIfAbsent(String.valueOf(r.get("status")), k -> new ArrayList<>()).add(new double[] {x, 100 * y});
            }
            List<Plots.Series> series = new ArrayList<>();
            byStatus.forEach((status, points) -> series.add(new Plots.Series(status,
                    points.stream().mapToDouble(pt -> pt[0]).toArray(), points.stream().mapToDouble(pt -> pt[1]).toArray())));
            String xLabel = numeric ? axis : axis + " (" + String.join(", ", categories.stream()
                    .map(c -> categories.indexOf(c) + " = " + c).toList()) + ")";
            Plots.points(out.resolve(s.metric() + "-vs-" + axis.replaceAll("[^A-Za-z0-9_-]", "_") + ".png"),
                    s.name() + ": " + s.metric() + " against " + axis, xLabel, s.metric() + " (%)", series);
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
