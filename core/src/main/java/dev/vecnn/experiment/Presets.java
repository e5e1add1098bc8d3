package dev.vecnn.experiment;

import dev.vecnn.data.Normalization;
import dev.vecnn.experiment.Preset.Kind;
import dev.vecnn.experiment.Preset.Reported;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Initializer;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.WeightLayout;
import dev.vecnn.train.Reduction;
import dev.vecnn.train.TrainConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalogue: one preset per experiment of the two reports, plus two beyond them. Where a
 * report leaves a detail open, the choice its text implies is made here once and named in the
 * preset's description.
 */
public final class Presets {
    private Presets() {}

    static final int PIXELS = 784;
    static final int CLASSES = 10;

    /** Seed 000: pixels in [0, 1], the 60,000 training images, no validation set. */
    static final DataSpec SEED_000_DATA = new DataSpec(Normalization.SCALE01, 0, DataSpec.DEFAULT_SPLIT_SEED);
    /** Seed 004: per-image z-score, 48,000 / 12,000 split of the training images. */
    static final DataSpec SEED_004_DATA = new DataSpec(Normalization.PER_IMAGE_ZSCORE, 12_000, DataSpec.DEFAULT_SPLIT_SEED);

    private static final String S000_P1 = "seed 000 part 1";
    private static final String S000_P2 = "seed 000 part 2";
    private static final String S004 = "seed 004";
    private static final String BEYOND = "beyond the reports";

    private static final List<Preset> ALL = List.of(
            oneVsRest("ovr-lr0.01", 0.01f, 0,
                    List.of(new Reported("average accuracy (train and test)", 0.75, "approx"),
                            new Reported("digit 0 test accuracy", 0.9083, ""),
                            new Reported("digit 1 test accuracy", 0.9488, ""))),
            oneVsRest("ovr-lr0.05", 0.05f, 100,
                    List.of(new Reported("lowest digit accuracy (train and test)", 0.80, "above"),
                            new Reported("best digit test accuracy", 0.9791, ""))),
            oneVsRest("ovr-lr0.001", 0.001f, 0,
                    List.of(new Reported("best digit test accuracy", 0.2167, ""))),
            fullBatch32("mlp32-relu-lr0.05", 0.05f, 0,
                    List.of(new Reported("test accuracy at 10000 epochs", -2.48, "as printed"))),
            fullBatch32("mlp32-relu-lr0.005", 0.005f, 200,
                    List.of(new Reported("test accuracy at 10000 epochs", 0.741, ""),
                            new Reported("accuracy at 1000 epochs", 0.30, "below"),
                            new Reported("accuracy at 2000 epochs", 0.50, "above"))),
            seed004("softmax-regression", "softmax regression 784-10", List.of(), 0.001f, 0f, 0f, 0f, 100, 3,
                    0.9181, 11, 5, 0.88),
            seed004("tanh", "784-128 tanh-10 softmax", List.of(new LayerSpec(128, dev.vecnn.kernel.Activation.TANH)),
                    0.001f, 0f, 0f, 0f, 100, 5, 0.9773, 20, 0, 0),
            seed004("tanh-momentum", "784-128 tanh-10 softmax with momentum 0.9",
                    List.of(new LayerSpec(128, dev.vecnn.kernel.Activation.TANH)),
                    0.001f, 0.9f, 0f, 0f, 100, 5, 0.9776, 14, 3, 0.94),
            seed004("relu", "784-128 ReLU-10 softmax", List.of(new LayerSpec(128, dev.vecnn.kernel.Activation.RELU)),
                    0.0001f, 0f, 0f, 0f, 110, 5, 0.9782, 110, 0, 0),
            seed004("sigmoid", "784-128 sigmoid-10 softmax", List.of(new LayerSpec(128, dev.vecnn.kernel.Activation.SIGMOID)),
                    0.0001f, 0f, 0f, 0f, 150, 5, 0.9788, 150, 0, 0),
            seed004("sigmoid-l1", "784-128 sigmoid-10 softmax, L1 1e-4 (gradient 1e-4 * sign(w))",
                    List.of(new LayerSpec(128, dev.vecnn.kernel.Activation.SIGMOID)),
                    0.0001f, 0f, 0.0001f, 0f, 60, 3, 0.9634, 32, 0, 0),
            // The report adds lambda * sum(w^2) to the loss: its gradient is 2 * lambda * w.
            seed004("sigmoid-l2", "784-128 sigmoid-10 softmax, L2 1e-4 (penalty 1e-4 * sum w^2, gradient 2e-4 * w)",
                    List.of(new LayerSpec(128, dev.vecnn.kernel.Activation.SIGMOID)),
                    0.0001f, 0f, 0f, 0.0002f, 60, 3, 0.9641, 18, 0, 0),
            gradientCheck(),
            seed004Beyond("three-layer", "784-256 sigmoid-128 ReLU-10 softmax, the network seed 004's conclusion proposes"
                            + " (sizes chosen here: 256 and 128), lr 1e-4 as its sigmoid model, momentum 0.9",
                    List.of(new LayerSpec(256, dev.vecnn.kernel.Activation.SIGMOID), new LayerSpec(128, dev.vecnn.kernel.Activation.RELU)),
                    0.0001f, 0.9f, 100, 5, Initializer.xavier()),
            seed004Beyond("best", "784-1024 ReLU-1024 ReLU-10 softmax, He init, lr 1e-4 (summed loss), momentum 0.9,"
                            + " early stopping: the most accurate MLP within 10 minutes here",
                    List.of(new LayerSpec(1024, dev.vecnn.kernel.Activation.RELU), new LayerSpec(1024, dev.vecnn.kernel.Activation.RELU)),
                    0.0001f, 0.9f, 40, 5, new Initializer(Initializer.Scheme.HE, 0f)));

