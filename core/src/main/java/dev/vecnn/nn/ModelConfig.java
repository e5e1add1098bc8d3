package dev.vecnn.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The architecture of a multi-layer perceptron: input width, hidden layers (each with its
 * activation), the head, the number of classes, the weight layout and the initialiser.
 * An empty hidden list gives softmax regression or a single logistic neuron.
 */
public record ModelConfig(int inputs, List<LayerSpec> hidden, Head head, int classes,
                          WeightLayout layout, Initializer init) {

    /**
     * Hidden layers a model may have: far beyond any perceptron worth training, and a file's metadata
     * cannot make the reader build millions of layer objects (a few bytes each in the header).
     */
    public static final int MAX_HIDDEN_LAYERS = 1000;

    public ModelConfig {
        if (inputs < 1) throw new IllegalArgumentException("model needs at least one input, got " + inputs);
        if (hidden.size() > MAX_HIDDEN_LAYERS) {
            throw new IllegalArgumentException("model has " + hidden.size() + " hidden layers, more than " + MAX_HIDDEN_LAYERS);
        }
        hidden = List.copyOf(hidden);
        if (head == null) throw new IllegalArgumentException("model head is missing");
        if (classes < 2) throw new IllegalArgumentException("model needs at least 2 classes, got " + classes);
        if (head == Head.SIGMOID_BINARY_CROSS_ENTROPY && classes != 2) {
            throw new IllegalArgumentException("the sigmoid head is binary: classes must be 2, got " + classes);
        }
        if (layout == null) throw new IllegalArgumentException("weight layout is missing");
        if (init == null) throw new IllegalArgumentException("initialiser is missing");
    }

    /** 784 -> hidden... -> 10 softmax, in-out layout, Xavier initialisation. */
    public static ModelConfig softmax(int inputs, int classes, LayerSpec... hidden) {
        return new ModelConfig(inputs, List.of(hidden), Head.SOFTMAX_CROSS_ENTROPY, classes,
                WeightLayout.IN_OUT, Initializer.xavier());
    }

    /** A single sigmoid unit on the inputs (logistic regression), as in seed 000 part 1. */
    public static ModelConfig logisticNeuron(int inputs) {
        return new ModelConfig(inputs, List.of(), Head.SIGMOID_BINARY_CROSS_ENTROPY, 2,
                WeightLayout.IN_OUT, Initializer.xavier());
    }

    public ModelConfig withLayout(WeightLayout newLayout) {
        return new ModelConfig(inputs, hidden, head, classes, newLayout, init);
    }

    public ModelConfig withInit(Initializer newInit) {
        return new ModelConfig(inputs, hidden, head, classes, layout, newInit);
    }

    /** Width of the output layer. */
    public int outputs() {
        return head.outputs(classes);
    }

    /** Layer widths from input to output, e.g. [784, 128, 10]. */
    public int[] widths() {
        int[] w = new int[hidden.size() + 2];
        w[0] = inputs;
        for (int i = 0; i < hidden.size(); i++) w[i + 1] = hidden.get(i).size();
        w[w.length - 1] = outputs();
        return w;
    }

    /**
     * Weights and biases in all layers, counted without overflow: a configuration read from a file can
     * name any widths, and this is checked against a limit before anything is allocated.
     */
    public long parameterCount() {
        int[] w = widths();
        long n = 0;
        try {
            for (int l = 0; l + 1 < w.length; l++) {
                n = Math.addExact(n, Math.addExact(Math.multiplyExact((long) w[l], w[l + 1]), w[l + 1]));
            }
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return n;
    }

    /** For example {@code 784-128:tanh-10 softmax}. */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputs);
        for (LayerSpec h : hidden) sb.append('-').append(h);
        return sb.append('-').append(outputs()).append(' ').append(head.cliName()).toString();
    }

    static final String PREFIX = "vecnn.model.";

    /** The configuration as string pairs (stored in a safetensors {@code __metadata__}). */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "inputs", Integer.toString(inputs));
        List<String> h = new ArrayList<>();
        for (LayerSpec s : hidden) h.add(s.toString());
        m.put(PREFIX + "hidden", String.join(",", h));
        m.put(PREFIX + "head", head.cliName());
        m.put(PREFIX + "classes", Integer.toString(classes));
        m.put(PREFIX + "layout", layout.cliName());
        m.put(PREFIX + "init", init.toString());
        return m;
    }

    /** Reads what {@link #toMetadata()} wrote; throws IllegalArgumentException naming the bad key. */
    public static ModelConfig fromMetadata(Map<String, String> m) {
        String hiddenText = Metadata.require(m, PREFIX + "hidden");
        long layers = hiddenText.chars().filter(c -> c == ',').count() + 1;
        if (layers > MAX_HIDDEN_LAYERS) {
            throw new IllegalArgumentException("configuration key '" + PREFIX + "hidden' names " + layers
                    + " layers, more than " + MAX_HIDDEN_LAYERS);
        }
        List<LayerSpec> hidden = new ArrayList<>();
        if (!hiddenText.isEmpty()) {
            for (String part : hiddenText.split(",")) hidden.add(LayerSpec.parse(part));
        }
        return new ModelConfig(
                Metadata.requireInt(m, PREFIX + "inputs"),
                hidden,
                Head.parse(Metadata.require(m, PREFIX + "head")),
                Metadata.requireInt(m, PREFIX + "classes"),
                WeightLayout.parse(Metadata.require(m, PREFIX + "layout")),
                Initializer.parse(Metadata.require(m, PREFIX + "init")));
    }
}
