package dev.vecnn.hypothesis;

import dev.vecnn.data.MnistLoader;
import dev.vecnn.experiment.DataSpec;
import dev.vecnn.experiment.ExperimentRunner;
import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.TrainFlags;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.train.EpochListener;
import dev.vecnn.train.Evaluation;
import dev.vecnn.train.Evaluator;
import dev.vecnn.train.OneVsRestResult;
import dev.vecnn.train.TrainResult;
import dev.vecnn.train.Trainer;

import java.util.HashMap;
import java.util.Map;

/**
 * Trains one preset under one variant and measures what the claims read. Keys written:
 * one-vs-rest: {@code train.R.dD} and {@code test.R.dD} for each digit D and reading R of accuracy,
 * recall, balanced (a digit's training subset is already balanced: its balanced value is its accuracy);
 * plain training: {@code test.accuracy}, {@code stop_epoch}, {@code best_epoch}, and for presets with marks
 * {@code train.R@E}, {@code test.R@E} (R of accuracy, label_r2, one_hot_r2) and {@code cost@E} (mean
 * training loss) at each mark E, {@code cost@0} for the initial model.
 */
public final class HypothesisRunner {
    private HypothesisRunner() {}

    /** The preset with the variant's flags applied, as `vecnn train --preset P FLAGS` resolves it. */
    public static Preset resolve(String preset, Variant v) {
        Map<String, String> flags = new HashMap<>(v.flags());
        flags.put("preset", preset);
        return TrainFlags.of(flags).resolve();
    }

    public static Measurements measure(String presetName, Variant variant, MnistLoader.Mnist mnist, KernelPool pool,
                                       ExperimentRunner.Progress progress) {
        Preset preset = resolve(presetName, variant);
        if (preset.kind() == Preset.Kind.ONE_VS_REST) {
            return fromOutcome(ExperimentRunner.run(preset, mnist, pool, null, progress));
        }
        Measurements m = new Measurements();
        ExperimentRunner.Fitted fitted = ExperimentRunner.prepare(preset, mnist);
        preset = fitted.preset();
        DataSpec.Prepared data = fitted.data();
        Evaluator evaluator = new Evaluator(new Gemm(pool));
        float threshold = preset.config().threshold();
        if (!preset.marks().isEmpty()) {
            m.put("cost@0", evaluator.evaluate(Trainer.initialModel(preset.config()), data.train(), threshold).loss());
        }
        java.util.Set<Integer> marks = java.util.Set.copyOf(preset.marks());
        EpochListener listener = progress == null ? EpochListener.NONE : e -> progress.onEpoch(0, e);
        Trainer trainer = new Trainer(preset.config(), pool).onEpoch(listener).inspect((epoch, model) -> {
            if (!marks.contains(epoch)) return;
            Evaluation train = evaluator.evaluate(model, data.train(), threshold);
            Evaluation test = evaluator.evaluate(model, data.test(), threshold);
            put(m, "train", epoch, train);
            put(m, "test", epoch, test);
            m.put("cost@" + epoch, train.loss());
        });
        finish(m, trainer.train(data.train(), data.validation(), data.test()));
        return m;
    }

    /**
     * What a catalogue run of a preset ({@code vecnn reproduce}) measured, under the same keys as far as its
     * outcome holds them: at a mark, train values are those measured during the epoch (before its update),
     * and there is no {@code cost@0} nor R^2, so claims on those read as not measured.
     */
    public static Measurements fromOutcome(ExperimentRunner.Outcome o) {
        Measurements m = new Measurements();
        OneVsRestResult r = o.oneVsRest();
        if (r != null) {
            for (int d = 0; d < r.testAccuracy().length; d++) {
                m.put("train.accuracy.d" + d, r.trainAccuracy()[d]);
                m.put("test.accuracy.d" + d, r.testAccuracy()[d]);
                m.put("train.recall.d" + d, r.trainRecall()[d]);
                m.put("test.recall.d" + d, r.testRecall()[d]);
                m.put("train.balanced.d" + d, r.trainAccuracy()[d]); // a digit's training subset is balanced already
                m.put("test.balanced.d" + d, r.balancedTestAccuracy()[d]);
            }
            m.status(r.models().stream().anyMatch(t -> !t.statusText().startsWith("completed")) ? "some digit did not complete" : "");
            return m;
        }
        TrainResult t = o.training();
        if (t == null) return m;
        java.util.Set<Integer> marks = java.util.Set.copyOf(o.preset().marks());
        for (dev.vecnn.train.EpochMetrics e : t.history()) {
            if (!marks.contains(e.epoch())) continue;
            m.put("train.accuracy@" + e.epoch(), e.trainAccuracy());
            m.put("test.accuracy@" + e.epoch(), e.testAccuracy());
            m.put("cost@" + e.epoch(), e.trainLoss());
        }
        finish(m, t);
        return m;
    }

    private static void finish(Measurements m, TrainResult r) {
        m.history(r.history());
        m.status(r.statusText());
        if (r.test() != null) m.put("test.accuracy", r.test().accuracy());
        m.put("stop_epoch", r.stopEpoch());
        m.put("best_epoch", r.bestEpoch());
    }

    private static void put(Measurements m, String set, int epoch, Evaluation e) {
        m.put(set + ".accuracy@" + epoch, e.accuracy());
        m.put(set + ".label_r2@" + epoch, e.labelR2());
        m.put(set + ".one_hot_r2@" + epoch, e.oneHotR2());
    }
}
