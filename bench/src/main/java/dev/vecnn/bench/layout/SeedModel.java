package dev.vecnn.bench.layout;

import dev.vecnn.kernel.Activation;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Initializer;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.WeightLayout;
import java.util.List;

/**
 * The seed reports' models at the batch sizes they train with, named as in the JMH parameter
 * {@code model}: layer widths, then {@code @} and the rows per step.
 */
public enum SeedModel {
    /** Seed 004: 784-128 tanh-10 softmax, minibatch 128, momentum 0.9. */
    TANH_128("784-128-10@128", 128, List.of(new LayerSpec(128, Activation.TANH)), Head.SOFTMAX_CROSS_ENTROPY, 10, 0.9f),
    /** Seed 000 part 2: 784-32 ReLU-10 softmax, full batch over the 60,000 training images. */
    RELU_32("784-32-10@60000", 60_000, List.of(new LayerSpec(32, Activation.RELU)), Head.SOFTMAX_CROSS_ENTROPY, 10, 0f),
    /** Softmax regression 784-10, full batch over 60,000 images. */
    SOFTMAX_10("784-10@60000", 60_000, List.of(), Head.SOFTMAX_CROSS_ENTROPY, 10, 0f),
    /** Seed 000 part 1: one sigmoid neuron 784-1 (one-vs-rest), full batch over 10,000 images. */
    NEURON_1("784-1@10000", 10_000, List.of(), Head.SIGMOID_BINARY_CROSS_ENTROPY, 2, 0f);

    public static final int PIXELS = 784;

    private final String label;
    private final int rows;
    private final List<LayerSpec> hidden;
    private final Head head;
    private final int classes;
    private final float momentum;

    SeedModel(String label, int rows, List<LayerSpec> hidden, Head head, int classes, float momentum) {
        this.label = label;
        this.rows = rows;
        this.hidden = hidden;
        this.head = head;
        this.classes = classes;
        this.momentum = momentum;
    }

    public String label() { return label; }

    /** Rows (samples) per training step. */
    public int rows() { return rows; }

    public int classes() { return classes; }

    public float momentum() { return momentum; }

    public ModelConfig config(WeightLayout layout) {
        return new ModelConfig(PIXELS, hidden, head, classes, layout, Initializer.xavier());
    }

    /** Parses a label such as {@code 784-128-10@128}. */
    public static SeedModel parse(String label) {
        for (SeedModel m : values()) {
            if (m.label.equals(label)) return m;
        }
        throw new IllegalArgumentException("unknown seed model '" + label + "'");
    }
}
