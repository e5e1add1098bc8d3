package dev.vecnn.cli;

import dev.vecnn.data.MnistLoader;
import dev.vecnn.experiment.DataSpec;
import dev.vecnn.experiment.ExperimentRunner;
import dev.vecnn.experiment.Preset;
import dev.vecnn.io.AtomicFiles;
import dev.vecnn.nn.ModelFile;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.Tuning;
import dev.vecnn.train.Checkpoint;
import dev.vecnn.train.CheckpointFile;
import dev.vecnn.train.OneVsRestResult;
import dev.vecnn.train.RunStatus;
import dev.vecnn.train.TrainConfig;
import dev.vecnn.train.TrainResult;
import dev.vecnn.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on MNIST and print its test accuracy.",
                "Start from --preset NAME (see vecnn presets) and override any setting with a flag."})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    TrainOptions options;

    @Mixin
    DataOptions data;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the trained model (safetensors) here.")
    Path save;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write per-epoch metrics here.")
    Path csv;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Write a resumable checkpoint here while training.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1", description = "Epochs between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue the run saved in this checkpoint (pass the same preset and flags; --epochs may extend it).")
    Path resume;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Preset preset = BadUsage.check(options::resolve);
        threads.count();
        if (checkpointEvery < 1) throw new BadUsage("--checkpoint-every must be at least 1, got " + checkpointEvery);
        if (preset.kind() == Preset.Kind.ONE_VS_REST && (save != null || resume != null || checkpoint != null)) {
            throw new BadUsage("--save, --checkpoint and --resume are for single models; one-vs-rest trains ten neurons");
        }
        // Checked before the first epoch: a path that cannot be written would otherwise lose the whole run.
        for (Path output : new Path[] {save, csv, checkpoint}) {
            if (output != null) AtomicFiles.checkWritable(output);
        }
        Checkpoint start = resume == null ? null : CheckpointFile.read(resume);
        MnistLoader.Mnist mnist = data.load(spec.commandLine().getErr());
        if (preset.data().validationRows() >= mnist.trainRows()) {
            throw new BadUsage("--validation must be below the " + mnist.trainRows() + " training images, got "
                    + preset.data().validationRows());
        }
        try (KernelPool pool = threads.pool()) {
            out.printf("preset %s (%s): %s%n", preset.name(), preset.source(), preset.config().describe());
            out.printf("data: %s; %d threads; kernels: %s%n", preset.data().describe(), pool.threads(), Tuning.ACTIVE.describe());
            out.flush();
            return switch (preset.kind()) {
                case TRAIN -> train(out, preset, mnist, pool, start);
                case ONE_VS_REST -> oneVsRest(out, preset, mnist, pool);
                case GRADIENT_CHECK -> {
                    DataSpec.Prepared d = preset.data().prepare(mnist);
                    out.print(ExperimentRunner.gradientCheck(preset, d.train(), pool,
                            dev.vecnn.train.GradientCheck.DEFAULT_EPSILON).toTable());
                    yield 0;
                }
            };
        }
    }

    private int train(PrintWriter out, Preset preset, MnistLoader.Mnist mnist, KernelPool pool, Checkpoint start)
            throws IOException {
        ExperimentRunner.Fitted fitted = ExperimentRunner.prepare(preset, mnist);
        preset = fitted.preset();
        DataSpec.Prepared d = fitted.data();
        TrainConfig config = preset.config();
        if (start != null) out.printf("resuming from %s at epoch %d%n", resume, start.epoch());
        Trainer trainer = new Trainer(config, pool);
        if (checkpoint != null || start != null) {
            // Everything besides the configuration that shapes the run: a resume must find it unchanged.
            Map<String, String> context = new LinkedHashMap<>(preset.data().toRunContext());
            context.put("vecnn.run.data.crc32c", mnist.checksum());
            trainer.context(context);
        }
        if (start != null) {
            try {
                trainer.checkResumable(start);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(resume + ": " + e.getMessage(), e);
            }
        }
        if (csv != null) trainer.csv(csv);
        if (checkpoint != null) trainer.checkpoints(checkpoint, checkpointEvery);
        try (Interruption interruption = Interruption.install()) {
            trainer.stopWhen(interruption::requested);
            return train(out, preset, d, trainer, start);
        }
    }

    private int train(PrintWriter out, Preset preset, DataSpec.Prepared d, Trainer trainer, Checkpoint start) throws IOException {
        TrainConfig config = trainer.config();
        TrainResult r;
        int lineEvery = Math.max(config.evalEvery(), config.epochs() / 50);
        try (EpochPrinter printer = EpochPrinter.create(out, "", config.epochs(), lineEvery, quiet)) {
            trainer.onEpoch(printer::onEpoch);
            r = start == null ? trainer.train(d.train(), d.validation(), d.test()) : trainer.resume(start, d.train(), d.validation(), d.test());
        }
        if (r.status() == RunStatus.INTERRUPTED) {
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println("vecnn: interrupted after epoch " + r.stopEpoch() + " of " + config.epochs() + ": "
                    + (checkpoint != null ? "checkpoint written to " + checkpoint + "; continue with the same flags and --resume " + checkpoint
                            : "no checkpoint was asked for (--checkpoint FILE keeps a run that may be stopped)")
                    + (save != null ? "; " + save + " was not written" : ""));
            err.flush();
            return Interruption.EXIT_CODE;
        }
        out.println(summary(r));
        if (r.status() == RunStatus.DIVERGED) {
            out.flush();
            // The weights are those of the last finite epoch, or the initial ones: no result to keep.
            throw new Diverged("training diverged at epoch " + r.stopEpoch() + " (the loss became NaN or infinite)"
                    + (save != null ? "; " + save + " was not written" : "") + ": try a lower --lr");
        }
        if (save != null) {
            ModelFile.save(save, r.model(), ExperimentRunner.modelMetadata(preset, d, r));
            out.println("saved model to " + save);
        }
        out.flush();
        return 0;
    }

    static String summary(TrainResult r) {
        String speed = Double.isFinite(r.samplesPerSecond())
                ? String.format(Locale.ROOT, "%,.0f samples/s", r.samplesPerSecond()) : "no completed epoch";
        return String.format(Locale.ROOT, "result: test accuracy %s (loss %s), %s, wall %.1f s, %s",
                r.test() == null ? "n/a" : EpochPrinter.pct(r.test().accuracy()), r.test() == null ? "n/a" : EpochPrinter.loss(r.test().loss()),
                r.statusText(), r.wallSeconds(), speed);
    }

    private int oneVsRest(PrintWriter out, Preset preset, MnistLoader.Mnist mnist, KernelPool pool) {
        TrainConfig config = preset.config();
        int epochs = config.epochs();
        int[] done = new int[10];
        boolean live = !quiet && EpochPrinter.interactive();
        ExperimentRunner.Outcome o;
        try (EpochPrinter printer = EpochPrinter.create(out, "10 neurons", epochs, epochs, quiet || !live)) {
            o = ExperimentRunner.run(preset, mnist, pool, csv, (model, m) -> {
                synchronized (done) {
                    done[model] = m.epoch();
                    int min = Integer.MAX_VALUE;
                    for (int e : done) min = Math.min(min, e);
                    if (live) printer.onEpoch(new dev.vecnn.train.EpochMetrics(min, m.trainLoss(), m.trainAccuracy(),
                            Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, m.samplesPerSecond(), 0));
                    else if (!quiet && m.epoch() == epochs) out.printf("digit %d trained%n", model);
                    out.flush();
                }
            });
        }
        OneVsRestResult r = o.oneVsRest();
        out.println("digit  train acc  test acc (binarised test set, threshold " + config.threshold() + ")");
        for (int c = 0; c < r.trainAccuracy().length; c++) {
            out.printf(Locale.ROOT, "%5d  %9s  %8s%n", c, EpochPrinter.pct(r.trainAccuracy()[c]), EpochPrinter.pct(r.testAccuracy()[c]));
        }
        out.printf(Locale.ROOT, "result: ensemble (argmax of the ten neurons) test accuracy %s, wall %.1f s%n",
                EpochPrinter.pct(r.ensembleAccuracy()), r.wallSeconds());
        return 0;
    }
}
