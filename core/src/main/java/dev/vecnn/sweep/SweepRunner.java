package dev.vecnn.sweep;

import dev.vecnn.data.MnistLoader;
import dev.vecnn.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a sweep's trials on this machine, {@code parallel} at once on {@code trialThreads} kernel threads
 * each (never more threads than processors), appending each finished trial to {@code DIR/trials.jsonl} and
 * its model to {@code DIR/models/HASH.safetensors}; trials already in the file are skipped, so a sweep
 * killed at any point resumes where it stopped. At the end writes {@code DIR/summary.md} and copies the best
 * trial's model to {@code DIR/best.safetensors}.
 */
public final class SweepRunner {
    /** How trials share the machine and whether to stop some early. */
    public record Options(int parallel, int trialThreads, EarlyTermination early, String metric) {
        public Options {
            if (parallel < 1 || trialThreads < 1) {
                throw new IllegalArgumentException("--parallel and --trial-threads must be at least 1");
            }
        }

        /** Fills the processors: one trial per processor, one kernel thread each. */
        public static Options fill(int processors, EarlyTermination early, String metric) {
            return new Options(Math.max(1, processors), 1, early, metric);
        }

        /** Refuses more busy threads than processors: trials would slow each other down. */
        public void checkFits(int processors) {
            if ((long) parallel * trialThreads > processors) {
                throw new IllegalArgumentException("--parallel " + parallel + " x --trial-threads " + trialThreads + " = "
                        + (long) parallel * trialThreads + " threads on " + processors + " processors: lower one of them");
            }
        }
    }

    /** What a sweep did. */
    public record Report(SweepSummary summary, int ran, int skipped, long epochsRun, long epochsPlanned, double wallSeconds,
                         boolean interrupted) {
        /** Epochs early termination saved against running every trial to its end. */
        public long epochsSaved() {
            return epochsPlanned - epochsRun;
        }
    }

    private final SweepSpec spec;
    private final Path dir;
    private final Options options;
    private final TrialRunner runner;
    private final Consumer<String> log;

    private final java.util.function.BooleanSupplier interrupted;

    /**
     * Early termination ranks trials by validation accuracy; without a validation set it would rank them on
     * the test set and so choose by the test set. Throws IllegalArgumentException naming the first trial that has none.
     */
    public static void checkEarlyRule(SweepSpec spec, EarlyTermination early) {
        if (early == EarlyTermination.NONE) return;
        for (Trial t : spec.trials()) {
            dev.vecnn.experiment.Preset p = t.trainFlags().resolve();
            if (p.kind() == dev.vecnn.experiment.Preset.Kind.TRAIN && p.data().validationRows() == 0) {
                throw new IllegalArgumentException("--early " + early.name().toLowerCase(java.util.Locale.ROOT)
                        + " ranks trials by validation accuracy, but trial " + t.index() + " (" + t.describeAxes()
                        + ") has no validation set: give the spec's base a validation setting, or use --early none");
            }
        }
    }

    public SweepRunner(SweepSpec spec, Path dir, Options options, MnistLoader.Mnist mnist, Consumer<String> log) {
        this(spec, dir, options, mnist, log, () -> false);
    }

    /**
     * Once {@code interrupted} says true, running trials stop at their next step and are not recorded (a rerun
     * trains them again from the start), no new trial starts, and {@link #run} returns what is recorded.
     */
    public SweepRunner(SweepSpec spec, Path dir, Options options, MnistLoader.Mnist mnist, Consumer<String> log,
                       java.util.function.BooleanSupplier interrupted) {
        options.checkFits(Runtime.getRuntime().availableProcessors());
        this.spec = spec;
        this.dir = dir;
        this.options = options;
        this.interrupted = interrupted;
        this.runner = new TrialRunner(mnist, interrupted);
        this.log = log;
    }

