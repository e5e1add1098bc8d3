package dev.vecnn.cli;

import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.TrainFlags;
import picocli.CommandLine.Option;

/**
 * Every option of a training run. Each flag overrides the preset's value (or the default
 * configuration's when no preset is given); a flag left out keeps it. The mapping itself is
 * {@link TrainFlags}, shared with sweeps.
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

    @Option(names = "--momentum", paramLabel = "GAMMA", description = "Momentum (0 for none).")
    Float momentum;

    @Option(names = "--momentum-form", paramLabel = "FORM",
            description = "classical (v = GAMMA*v - lr*g, w += v) or nesterov (same v, w += GAMMA*v - lr*g; needs --momentum > 0).")
    String momentumForm;

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

    @Option(names = "--patience", paramLabel = "N", description = "Early stopping patience in evaluations without improvement (0 = off).")
    Integer patience;

    @Option(names = "--stop-on", paramLabel = "METRIC",
            description = "What early stopping keeps the best of: loss (lowest validation loss) or accuracy (highest validation accuracy).")
    String stopOn;

    @Option(names = "--eval-every", paramLabel = "N", description = "Evaluate and record metrics every N epochs.")
    Integer evalEvery;

    @Option(names = "--threshold", paramLabel = "P", description = "Decision threshold of the sigmoid head.")
    Float threshold;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of initial weights and shuffles.")
    Long seed;

    @Option(names = "--normalization", paramLabel = "MODE", description = "scale01, zscore (per image), standardize (training-set mean and std) or raw255 (pixels 0-255, unscaled).")
    String normalization;

    @Option(names = "--validation", paramLabel = "N", description = "Training images held out for validation (0 for none).")
    Integer validation;

    @Option(names = "--split-seed", paramLabel = "N", description = "Seed of the validation split.")
    Long splitSeed;

    /** The flags as given (null where not). */
    TrainFlags flags() {
        return new TrainFlags(preset, hidden, head, init, layout, learningRate, momentum, l1, l2, reduction, batch,
                fullBatch, epochs, patience, evalEvery, threshold, seed, normalization, validation, splitSeed, momentumForm, stopOn);
    }

    /** The preset with every given flag applied (see {@link TrainFlags#resolve}). */
    Preset resolve() {
        return flags().resolve();
    }
}
