package dev.vecnn.experiment;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.MnistLoader;
import dev.vecnn.data.Splits;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Rng;
import dev.vecnn.train.EpochListener;
import dev.vecnn.train.GradientCheck;
import dev.vecnn.train.OneVsRest;
import dev.vecnn.train.OneVsRestResult;
import dev.vecnn.train.TrainResult;
import dev.vecnn.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a preset on loaded MNIST: prepares its data, then trains, trains ten neurons, or checks gradients. */
public final class ExperimentRunner {
    /** Images of each side in seed 000's balanced one-vs-rest subsets. */
    public static final int ONE_VS_REST_PER_SIDE = 5000;

    private ExperimentRunner() {}

    /** What a run produced: exactly one of the three results is non-null. */
    public record Outcome(Preset preset, DataSpec.Prepared data, TrainResult training, OneVsRestResult oneVsRest,
                          GradientCheck.Report gradients) {}

    /** Reports progress; called on pool threads for one-vs-rest (so it must be thread-safe). */
    public interface Progress {
        void onEpoch(int model, dev.vecnn.train.EpochMetrics metrics);
    }

    /** A preset fitted to its prepared data (see {@link #fitInputs}), ready to run. */
    public record Fitted(Preset preset, DataSpec.Prepared data) {}

    /** Prepares the preset's data from {@code mnist} and fits the preset's inputs to it. */
    public static Fitted prepare(Preset preset, MnistLoader.Mnist mnist) {
        DataSpec.Prepared data = preset.data().prepare(mnist);
        return new Fitted(fitInputs(preset, data.train().features()), data);
    }

    public static Outcome run(Preset preset, MnistLoader.Mnist mnist, KernelPool pool, Path csv, Progress progress) {
        Fitted fitted = prepare(preset, mnist);
        preset = fitted.preset();
        DataSpec.Prepared data = fitted.data();
        return switch (preset.kind()) {
            case TRAIN -> {
                EpochListener listener = progress == null ? EpochListener.NONE : m -> progress.onEpoch(0, m);
                Trainer trainer = new Trainer(preset.config(), pool).onEpoch(listener);
                if (csv != null) trainer.csv(csv);
                yield new Outcome(preset, data, trainer.train(data.train(), data.validation(), data.test()), null, null);
            }
            case ONE_VS_REST -> {
                List<Dataset> perDigit = balancedSubsets(data.train(), preset.config().seed());
                OneVsRest.Listener listener = progress == null ? (c, m) -> { } : progress::onEpoch;
                yield new Outcome(preset, data, null,
                        OneVsRest.train(preset.config(), perDigit, data.test(), pool, listener), null);
            }
            case GRADIENT_CHECK -> new Outcome(preset, data, null, null, gradientCheck(preset, data.train(), pool,
                    GradientCheck.DEFAULT_EPSILON));
        };
    }

    /** What a model file keeps besides the weights: how to prepare inputs, how it was trained, what it scored. */
    public static java.util.Map<String, String> modelMetadata(Preset preset, DataSpec.Prepared d, TrainResult r) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>(r.config().toMetadata());
        m.put("vecnn.preset", preset.name());
        m.put("vecnn.data.normalization", preset.data().normalization().cliName());
        m.put("vecnn.data.mean", Double.toString(d.trainingStats().mean()));
        m.put("vecnn.data.std", Double.toString(d.trainingStats().std()));
        m.put("vecnn.result.status", r.statusText());
        if (r.test() != null) m.put("vecnn.result.test_accuracy", Double.toString(r.test().accuracy()));
        return m;
    }

    /**
     * The preset with its model's input width set to the data's, so the catalogue runs on any IDX
     * dataset whose images are not 28x28 (the presets are written for MNIST's 784 pixels).
     */
    public static Preset fitInputs(Preset preset, int features) {
        ModelConfig m = preset.config().model();
        if (m.inputs() == features) return preset;
        ModelConfig fitted = new ModelConfig(features, m.hidden(), m.head(), m.classes(), m.layout(), m.init());
        return new Preset(preset.name(), preset.source(), preset.kind(), preset.description(),
                preset.config().withModel(fitted), preset.data(), preset.reported(), preset.marks(),
                preset.quickEpochs(), preset.quickFloor());
    }

    /** Seed 000's ten training sets: for each digit, 5,000 of it and 5,000 of the other nine. */
    public static List<Dataset> balancedSubsets(Dataset train, long seed) {
        List<Dataset> perDigit = new ArrayList<>();
        for (int d = 0; d < train.classes(); d++) {
            perDigit.add(Splits.oneVsRestBalanced(train, d, ONE_VS_REST_PER_SIDE, seed));
        }
        return perDigit;
    }

    /** The check on the first training example of the preset's freshly initialised model. */
    public static GradientCheck.Report gradientCheck(Preset preset, Dataset train, KernelPool pool, double epsilon) {
        preset = fitInputs(preset, train.features());
        Rng seeds = new Rng(preset.config().seed());
        Mlp model = Mlp.initialise(preset.config().model(), seeds.nextLong());
        Gemm gemm = new Gemm(pool);
        return GradientCheck.run(gemm, model, train.buffer(), train.rowStart(0), train.labels()[0], epsilon, GradientCheck.defaultProbes(model));
    }
}
