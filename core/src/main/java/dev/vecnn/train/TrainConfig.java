package dev.vecnn.train;

import dev.vecnn.nn.Metadata;
import dev.vecnn.nn.ModelConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every option of a training run. Build one with {@link #defaults(ModelConfig)} and the
 * {@code with*} methods.
 *
 * @param model        architecture (layers, activations, head, layout, initialiser)
 * @param seed         seeds the initial weights and the shuffles (default 1)
 * @param learningRate step size alpha (default 0.01)
 * @param momentum     momentum gamma, 0 for plain SGD (default 0)
 * @param l1           L1 penalty lambda: adds lambda * sign(w) to each weight's gradient (default 0)
 * @param l2           L2 penalty lambda of (lambda / 2) * |w|^2: adds lambda * w to each weight's gradient (default 0).
 *                     Penalties apply to weights, not biases, and are not part of the reported losses.
 * @param reduction    MEAN or SUM of the per-example losses in a batch (default MEAN)
 * @param batchSize    examples per step; 0 means the whole training set per step (default 128)
 * @param epochs       maximum number of epochs (default 10)
 * @param patience     early stopping: stop after this many evaluated epochs without a better validation
 *                     result (see {@code stopOn}) and restore the best weights; 0 turns it off (default 0)
 * @param shuffle      draw a fresh seeded order of the training set each epoch (minibatch only; default true)
 * @param evalEvery    evaluate validation and test sets, record metrics and check early stopping every
 *                     this many epochs (and at the last); long full-batch runs use more than 1 (default 1)
 * @param threshold    decision threshold of the sigmoid head (default 0.5; seed 000 uses 0.75)
 * @param momentumForm how the velocity moves the weights: CLASSICAL or NESTEROV (default CLASSICAL)
 * @param stopOn       what early stopping calls best: lowest validation LOSS or highest ACCURACY (default LOSS)
 */
public record TrainConfig(ModelConfig model, long seed, float learningRate, float momentum, float l1, float l2,
                          Reduction reduction, int batchSize, int epochs, int patience, boolean shuffle,
                          int evalEvery, float threshold, MomentumForm momentumForm, StopCriterion stopOn) {

    public static final long DEFAULT_SEED = 1;

    public TrainConfig {
        if (model == null) throw new IllegalArgumentException("model configuration is missing");
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(momentum >= 0f && momentum < 1f)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (!(l1 >= 0f) || !Float.isFinite(l1)) throw new IllegalArgumentException("L1 penalty must be >= 0, got " + l1);
        if (!(l2 >= 0f) || !Float.isFinite(l2)) throw new IllegalArgumentException("L2 penalty must be >= 0, got " + l2);
        if (reduction == null) throw new IllegalArgumentException("loss reduction is missing");
        if (batchSize < 0) throw new IllegalArgumentException("batch size must be >= 0 (0 = full batch), got " + batchSize);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0 (0 = off), got " + patience);
        if (evalEvery < 1) throw new IllegalArgumentException("evaluation interval must be at least 1, got " + evalEvery);
        if (!(threshold > 0f && threshold < 1f)) throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        if (momentumForm == null) throw new IllegalArgumentException("momentum form is missing");
        // Without a velocity the Nesterov form would silently be plain SGD.
        if (momentumForm == MomentumForm.NESTEROV && momentum == 0f) {
            throw new IllegalArgumentException("nesterov needs --momentum > 0");
        }
        if (stopOn == null) throw new IllegalArgumentException("early-stopping criterion is missing");
    }

    public static TrainConfig defaults(ModelConfig model) {
        return new TrainConfig(model, DEFAULT_SEED, 0.01f, 0f, 0f, 0f, Reduction.MEAN, 128, 10, 0, true, 1, 0.5f,
                MomentumForm.CLASSICAL, StopCriterion.LOSS);
    }

    /** Seed 000 part 1: a logistic neuron, full-batch gradient descent, 1000 epochs, threshold 0.75. */
    public static TrainConfig oneVsRest(int inputs, float learningRate) {
        return defaults(ModelConfig.logisticNeuron(inputs)).withLearningRate(learningRate).withFullBatch()
                .withEpochs(1000).withThreshold(0.75f);
    }

    public boolean fullBatch() { return batchSize == 0; }

    public TrainConfig withModel(ModelConfig v) { return new TrainConfig(v, seed, learningRate, momentum, l1, l2, reduction, batchSize, epochs, patience, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withSeed(long v) { return new TrainConfig(model, v, learningRate, momentum, l1, l2, reduction, batchSize, epochs, patience, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withLearningRate(float v) { return new TrainConfig(model, seed, v, momentum, l1, l2, reduction, batchSize, epochs, patience, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withMomentum(float v) { return new TrainConfig(model, seed, learningRate, v, l1, l2, reduction, batchSize, epochs, patience, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withL1(float v) { return new TrainConfig(model, seed, learningRate, momentum, v, l2, reduction, batchSize, epochs, patience, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withL2(float v) { return new TrainConfig(model, seed, learningRate, momentum, l1, v, reduction, batchSize, epochs, patience, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withReduction(Reduction v) { return new TrainConfig(model, seed, learningRate, momentum, l1, l2, v, batchSize, epochs, patience, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withBatchSize(int v) { return new TrainConfig(model, seed, learningRate, momentum, l1, l2, reduction, v, epochs, patience, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withFullBatch() { return withBatchSize(0); }
    public TrainConfig withEpochs(int v) { return new TrainConfig(model, seed, learningRate, momentum, l1, l2, reduction, batchSize, v, patience, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withPatience(int v) { return new TrainConfig(model, seed, learningRate, momentum, l1, l2, reduction, batchSize, epochs, v, shuffle, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withShuffle(boolean v) { return new TrainConfig(model, seed, learningRate, momentum, l1, l2, reduction, batchSize, epochs, patience, v, evalEvery, threshold, momentumForm, stopOn); }
    public TrainConfig withEvalEvery(int v) { return new TrainConfig(model, seed, learningRate, momentum, l1, l2, reduction, batchSize, epochs, patience, shuffle, v, threshold, momentumForm, stopOn); }
    public TrainConfig withThreshold(float v) { return new TrainConfig(model, seed, learningRate, momentum, l1, l2, reduction, batchSize, epochs, patience, shuffle, evalEvery, v, momentumForm, stopOn); }
    /** Momentum and its form together, so neither is validated against the other's old value. */
    public TrainConfig withMomentum(float gamma, MomentumForm form) { return new TrainConfig(model, seed, learningRate, gamma, l1, l2, reduction, batchSize, epochs, patience, shuffle, evalEvery, threshold, form, stopOn); }
    public TrainConfig withMomentumForm(MomentumForm v) { return new TrainConfig(model, seed, learningRate, momentum, l1, l2, reduction, batchSize, epochs, patience, shuffle, evalEvery, threshold, v, stopOn); }
    public TrainConfig withStopOn(StopCriterion v) { return new TrainConfig(model, seed, learningRate, momentum, l1, l2, reduction, batchSize, epochs, patience, shuffle, evalEvery, threshold, momentumForm, v); }

    /** One line for logs, e.g. {@code 784-128:tanh-10 softmax, lr 0.001, momentum 0.9, batch 128, ...}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(model.describe());
        sb.append(", lr ").append(learningRate);
        if (momentum > 0) sb.append(", momentum ").append(momentum);
        if (momentumForm != MomentumForm.CLASSICAL) sb.append(' ').append(momentumForm.cliName());
        if (l1 > 0) sb.append(", L1 ").append(l1);
        if (l2 > 0) sb.append(", L2 ").append(l2);
        sb.append(", ").append(reduction.cliName()).append(" loss");
        sb.append(fullBatch() ? ", full batch" : ", batch " + batchSize);
        sb.append(", ").append(epochs).append(" epochs");
        if (patience > 0) sb.append(", patience ").append(patience);
        if (stopOn != StopCriterion.LOSS) sb.append(", stop on ").append(stopOn.cliName());
        sb.append(", ").append(model.layout().cliName()).append(", init ").append(model.init());
        sb.append(", seed ").append(seed);
        return sb.toString();
    }

    static final String PREFIX = "vecnn.train.";

    /** Every option as string pairs (the model's under {@code vecnn.model.*}), for file metadata. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>(model.toMetadata());
        m.put(PREFIX + "seed", Long.toString(seed));
        m.put(PREFIX + "learning_rate", Float.toString(learningRate));
        m.put(PREFIX + "momentum", Float.toString(momentum));
        m.put(PREFIX + "l1", Float.toString(l1));
        m.put(PREFIX + "l2", Float.toString(l2));
        m.put(PREFIX + "reduction", reduction.cliName());
        m.put(PREFIX + "batch_size", Integer.toString(batchSize));
        m.put(PREFIX + "epochs", Integer.toString(epochs));
        m.put(PREFIX + "patience", Integer.toString(patience));
        m.put(PREFIX + "shuffle", Boolean.toString(shuffle));
        m.put(PREFIX + "eval_every", Integer.toString(evalEvery));
        m.put(PREFIX + "threshold", Float.toString(threshold));
        m.put(PREFIX + "momentum_form", momentumForm.cliName());
        m.put(PREFIX + "stop_on", stopOn.cliName());
        return m;
    }

    /**
     * Reads what {@link #toMetadata()} wrote; IllegalArgumentException names a missing or bad key. The
     * momentum form and stopping criterion default when absent: files written before they existed used those.
     */
    public static TrainConfig fromMetadata(Map<String, String> m) {
        return new TrainConfig(ModelConfig.fromMetadata(m),
                Metadata.requireLong(m, PREFIX + "seed"),
                Metadata.requireFloat(m, PREFIX + "learning_rate"),
                Metadata.requireFloat(m, PREFIX + "momentum"),
                Metadata.requireFloat(m, PREFIX + "l1"),
                Metadata.requireFloat(m, PREFIX + "l2"),
                Reduction.parse(Metadata.require(m, PREFIX + "reduction")),
                Metadata.requireInt(m, PREFIX + "batch_size"),
                Metadata.requireInt(m, PREFIX + "epochs"),
                Metadata.requireInt(m, PREFIX + "patience"),
                Metadata.requireBoolean(m, PREFIX + "shuffle"),
                Metadata.requireInt(m, PREFIX + "eval_every"),
                Metadata.requireFloat(m, PREFIX + "threshold"),
                MomentumForm.parse(m.getOrDefault(PREFIX + "momentum_form", MomentumForm.CLASSICAL.cliName())),
                StopCriterion.parse(m.getOrDefault(PREFIX + "stop_on", StopCriterion.LOSS.cliName())));
    }
}
