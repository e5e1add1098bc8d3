package dev.vecnn.sweep;

import dev.vecnn.data.MnistLoader;
import dev.vecnn.experiment.DataSpec;
import dev.vecnn.experiment.ExperimentRunner;
import dev.vecnn.experiment.Machine;
import dev.vecnn.experiment.Preset;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.ModelFile;
import dev.vecnn.train.EpochMetrics;
import dev.vecnn.train.OneVsRestResult;
import dev.vecnn.train.RunStatus;
import dev.vecnn.train.TrainResult;
import dev.vecnn.train.Trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one trial as `vecnn train` with its flags would (the same preset resolution, data preparation and
 * trainer, so the same bits), and turns it into its results record. Shared by the local runner and by
 * Spark's tasks. Prepared datasets are kept per data setting and shared read-only between trials.
 */
public final class TrialRunner {
    /** Asked after each recorded epoch whether the trial should stop there (early termination). */
    public interface EpochGate {
        EpochGate NONE = (trial, epoch, metric) -> false;

        boolean stop(Trial trial, int epoch, double metric);
    }

    /** A finished trial: its record and, for a single model, the model file it wrote (null otherwise). */
    public record Outcome(Map<String, Object> record, Path model, int epochsRun, int epochsPlanned) {}

    private final MnistLoader.Mnist mnist;
    private final Map<DataSpec, DataSpec.Prepared> prepared = new ConcurrentHashMap<>();
    private final java.util.function.BooleanSupplier interrupted;

    public TrialRunner(MnistLoader.Mnist mnist) {
        this(mnist, () -> false);
    }

    /** Trials stop at their next step once {@code interrupted} says true; their record's status is "interrupted". */
    public TrialRunner(MnistLoader.Mnist mnist, java.util.function.BooleanSupplier interrupted) {
        this.mnist = mnist;
        this.interrupted = interrupted;
    }

    /**
     * Trains {@code trial} on {@code threads} kernel threads; writes its model to {@code modelFile} (when not null
     * and the trial trains one model that did not diverge). Failures become a record with status "failed".
     */
    public Outcome run(Trial trial, int threads, EpochGate gate, Path modelFile) {
        long start = System.nanoTime();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("hash", trial.hash());
        record.put("index", trial.index());
        record.put("axes", trial.axes());
        record.put("flags", new java.util.TreeMap<>(trial.flags()));
        record.put("command", trial.command());
        Preset preset = trial.trainFlags().resolve();
        int planned = preset.config().epochs();
        int run = 0;
        Path written = null;
        try (KernelPool pool = KernelPool.create(threads)) {
            if (preset.kind() == Preset.Kind.ONE_VS_REST) {
                ExperimentRunner.Outcome o = ExperimentRunner.run(preset, mnist, pool, null, null);
                OneVsRestResult r = o.oneVsRest();
                record.put("status", "completed");
                record.put("test_accuracy", r.ensembleAccuracy());
                record.put("digit_test_accuracy", toList(r.testAccuracy()));
                run = planned;
            } else if (preset.kind() == Preset.Kind.TRAIN) {
                DataSpec.Prepared d = prepared.computeIfAbsent(preset.data(), spec -> spec.prepare(mnist));
                preset = ExperimentRunner.fitInputs(preset, d.train().features());
                boolean[] stop = new boolean[1];
                Trainer trainer = new Trainer(preset.config(), pool)
                        .onEpoch(m -> stop[0] = gate.stop(trial, m.epoch(), metricOf(m)))
                        .stopWhen(() -> stop[0] || interrupted.getAsBoolean());
                TrainResult r = trainer.train(d.train(), d.validation(), d.test());
                run = r.stopEpoch();
                record.put("status", r.status() == RunStatus.INTERRUPTED && !stop[0] ? "interrupted" : status(r));
                record.put("stop_epoch", r.stopEpoch());
                record.put("best_epoch", r.bestEpoch());
                if (r.test() != null) record.put("test_accuracy", r.test().accuracy());
                if (r.validation() != null) record.put("final_val_accuracy", r.validation().accuracy());
                double best = Double.NaN;
                List<Map<String, Object>> history = new ArrayList<>();
                for (EpochMetrics m : r.history()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("epoch", m.epoch());
                    e.put("train_loss", m.trainLoss());
                    e.put("train_accuracy", m.trainAccuracy());
                    if (m.hasValidation()) {
                        e.put("val_loss", m.valLoss());
                        e.put("val_accuracy", m.valAccuracy());
                        if (!(m.valAccuracy() <= best)) best = m.valAccuracy();
                    }
                    if (m.hasTest()) e.put("test_accuracy", m.testAccuracy());
                    history.add(e);
                }
                if (!Double.isNaN(best)) record.put("best_val_accuracy", best);
                record.put("samples_per_s", r.samplesPerSecond());
                record.put("history", history);
                if (modelFile != null && r.status() != RunStatus.DIVERGED) {
                    ModelFile.save(modelFile, r.model(), ExperimentRunner.modelMetadata(preset, d, r));
                    written = modelFile;
                }
            } else {
                throw new IllegalArgumentException("preset " + preset.name() + " is a gradient check, not a training run");
            }
        } catch (IOException | RuntimeException e) {
            record.put("status", "failed");
            record.put("error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        record.put("epochs_run", run);
        record.put("epochs_planned", planned);
        record.put("wall_seconds", (System.nanoTime() - start) / 1e9);
        record.put("threads", threads);
        record.put("machine", Machine.cpuModel());
        record.put("vector_bits", Machine.vectorBits());
        if (written != null) record.put("model", written.getFileName().toString());
        return new Outcome(record, written, run, planned);
    }

    /** What early termination ranks by: validation accuracy when there is a validation set, else test accuracy. */
    static double metricOf(EpochMetrics m) {
        return m.hasValidation() ? m.valAccuracy() : m.testAccuracy();
    }

    private static String status(TrainResult r) {
        return switch (r.status()) {
            case COMPLETED -> "completed";
            case EARLY_STOPPED -> "early-stopped";
            case DIVERGED -> "diverged";
            case INTERRUPTED -> "pruned";
        };
    }

    private static List<Double> toList(double[] values) {
        List<Double> l = new ArrayList<>();
        for (double v : values) l.add(v);
        return l;
    }
}