    public Report run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Files.createDirectories(dir.resolve("models"));
        List<Trial> trials = spec.trials();
        long[] epochs = new long[2]; // run, planned
        int ran;
        int skipped;
        try (TrialsFile file = TrialsFile.open(dir.resolve("trials.jsonl"))) {
            if (file.cutBytes() > 0) log.accept("trials.jsonl ended in a torn line (" + file.cutBytes() + " bytes, a killed run): cut off");
            skipped = (int) trials.stream().filter(t -> file.done(t.hash())).count();
            if (skipped > 0) log.accept(skipped + " of " + trials.size() + " trials already done: skipped");
            ran = switch (options.early()) {
                case NONE -> runAll(trials, file, TrialRunner.EpochGate.NONE, null, epochs);
                case MEDIAN -> runMedian(trials, file, epochs);
                case HALVING -> runHalving(trials, file, epochs);
            };
            SweepSummary summary = SweepSummary.of(spec, file.records(), options.metric());
            AtomicFiles.writeString(dir.resolve("summary.md"), summary.markdown());
            Map<String, Object> best = summary.best();
            if (best != null && best.get("model") instanceof String model && Files.isRegularFile(dir.resolve("models").resolve(model))) {
                AtomicFiles.write(dir.resolve("best.safetensors"), Files.readAllBytes(dir.resolve("models").resolve(model)));
            }
            return new Report(summary, ran, skipped, epochs[0], epochs[1], (System.nanoTime() - start) / 1e9,
                    interrupted.getAsBoolean());
        }
    }

    /** Runs the trials not yet in the file, {@code parallel} at once, in index order; returns how many ran. */
    private int runAll(List<Trial> trials, TrialsFile file, TrialRunner.EpochGate gate, EarlyTermination.MedianBoard board,
                       long[] epochs) throws IOException, InterruptedException {
        List<Trial> todo = trials.stream().filter(t -> !file.done(t.hash())).toList();
        runConcurrently(todo, t -> {
            try {
                finish(t, runner.run(t, options.trialThreads(), gate, modelFile(t)), file, epochs);
            } finally {
                if (board != null) board.finished(t.index());
            }
        });
        return todo.size();
    }

    private int runMedian(List<Trial> trials, TrialsFile file, long[] epochs) throws IOException, InterruptedException {
        EarlyTermination.MedianBoard board = new EarlyTermination.MedianBoard(trials.size());
        for (Trial t : trials) {
            Map<String, Object> done = file.record(t.hash());
            if (done != null) board.preload(t.index(), SweepSummary.metricHistory(done));
        }
        return runAll(trials, file, board, board, epochs);
    }

    /**
     * Rung by rung: the live trials run to the rung's epochs (stopped there by the gate), the best 1/ETA by the
     * metric at the rung go on, the rest are recorded as pruned. A trial's record is written once, when it is
     * pruned or has run to its end, so a resumed sweep re-runs only the live trials.
     */
    private int runHalving(List<Trial> trials, TrialsFile file, long[] epochs) throws IOException, InterruptedException {
        int maxEpochs = trials.stream().mapToInt(t -> t.trainFlags().resolve().config().epochs()).max().orElse(1);
        List<Integer> rungs = EarlyTermination.rungs(maxEpochs);
        List<Trial> live = new ArrayList<>(trials);
        int ran = 0;
        for (int k = 0; k < rungs.size(); k++) {
            int rung = rungs.get(k);
            boolean last = k == rungs.size() - 1;
            java.util.Map<String, TrialRunner.Outcome> results = new java.util.concurrent.ConcurrentHashMap<>();
            List<Trial> todo = live.stream().filter(t -> !file.done(t.hash())).toList();
            log.accept("successive halving: rung " + (k + 1) + " of " + rungs.size() + ", " + rung + " epochs, "
                    + live.size() + " trials (" + todo.size() + " to run)");
            runConcurrently(todo, t -> {
                TrialRunner.EpochGate gate = (trial, epoch, metric) -> epoch >= rung;
                TrialRunner.Outcome o = runner.run(t, options.trialThreads(), last ? TrialRunner.EpochGate.NONE : gate, modelFile(t));
                synchronized (epochs) {
                    epochs[0] += o.epochsRun();
                }
                results.put(t.hash(), o);
                if (last || !isRunning(o)) finish(t, o, file, null);
            });
            ran += todo.size();
            if (last || interrupted.getAsBoolean()) break;
            // rank the live trials still running by their metric at this rung; the best 1/ETA go on
            List<Trial> running = new ArrayList<>();
            for (Trial t : live) {
                TrialRunner.Outcome o = results.get(t.hash());
                if (o != null && isRunning(o)) running.add(t);
                else if (o == null && !file.done(t.hash())) running.add(t);
            }
            running.sort(Comparator.comparingDouble((Trial t) -> -metricAt(results.get(t.hash()), rung)).thenComparingInt(Trial::index));
            int keep = Math.max(1, (running.size() + EarlyTermination.ETA - 1) / EarlyTermination.ETA);
            for (int i = keep; i < running.size(); i++) {
                Trial t = running.get(i);
                TrialRunner.Outcome o = results.get(t.hash());
                if (o != null) {
                    o.record().put("status", "pruned");
                    o.record().put("pruned_at_rung", rung);
                    finish(t, o, file, null);
                }
            }
            live = new ArrayList<>(running.subList(0, Math.min(keep, running.size())));
        }
        for (Trial t : trials) epochs[1] += t.trainFlags().resolve().config().epochs();
        return ran;
    }

    /** One trial's work for {@link #runConcurrently}. */
    private interface TrialTask {
        void run(Trial t) throws IOException;
    }

    /** Runs {@code task} for each trial, {@code parallel} at once, in order; the first failure is thrown. */
    private void runConcurrently(List<Trial> trials, TrialTask task) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(options.parallel(), r -> {
            Thread t = new Thread(r, "vecnn-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Trial t : trials) {
                futures.add(pool.submit(() -> {
                    if (!interrupted.getAsBoolean()) task.run(t);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) throw io;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A trial stopped by the rung's gate, not finished on its own. */
    private static boolean isRunning(TrialRunner.Outcome o) {
        return "pruned".equals(o.record().get("status"));
    }

    private static double metricAt(TrialRunner.Outcome o, int epoch) {
        if (o == null) return Double.NEGATIVE_INFINITY;
        double best = Double.NEGATIVE_INFINITY;
        for (double[] em : SweepSummary.metricHistory(o.record())) if (em[0] <= epoch && !Double.isNaN(em[1])) best = Math.max(best, em[1]);
        return best;
    }

    private void finish(Trial t, TrialRunner.Outcome o, TrialsFile file, long[] epochs) throws IOException {
        if (epochs != null) {
            synchronized (epochs) {
                epochs[0] += o.epochsRun();
                epochs[1] += o.epochsPlanned();
            }
        }
        if ("interrupted".equals(o.record().get("status"))) {
            log.accept("trial " + t.index() + " (" + t.describeAxes() + "): interrupted, not recorded (a rerun trains it again)");
            return;
        }
        if (file.append(o.record())) {
            Map<String, Object> r = o.record();
            log.accept(String.format(java.util.Locale.ROOT, "trial %d (%s): %s%s, %.1f s", t.index(), t.describeAxes(), r.get("status"),
                    r.get("test_accuracy") instanceof Double a ? String.format(java.util.Locale.ROOT, ", test accuracy %.2f%%", 100 * a) : "",
                    ((Number) r.get("wall_seconds")).doubleValue()));
        }
    }

    private Path modelFile(Trial t) {
        return dir.resolve("models").resolve(t.hash() + ".safetensors");
    }
}
