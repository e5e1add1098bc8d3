package dev.vecnn.nn;

import dev.vecnn.io.Limits;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Activations;
import dev.vecnn.kernel.DebugSwitches;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.Reductions;
import dev.vecnn.kernel.SigmoidBinaryCrossEntropy;
import dev.vecnn.kernel.SoftmaxCrossEntropy;
import dev.vecnn.kernel.SoftmaxSquaredError;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A multi-layer perceptron: dense hidden layers with their activations, then a linear output
 * layer whose logits feed the head's loss. One training step is
 * {@link #forward}, {@link #loss} with a gradient, {@link #backward}; all three work in a
 * {@link Workspace} sized for the batch, so they allocate nothing. Threads may run passes over different
 * rows at once, each in its own workspace on its own one-thread GEMM (a layer's elementwise task object
 * is shared, but a one-thread pass never uses it).
 */
public final class Mlp {
    private final ModelConfig config;
    private final Dense[] layers;
    private final List<Parameter> parameters;

    private Mlp(ModelConfig config) {
        checkSize(config);
        this.config = config;
        int[] widths = config.widths();
        layers = new Dense[widths.length - 1];
        List<Parameter> params = new ArrayList<>();
        for (int l = 0; l < layers.length; l++) {
            Activation act = l < config.hidden().size() ? config.hidden().get(l).activation() : Activation.IDENTITY;
            Dense d = new Dense(widths[l], widths[l + 1], act, config.layout());
            layers[l] = d;
            params.add(new Parameter("layers." + l + ".weight", d.weight(), d.weightGrad(), d.weightShape(), true));
            params.add(new Parameter("layers." + l + ".bias", d.bias(), d.biasGrad(), new int[] {d.out()}, false));
        }
        parameters = Collections.unmodifiableList(params);
    }

    /**
     * The name and shape of every parameter {@code config} gives a network, in {@link #parameters()}
     * order, without allocating it (a reader checks a file against these first).
     */
    public static java.util.Map<String, int[]> parameterShapes(ModelConfig config) {
        int[] w = config.widths();
        java.util.Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
        for (int l = 0; l + 1 < w.length; l++) {
            shapes.put("layers." + l + ".weight", config.layout() == WeightLayout.IN_OUT
                    ? new int[] {w[l], w[l + 1]} : new int[] {w[l + 1], w[l]});
            shapes.put("layers." + l + ".bias", new int[] {w[l + 1]});
        }
        return shapes;
    }

    /** Refuses a configuration with more parameters than {@link Limits#maxParameters()}, before allocating any. */
    public static void checkSize(ModelConfig config) {
        long count = config.parameterCount();
        if (count > Limits.maxParameters()) {
            throw new IllegalArgumentException("model " + config.describe() + " has "
                    + (count == Long.MAX_VALUE ? "more than 2^63" : Long.toString(count))
                    + " parameters, more than the limit of " + Limits.maxParameters() + "; " + Limits.howToRaise(Limits.MAX_PARAMETERS));
        }
    }

    /** A network with all parameters zero (to be filled from a file). */
    public static Mlp zeros(ModelConfig config) {
        return new Mlp(config);
    }

    /** A network initialised by the configuration's initialiser from {@code seed}. */
    public static Mlp initialise(ModelConfig config, long seed) {
        Mlp m = new Mlp(config);
        Rng rng = new Rng(seed);
        for (Dense d : m.layers) {
            config.init().fill(rng, d.weight(), d.in(), d.out(), config.layout());
        }
        return m;
    }

    public ModelConfig config() { return config; }

    public int layerCount() { return layers.length; }

    public Dense layer(int index) { return layers[index]; }

    /** Weights and biases of every layer in order: layers.0.weight, layers.0.bias, layers.1.weight, ... */
    public List<Parameter> parameters() { return parameters; }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) n += p.size();
        return n;
    }

    public Workspace workspace(int capacity) {
        return new Workspace(config.widths(), capacity);
    }

    /** An independent network with the same configuration and parameter values. */
    public Mlp copy() {
        Mlp c = new Mlp(config);
        c.copyParametersFrom(this);
        return c;
    }

    /** Copies every parameter value of {@code other}, which must have the same configuration. */
    public void copyParametersFrom(Mlp other) {
        if (!other.config.equals(config)) {
            throw new IllegalArgumentException("cannot copy parameters between different models: "
                    + other.config.describe() + " into " + config.describe());
        }
        for (int i = 0; i < parameters.size(); i++) {
            float[] src = other.parameters.get(i).values();
            System.arraycopy(src, 0, parameters.get(i).values(), 0, src.length);
        }
    }

    /**
     * Into how many slabs of rows the first layer's product splits a forward pass of {@code rows}
     * rows (see {@link Gemm#rowSlabs}): a caller that copies the input rows first should copy them on
     * that many threads, so each thread's rows are already in its own cache.
     */
    public int inputRowSlabs(Gemm gemm, int rows) {
        return layers[0].forwardRowSlabs(gemm, rows);
    }

    /** Into how many slabs, along either axis, the first layer's product splits a forward pass of {@code rows} rows. */
    public int inputSlabs(Gemm gemm, int rows) {
        return layers[0].forwardSlabs(gemm, rows);
    }

    /** Forward pass of {@code rows} rows of x (stride = inputs) starting at {@code xOff}; logits end in the workspace. */
    public void forward(Gemm gemm, Workspace ws, float[] x, int xOff, int rows) {
        forward(gemm, ws, x, xOff, null, 0, rows);
    }

    /**
     * As above, x's values also given as 8-bit pixels from {@code pixelsOff} (null for none): the same
     * result; a product that streams its input may read the bytes (see {@link Gemm}).
     */
    public void forward(Gemm gemm, Workspace ws, float[] x, int xOff, byte[] pixels, int pixelsOff, int rows) {
        checkRows(ws, rows);
        DebugSwitches.stepStarted();
        layers[0].forward(gemm, x, xOff, pixels, pixelsOff, rows, ws.activations[0]);
        for (int l = 1; l < layers.length; l++) {
            layers[l].forward(gemm, ws.activations[l - 1], 0, rows, ws.activations[l]);
        }
    }

    /**
     * Loss of the last forward pass, summed over the rows in row order. With {@code gradient}, also
     * writes dLoss/dlogits times {@code gradScale} for {@link #backward} (1/rows gives the mean's
     * gradient, 1 the sum's). Probabilities are written to the workspace either way.
     */
    public double loss(Workspace ws, int rows, int[] labels, int labelsOff, boolean gradient, float gradScale) {
        float[] logits = ws.logits();
        float[] grad = gradient ? ws.gradients[layers.length - 1] : null;
        if (config.head() == Head.SOFTMAX_CROSS_ENTROPY) {
            int classes = config.classes();
            return SoftmaxCrossEntropy.forwardBackward(logits, 0, rows, classes, classes, labels, labelsOff,
                    ws.probabilities, grad, gradScale);
        }
        if (config.head() == Head.SOFTMAX_SQUARED_ERROR) {
            int classes = config.classes();
            return SoftmaxSquaredError.forwardBackward(logits, 0, rows, classes, classes, labels, labelsOff,
                    ws.probabilities, grad, gradScale);
        }
        float[] targets = ws.targets;
        for (int r = 0; r < rows; r++) targets[r] = labels[labelsOff + r];
        return SigmoidBinaryCrossEntropy.forwardBackward(logits, 0, rows, targets, 0, ws.probabilities, grad, gradScale);
    }

    /**
     * {@link #loss} and {@link #predict} in one pass, the softmax head's rows split over the pool's
     * threads; the same loss, gradient and predictions, bit for bit, as the two calls. With a
     * gradient, the softmax head leaves the probabilities unwritten (a training step never reads them).
     */
    public double lossAndPredict(KernelPool pool, Workspace ws, int rows, int[] labels, int labelsOff,
                                 boolean gradient, float gradScale, float threshold) {
        if (config.head() != Head.SOFTMAX_CROSS_ENTROPY) {
            double loss = loss(ws, rows, labels, labelsOff, gradient, gradScale);
            predict(ws, rows, threshold);
            return loss;
        }
        checkRows(ws, rows);
        return ws.softmaxHead.run(pool, ws, rows, config.classes(), labels, labelsOff, gradient, gradScale);
    }

    /** Backward pass after {@link #loss} with a gradient; fills every parameter's gradient. */
    public void backward(Gemm gemm, Workspace ws, float[] x, int xOff, int rows) {
        backward(gemm, ws, x, xOff, rows, false);
    }

    /**
     * As above; with {@code accumulate} the gradients of these rows are added to the stored ones, so
     * a batch too large to pass through the caches at once can be run in consecutive row blocks.
     */
    public void backward(Gemm gemm, Workspace ws, float[] x, int xOff, int rows, boolean accumulate) {
        for (int l = layers.length - 1; l >= 1; l--) {
            layers[l].backward(gemm, ws.activations[l - 1], 0, rows, ws.activations[l], ws.gradients[l],
                    ws.gradients[l - 1], accumulate);
        }
        layers[0].backward(gemm, x, xOff, rows, ws.activations[0], ws.gradients[0], null, accumulate);
        DebugSwitches.stepEnded();
    }

    /** A set of gradient arrays shaped like this network's parameters. */
    public Gradients newGradients() {
        return new Gradients(parameters);
    }

    /** As {@link #backward(Gemm, Workspace, float[], int, int, boolean)}, the gradients going to {@code into}. */
    public void backward(Gemm gemm, Workspace ws, float[] x, int xOff, int rows, Gradients into, boolean accumulate) {
        backward(gemm, ws, x, xOff, null, 0, rows, into, accumulate);
    }

    /** As above, x's values also given as pixels from {@code pixelsOff}, as in {@link #forward(Gemm, Workspace, float[], int, byte[], int, int)}. */
    public void backward(Gemm gemm, Workspace ws, float[] x, int xOff, byte[] pixels, int pixelsOff, int rows,
                         Gradients into, boolean accumulate) {
        if (into.count() != parameters.size()) {
            throw new IllegalArgumentException("gradients of " + into.count() + " arrays for a network of " + parameters.size());
        }
        for (int l = layers.length - 1; l >= 1; l--) {
            layers[l].backward(gemm, ws.activations[l - 1], 0, rows, ws.activations[l], ws.gradients[l],
                    ws.gradients[l - 1], into.weight(l), into.bias(l), accumulate);
        }
        layers[0].backward(gemm, x, xOff, pixels, pixelsOff, rows, ws.activations[0], ws.gradients[0], null, into.weight(0),
                into.bias(0), accumulate);
        DebugSwitches.stepEnded();
    }

    /**
     * Predicted classes of the last forward pass into {@link Workspace#predictions()}: the argmax of
     * the logits for softmax, {@code p >= threshold} for the sigmoid head.
     */
    public void predict(Workspace ws, int rows, float threshold) {
        if (config.head().softmax()) {
            int classes = config.classes();
            Reductions.rowArgmax(ws.logits(), 0, rows, classes, classes, ws.predictions, 0);
            return;
        }
        Activations.forward(Activation.SIGMOID, ws.logits(), 0, ws.probabilities, 0, rows);
        for (int r = 0; r < rows; r++) ws.predictions[r] = ws.probabilities[r] >= threshold ? 1 : 0;
    }

    /**
     * Probabilities of the last forward pass into {@link Workspace#probabilities()}: {@code rows x classes}
     * for softmax, {@code rows x 1} (probability of class 1) for the sigmoid head.
     */
    public void probabilities(Workspace ws, int rows) {
        if (config.head().softmax()) {
            int classes = config.classes();
            Reductions.rowArgmax(ws.logits(), 0, rows, classes, classes, ws.predictions, 0);
            // The fused kernel needs labels; the argmax serves, and its loss is ignored.
            SoftmaxCrossEntropy.forwardBackward(ws.logits(), 0, rows, classes, classes, ws.predictions, 0,
                    ws.probabilities, null, 1f);
        } else {
            Activations.forward(Activation.SIGMOID, ws.logits(), 0, ws.probabilities, 0, rows);
        }
    }

    private static void checkRows(Workspace ws, int rows) {
        if (rows < 1 || rows > ws.capacity()) {
            throw new IllegalArgumentException("batch of " + rows + " rows does not fit a workspace of " + ws.capacity());
        }
    }
}
