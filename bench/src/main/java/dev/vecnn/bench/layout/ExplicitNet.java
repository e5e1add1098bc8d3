package dev.vecnn.bench.layout;

import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Activations;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.Reductions;
import dev.vecnn.kernel.SigmoidBinaryCrossEntropy;
import dev.vecnn.kernel.SoftmaxCrossEntropy;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.WeightLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The same network as {@link Mlp}, written out in the benchmark module so the choices the library
 * fixes can be varied: activations batch-major ({@code rows x features}, as in Mlp) or
 * feature-major ({@code features x rows}: every product transposed, Y^T = W^T X^T), the GEMM
 * {@link Matmul} engine, and the bias and activation fused into the GEMM write-back or run as
 * separate passes afterwards (a bias pass, then {@link Activations#forward}).
 *
 * <p>Feature-major notes: the bias broadcasts along rows of Y^T, which the GEMM's column-wise
 * bias cannot do, so it always runs as one pass of bias plus activation per row; the softmax
 * kernel works on rows, so the 10 x rows logits are transposed into a rows x 10 scratch and the
 * gradient transposed back (the sigmoid head's 1 x rows logits need no transpose).
 */
public final class ExplicitNet implements Net {
    /** How activations (and the input) are stored. */
    public enum Orientation { BATCH_MAJOR, FEATURE_MAJOR }

    /** Where the bias and activation run. */
    public enum Epilogue { FUSED, SEPARATE }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private final Orientation orientation;
    private final Epilogue epilogue;
    private final Matmul mm;
    private final KernelPool pool;
    private final WeightLayout layout;
    private final Head head;
    private final int rows;
    private final int classes;
    private final int[] widths;
    private final Activation[] acts;
    private final float[][] w, b, dw, db;
    private final float[][] act, grad;
    private final float[] input;
    private final SyntheticData data;
    private final float[] probs;
    private final float[] logitsScratch, gradScratch;
    private final SgdUpdate sgd;
    private final Pass pass = new Pass();

    /**
     * @param model  supplies the configuration and the initial parameter values (copied)
     * @param engine the GEMM; anything but the packed Gemm must be used with a one-thread pool
     */
    public ExplicitNet(Mlp model, Matmul engine, KernelPool pool, Orientation orientation, Epilogue epilogue,
                       SyntheticData data, float learningRate, float momentum) {
        if (orientation == Orientation.FEATURE_MAJOR && epilogue == Epilogue.FUSED) {
            throw new IllegalArgumentException("feature-major layers cannot fuse the bias into the GEMM write-back"
                    + " (the bias runs along rows of Y^T): use Epilogue.SEPARATE");
        }
        ModelConfig cfg = model.config();
        this.orientation = orientation;
        this.epilogue = epilogue;
        this.mm = engine;
        this.pool = pool;
        this.layout = cfg.layout();
        this.head = cfg.head();
        this.data = data;
        this.rows = data.rows;
        this.widths = cfg.widths();
        this.classes = cfg.outputs();
        int layers = widths.length - 1;
        acts = new Activation[layers];
        w = new float[layers][];
        b = new float[layers][];
        dw = new float[layers][];
        db = new float[layers][];
        act = new float[layers][];
        grad = new float[layers][];
        float[][] values = new float[2 * layers][], grads = new float[2 * layers][];
        for (int l = 0; l < layers; l++) {
            acts[l] = model.layer(l).activation();
            w[l] = model.layer(l).weight().clone();
            b[l] = model.layer(l).bias().clone();
            dw[l] = new float[w[l].length];
            db[l] = new float[b[l].length];
            act[l] = new float[rows * widths[l + 1]];
            grad[l] = new float[rows * widths[l + 1]];
            values[2 * l] = w[l];
            values[2 * l + 1] = b[l];
            grads[2 * l] = dw[l];
            grads[2 * l + 1] = db[l];
        }
        input = orientation == Orientation.BATCH_MAJOR ? data.x : data.xT();
        probs = new float[rows * classes];
        boolean transposeLoss = orientation == Orientation.FEATURE_MAJOR && head == Head.SOFTMAX_CROSS_ENTROPY;
        logitsScratch = transposeLoss ? new float[rows * classes] : null;
        gradScratch = transposeLoss ? new float[rows * classes] : null;
        sgd = new SgdUpdate(pool, values, grads, learningRate, momentum);
    }

    @Override
    public void forward() {
        for (int l = 0; l < w.length; l++) {
            float[] in = l == 0 ? input : act[l - 1];
            if (orientation == Orientation.BATCH_MAJOR) forwardBatchMajor(l, in);
            else forwardFeatureMajor(l, in);
        }
    }

    private void forwardBatchMajor(int l, float[] in) {
        int n = widths[l], out = widths[l + 1];
        boolean t = layout == WeightLayout.OUT_IN;
        if (epilogue == Epilogue.FUSED) {
            mm.multiply(false, t, rows, out, n, in, 0, n, w[l], 0, t ? n : out, act[l], 0, out, b[l], acts[l]);
        } else {
            mm.multiply(false, t, rows, out, n, in, 0, n, w[l], 0, t ? n : out, act[l], 0, out, null, Activation.IDENTITY);
            pass.run(Pass.BIAS_ROWS, l, rows, (long) rows * out);
            if (acts[l] != Activation.IDENTITY) pass.run(Pass.ACTIVATE, l, rows * out, (long) rows * out);
        }
    }

    private void forwardFeatureMajor(int l, float[] in) {
        int n = widths[l], out = widths[l + 1];
        // Y^T (out x rows) = W^T X^T: W stored in x out is read transposed; out x in is W^T already.
        boolean t = layout == WeightLayout.IN_OUT;
        mm.multiply(t, false, out, rows, n, w[l], 0, t ? out : n, in, 0, rows, act[l], 0, rows, null, Activation.IDENTITY);
        pass.run(Pass.FEATURE_BIAS_ACTIVATE, l, out, (long) rows * out);
    }

    @Override
    public double loss() {
        int last = w.length - 1;
        float scale = 1f / rows;
        double total;
        if (head == Head.SIGMOID_BINARY_CROSS_ENTROPY) { // one output: 1 x rows is rows x 1
            total = SigmoidBinaryCrossEntropy.forwardBackward(act[last], 0, rows, data.targets, 0, probs, grad[last], scale);
        } else if (orientation == Orientation.BATCH_MAJOR) {
            total = SoftmaxCrossEntropy.forwardBackward(act[last], 0, rows, classes, classes, data.labels, 0,
                    probs, grad[last], scale);
        } else {
            transpose(act[last], classes, rows, logitsScratch);
            total = SoftmaxCrossEntropy.forwardBackward(logitsScratch, 0, rows, classes, classes, data.labels, 0,
                    probs, gradScratch, scale);
            transpose(gradScratch, rows, classes, grad[last]);
        }
        return total / rows;
    }

    /** dst (cols x rs) = src (rs x cols)^T. */
    private static void transpose(float[] src, int rs, int cols, float[] dst) {
        for (int i = 0; i < rs; i++) {
            for (int j = 0; j < cols; j++) dst[j * rs + i] = src[i * cols + j];
        }
    }

    @Override
    public void backward() {
        for (int l = w.length - 1; l >= 0; l--) {
            float[] in = l == 0 ? input : act[l - 1];
            float[] dIn = l == 0 ? null : grad[l - 1];
            int n = widths[l], out = widths[l + 1];
            if (acts[l] != Activation.IDENTITY) pass.run(Pass.ACTIVATE_BACKWARD, l, rows * out, (long) rows * out);
            boolean inOut = layout == WeightLayout.IN_OUT;
            if (orientation == Orientation.BATCH_MAJOR) {
                if (inOut) mm.multiply(true, false, n, out, rows, in, 0, n, grad[l], 0, out, dw[l], 0, out, null, Activation.IDENTITY);
                else mm.multiply(true, false, out, n, rows, grad[l], 0, out, in, 0, n, dw[l], 0, n, null, Activation.IDENTITY);
                Reductions.columnSums(grad[l], 0, rows, out, out, db[l], 0);
                if (dIn != null) {
                    if (inOut) mm.multiply(false, true, rows, n, out, grad[l], 0, out, w[l], 0, out, dIn, 0, n, null, Activation.IDENTITY);
                    else mm.multiply(false, false, rows, n, out, grad[l], 0, out, w[l], 0, n, dIn, 0, n, null, Activation.IDENTITY);
                }
            } else {
                // dW = X^T dZ from X^T (n x rows) and dZ^T (out x rows): both read along rows.
                if (inOut) mm.multiply(false, true, n, out, rows, in, 0, rows, grad[l], 0, rows, dw[l], 0, out, null, Activation.IDENTITY);
                else mm.multiply(false, true, out, n, rows, grad[l], 0, rows, in, 0, rows, dw[l], 0, n, null, Activation.IDENTITY);
                pass.run(Pass.ROW_SUMS, l, out, (long) rows * out);
                if (dIn != null) { // dX^T (n x rows) = W dZ^T
                    if (inOut) mm.multiply(false, false, n, rows, out, w[l], 0, out, grad[l], 0, rows, dIn, 0, rows, null, Activation.IDENTITY);
                    else mm.multiply(true, false, n, rows, out, w[l], 0, n, grad[l], 0, rows, dIn, 0, rows, null, Activation.IDENTITY);
                }
            }
        }
    }

    @Override
    public void update() {
        sgd.run();
    }

    @Override
    public float[] logits() {
        float[] z = act[w.length - 1];
        if (orientation == Orientation.BATCH_MAJOR || classes == 1) return z.clone();
        float[] out = new float[z.length];
        transpose(z, classes, rows, out);
        return out;
    }

    @Override
    public float[][] values() {
        return interleave(w, b);
    }

    @Override
    public float[][] gradients() {
        return interleave(dw, db);
    }

    private static float[][] interleave(float[][] weights, float[][] biases) {
        float[][] r = new float[2 * weights.length][];
        for (int l = 0; l < weights.length; l++) {
            r[2 * l] = weights[l];
            r[2 * l + 1] = biases[l];
        }
        return r;
    }

    /** The elementwise passes, split over the pool by {@link KernelPool#elementwiseParts}; reused, so nothing is allocated. */
    private final class Pass implements KernelPool.Task {
        static final int BIAS_ROWS = 0, ACTIVATE = 1, ACTIVATE_BACKWARD = 2, FEATURE_BIAS_ACTIVATE = 3, ROW_SUMS = 4;
        private int mode, layer, length, tasks;

        /** Runs {@code mode} over [0, length) (rows, elements or feature rows) of layer {@code l}. */
        void run(int mode, int l, int length, long elements) {
            this.mode = mode;
            this.layer = l;
            this.length = length;
            this.tasks = (int) Math.min(pool.elementwiseParts(elements), length);
            if (tasks == 1) run(0, 0);
            else pool.run(tasks, this);
        }

        @Override
        public void run(int worker, int index) {
            int from = KernelPool.partStart(length, tasks, index, 1), to = KernelPool.partStart(length, tasks, index + 1, 1);
            int l = layer, out = widths[l + 1];
            float[] y = act[l];
            switch (mode) {
                case BIAS_ROWS -> {
                    for (int r = from; r < to; r++) UnpackedGemm.epilogue(y, r * out, out, b[l], Activation.IDENTITY);
                }
                case ACTIVATE -> Activations.forward(acts[l], y, from, y, from, to - from);
                case ACTIVATE_BACKWARD -> Activations.backward(acts[l], y, from, grad[l], from, grad[l], from, to - from);
                case FEATURE_BIAS_ACTIVATE -> {
                    for (int j = from; j < to; j++) {
                        addScalar(y, j * rows, rows, b[l][j]);
                        if (acts[l] != Activation.IDENTITY) Activations.forward(acts[l], y, j * rows, y, j * rows, rows);
                    }
                }
                case ROW_SUMS -> {
                    for (int j = from; j < to; j++) db[l][j] = rowSum(grad[l], j * rows, rows);
                }
                default -> throw new IllegalStateException("unknown pass " + mode);
            }
        }
    }

    private static void addScalar(float[] x, int off, int len, float v) {
        FloatVector bv = FloatVector.broadcast(S, v);
        for (int i = 0; i < len; i += L) {
            VectorMask<Float> m = S.indexInRange(i, len);
            FloatVector.fromArray(S, x, off + i, m).add(bv).intoArray(x, off + i, m);
        }
    }

    private static float rowSum(float[] x, int off, int len) {
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < len; i += L) {
            VectorMask<Float> m = S.indexInRange(i, len);
            acc = acc.add(FloatVector.fromArray(S, x, off + i, m));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