    public static List<Preset> all() {
        return ALL;
    }

    public static Preset byName(String name) {
        for (Preset p : ALL) {
            if (p.name().equalsIgnoreCase(name)) return p;
        }
        throw new IllegalArgumentException("unknown preset '" + name + "': one of "
                + ALL.stream().map(Preset::name).collect(Collectors.joining(", ")) + " (see vecnn presets)");
    }

    private static Preset oneVsRest(String name, float lr, int quickEpochs, List<Reported> reported) {
        TrainConfig c = TrainConfig.oneVsRest(PIXELS, lr).withModel(
                        ModelConfig.logisticNeuron(PIXELS).withInit(Initializer.parse("zeros")))
                .withReduction(Reduction.MEAN).withEvalEvery(10);
        String d = "ten one-vs-rest sigmoid neurons 784-1, lr " + lr + ", full-batch gradient descent, 1000 epochs,"
                + " threshold 0.75; each on 5,000 of its digit + 5,000 of the others; zero init and mean loss"
                + " (the 'neural network mindset' logistic regression the report follows)";
        return new Preset(name, S000_P1, Kind.ONE_VS_REST, d, c, SEED_000_DATA, reported, List.of(), quickEpochs, 0.70);
    }

    private static Preset fullBatch32(String name, float lr, int quickEpochs, List<Reported> reported) {
        ModelConfig m = new ModelConfig(PIXELS, List.of(new LayerSpec(32, dev.vecnn.kernel.Activation.RELU)),
                Head.SOFTMAX_CROSS_ENTROPY, CLASSES, WeightLayout.IN_OUT, Initializer.parse("uniform:1"));
        TrainConfig c = TrainConfig.defaults(m).withLearningRate(lr).withFullBatch().withEpochs(10_000)
                .withReduction(Reduction.MEAN).withEvalEvery(100);
        String d = "784-32 ReLU-10 softmax, lr " + lr + ", full-batch gradient descent on all 60,000 images,"
                + " 10,000 epochs (1000/2000/5000 read off the same run); U(-1, 1) init (numpy's 2*rand-1), the"
                + " common scheme that gives the report's initial cost of about 16 (N(0,1) gives 50, Xavier 2.3),"
                + " and mean loss";
        return new Preset(name, S000_P2, Kind.TRAIN, d, c, SEED_000_DATA, reported,
                List.of(1000, 2000, 5000, 10_000), quickEpochs, 0.20);
    }

    private static Preset seed004(String name, String model, List<LayerSpec> hidden, float lr, float momentum,
                                  float l1, float l2, int epochs, int patience, double reportedAccuracy,
                                  int reportedStop, int quickEpochs, double quickFloor) {
        ModelConfig m = new ModelConfig(PIXELS, hidden, Head.SOFTMAX_CROSS_ENTROPY, CLASSES, WeightLayout.IN_OUT,
                Initializer.xavier());
        TrainConfig c = TrainConfig.defaults(m).withLearningRate(lr).withMomentum(momentum).withL1(l1).withL2(l2)
                .withReduction(Reduction.SUM).withBatchSize(128).withEpochs(epochs).withPatience(patience);
        String d = model + ", lr " + lr + (momentum > 0 ? ", momentum " + momentum : "") + ", batch 128, "
                + epochs + " epochs, patience " + patience + "; summed loss (the report's update rule"
                + " w += alpha (t - y) z), Xavier init";
        return new Preset(name, S004, Kind.TRAIN, d, c, SEED_004_DATA,
                List.of(new Reported("test accuracy", reportedAccuracy, ""), new Reported("stop epoch", reportedStop, "")),
                List.of(), quickEpochs, quickFloor);
    }

    private static Preset seed004Beyond(String name, String description, List<LayerSpec> hidden, float lr,
                                        float momentum, int epochs, int patience, Initializer init) {
        ModelConfig m = new ModelConfig(PIXELS, hidden, Head.SOFTMAX_CROSS_ENTROPY, CLASSES, WeightLayout.IN_OUT, init);
        TrainConfig c = TrainConfig.defaults(m).withLearningRate(lr).withMomentum(momentum)
                .withReduction(Reduction.SUM).withBatchSize(128).withEpochs(epochs).withPatience(patience);
        return new Preset(name, BEYOND, Kind.TRAIN, description + ", batch 128, " + epochs + " epochs, patience "
                + patience + ", seed 004's data", c, SEED_004_DATA, List.of(), List.of(), 0, 0);
    }

    private static Preset gradientCheck() {
        ModelConfig m = new ModelConfig(PIXELS, List.of(new LayerSpec(128, dev.vecnn.kernel.Activation.TANH)),
                Head.SOFTMAX_CROSS_ENTROPY, CLASSES, WeightLayout.IN_OUT, Initializer.xavier());
        TrainConfig c = TrainConfig.defaults(m).withEpochs(1);
        return new Preset("gradcheck", S004 + " section 2.2.2", Kind.GRADIENT_CHECK,
                "central differences (E(w+eps) - E(w-eps)) / 2eps, eps 0.01, on the first training sample of the"
                        + " freshly initialised 784-128 tanh-10 model, for weights of both layers and both biases",
                c, SEED_004_DATA, List.of(), List.of(), 1, 0);
    }
}
