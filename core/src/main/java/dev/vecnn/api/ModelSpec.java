package dev.vecnn.api;

import dev.vecnn.kernel.Activation;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Initializer;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.WeightLayout;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link ModelConfig} layer by layer, e.g.
 * {@code ModelSpec.inputs(784).hidden(128, Activation.TANH).softmax(10)}. Immutable: every call
 * returns a new spec, and the head ({@link #softmax} or {@link #sigmoid}) ends it.
 * Defaults: in-out weight layout, Xavier initialisation.
 */
public final class ModelSpec {
    private final int inputs;
    private final List<LayerSpec> hidden;
    private final WeightLayout layout;
    private final Initializer init;

    private ModelSpec(int inputs, List<LayerSpec> hidden, WeightLayout layout, Initializer init) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.layout = layout;
        this.init = init;
    }

    /** A network taking {@code inputs} features per example. */
    public static ModelSpec inputs(int inputs) {
        if (inputs < 1) throw new IllegalArgumentException("a model needs at least one input, got " + inputs);
        return new ModelSpec(inputs, List.of(), WeightLayout.IN_OUT, Initializer.xavier());
    }

    /** Adds a dense hidden layer of {@code size} units with {@code activation}. */
    public ModelSpec hidden(int size, Activation activation) {
        List<LayerSpec> h = new ArrayList<>(hidden);
        h.add(new LayerSpec(size, activation)); // LayerSpec refuses a size below 1 or a null activation
        if (h.size() > ModelConfig.MAX_HIDDEN_LAYERS) {
            throw new IllegalArgumentException("a model has at most " + ModelConfig.MAX_HIDDEN_LAYERS + " hidden layers");
        }
        return new ModelSpec(inputs, List.copyOf(h), layout, init);
    }

    /** How each layer stores its weights; results differ only in rounding order, not in meaning. */
    public ModelSpec layout(WeightLayout newLayout) {
        if (newLayout == null) throw new IllegalArgumentException("the weight layout must not be null");
        return new ModelSpec(inputs, hidden, newLayout, init);
    }

    /** How the weights are drawn from the seed (biases start at zero). */
    public ModelSpec init(Initializer newInit) {
        if (newInit == null) throw new IllegalArgumentException("the initialiser must not be null");
        return new ModelSpec(inputs, hidden, layout, newInit);
    }

    /** Ends with {@code classes} linear outputs, softmax and cross-entropy (labels in [0, classes)). */
    public ModelConfig softmax(int classes) {
        return new ModelConfig(inputs, hidden, Head.SOFTMAX_CROSS_ENTROPY, classes, layout, init);
    }

    /** Ends with one sigmoid output and binary cross-entropy (labels 0 and 1); no hidden layers is logistic regression. */
    public ModelConfig sigmoid() {
        return new ModelConfig(inputs, hidden, Head.SIGMOID_BINARY_CROSS_ENTROPY, 2, layout, init);
    }
}
