package dev.vecnn.cli;

import dev.vecnn.data.Normalization;
import dev.vecnn.experiment.DataSpec;
import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.Presets;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Initializer;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.WeightLayout;
import dev.vecnn.train.Reduction;
import dev.vecnn.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Every option of a training run. Each flag overrides the preset's value (or the default
 * configuration's when no preset is given); a flag left out keeps it.
 */
final class TrainOptions {
    @Option(names = "--preset", paramLabel = "NAME", description = "Start from a catalogue entry (see vecnn presets).")
    String preset;

    @Option(names = "--hidden", paramLabel = "LAYERS",
            description = "Hidden layers as SIZE:ACTIVATION, comma-separated (e.g. 128:tanh or 256:sigmoid,128:relu); 'none' for none.")
    String hidden;

    @Option(names = "--head", paramLabel = "HEAD", description = "softmax (10-class cross-entropy) or sigmoid (one-vs-rest neurons).")
    String head;

    @Option(names = "--init", paramLabel = "SCHEME", description = "xavier, he, zeros, uniform[:SCALE] or normal[:STD].")
    String init;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "Weight storage: in-out or out-in.")
    String layout;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate.")
    Float learningRate;

    @Option(names = "--momentum", paramLabel = "GAMMA", description = "Classical momentum (0 for none).")
    Float momentum;

    @Option(names = "--l1", paramLabel = "LAMBDA", description = "L1 penalty: adds LAMBDA * sign(w) to each weight's gradient.")
    Float l1;

    @Option(names = "--l2", paramLabel = "LAMBDA", description = "L2 penalty (LAMBDA/2)|w|^2: adds LAMBDA * w to each weight's gradient.")
    Float l2;

    @Option(names = "--reduction", paramLabel = "MODE", description = "Batch loss: mean or sum over the examples.")
    String reduction;

    @Option(names = "--batch", paramLabel = "N", description = "Examples per step.")
    Integer batch;

    @Option(names = "--full-batch", description = "Gradient descent on the whole training set per step.")
    boolean fullBatch;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum number of epochs.")
    Integer epochs;

    @Option(names = "--patience", paramLabel = "N", description = "Early stopping patience on validation loss (0 = off).")
    Integer patience;

    @Option(names = "--eval-every", paramLabel = "N", description = "Evaluate and record metrics every N epochs.")
    Integer evalEvery;

    @Option(names = "--threshold", paramLabel = "P", description = "Decision threshold of the sigmoid head.")
    Float threshold;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of initial weights and shuffles.")
    Long seed;

    @Option(names = "--normalization", paramLabel = "MODE", description = "scale01, zscore (per image) or standardize (training-set mean and std).")
    String normalization;

    @Option(names = "--validation", paramLabel = "N", description = "Training images held out for validation (0 for none).")
    Integer validation;

    @Option(names = "--split-seed", paramLabel = "N", description = "Seed of the validation split.")
    Long splitSeed;

    /** The preset the flags apply to: the named one, or a softmax model with default settings. */
    Preset base() {
        if (preset != null) return Presets.byName(preset);
        ModelConfig m = ModelConfig.softmax(784, 10, new LayerSpec(128, dev.vecnn.kernel.Activation.TANH));
        TrainConfig c = TrainConfig.defaults(m).withEpochs(10).withPatience(0);
        DataSpec d = new DataSpec(Normalization.PER_IMAGE_ZSCORE, 12_000, DataSpec.DEFAULT_SPLIT_SEED);
        return new Preset("custom", "command line", Preset.Kind.TRAIN, "", c, d, List.of(), List.of(), 0, 0);
    }

    /** The preset with every given flag applied. */
    Preset resolve() {
        Preset p = base();
        TrainConfig c = p.config();
        ModelConfig m = c.model();
        if (hidden != null) m = new ModelConfig(m.inputs(), parseHidden(hidden), m.head(), m.classes(), m.layout(), m.init());
        if (head != null) {
            Head h = Head.parse(head);
            m = new ModelConfig(m.inputs(), m.hidden(), h, h == Head.SIGMOID_BINARY_CROSS_ENTROPY ? 2 : 10, m.layout(), m.init());
        }
        if (init != null) m = m.withInit(Initializer.parse(init));
        if (layout != null) m = m.withLayout(WeightLayout.parse(layout));
        c = c.withModel(m);
        if (learningRate != null) c = c.withLearningRate(learningRate);
        if (momentum != null) c = c.withMomentum(momentum);
        if (l1 != null) c = c.withL1(l1);
        if (l2 != null) c = c.withL2(l2);
        if (reduction != null) c = c.withReduction(Reduction.parse(reduction));
        if (batch != null && fullBatch) throw new IllegalArgumentException("--batch and --full-batch contradict each other");
        if (batch != null) {
            if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
            c = c.withBatchSize(batch);
        }
        if (fullBatch) c = c.withFullBatch();
        if (epochs != null) c = c.withEpochs(epochs);
        if (patience != null) c = c.withPatience(patience);
        if (evalEvery != null) c = c.withEvalEvery(evalEvery);
        if (threshold != null) c = c.withThreshold(threshold);
        if (seed != null) c = c.withSeed(seed);
        DataSpec d = p.data();
        if (normalization != null || validation != null || splitSeed != null) {
            d = new DataSpec(normalization != null ? Normalization.parse(normalization) : d.normalization(),
                    validation != null ? validation : d.validationRows(), splitSeed != null ? splitSeed : d.splitSeed());
        }
        Mlp.checkSize(m);
        Preset.Kind kind = p.kind() == Preset.Kind.GRADIENT_CHECK ? p.kind()
                : m.head() == Head.SIGMOID_BINARY_CROSS_ENTROPY ? Preset.Kind.ONE_VS_REST : Preset.Kind.TRAIN;
        boolean changed = !c.equals(p.config()) || !d.equals(p.data()) || kind != p.kind();
        return new Preset(changed ? p.name() + "+flags" : p.name(), p.source(), kind, p.description(), c, d,
                changed ? List.of() : p.reported(), p.marks(), p.quickEpochs(), p.quickFloor());
    }

    static List<LayerSpec> parseHidden(String text) {
        List<LayerSpec> layers = new ArrayList<>();
        if (text.isBlank() || text.equalsIgnoreCase("none")) return layers;
        for (String part : text.split(",")) layers.add(LayerSpec.parse(part.trim()));
        return layers;
    }
}
