package dev.vecnn.nn;

import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Activations;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.Reductions;

/**
 * A fully connected layer y = act(x W + b) over the kernels. Rows of x are examples. The weight
 * matrix is stored in either {@link WeightLayout}; the GEMM transpose flags absorb the difference.
 * Holds its parameters and their gradients; activations live in a {@link Workspace}.
 */
public final class Dense {
    private final int in;
    private final int out;
    private final Activation activation;
    private final WeightLayout layout;
    private final float[] weight;
    private final float[] bias;
    private final float[] weightGrad;
    private final float[] biasGrad;
    private final ActivationBackwardTask activationBackward = new ActivationBackwardTask();

    public Dense(int in, int out, Activation activation, WeightLayout layout) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("dense layer needs positive sizes, got " + in + " x " + out);
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.layout = layout;
        this.weight = new float[Math.multiplyExact(in, out)];
        this.bias = new float[out];
        this.weightGrad = new float[weight.length];
        this.biasGrad = new float[out];
    }

    public int in() { return in; }
    public int out() { return out; }
    public Activation activation() { return activation; }
    public WeightLayout layout() { return layout; }
    public float[] weight() { return weight; }
    public float[] bias() { return bias; }
    public float[] weightGrad() { return weightGrad; }
    public float[] biasGrad() { return biasGrad; }

    /** Index in {@link #weight()} of the weight from input {@code i} to unit {@code j}. */
    public int weightIndex(int i, int j) {
        return layout == WeightLayout.IN_OUT ? i * out + j : j * in + i;
    }

    /** Shape of the stored weight matrix. */
    public int[] weightShape() {
        return layout == WeightLayout.IN_OUT ? new int[] {in, out} : new int[] {out, in};
    }

    /** y[rows x out] = act(x[rows x in] W + b); x rows start at {@code xOff} with stride {@code in}. */
    public void forward(Gemm gemm, float[] x, int xOff, int rows, float[] y) {
        forward(gemm, x, xOff, null, 0, rows, y);
    }

    /** As above, x's values also given as pixels from {@code pixelsOff} (null for none; see {@link Gemm}). */
    public void forward(Gemm gemm, float[] x, int xOff, byte[] pixels, int pixelsOff, int rows, float[] y) {
        boolean transposed = layout == WeightLayout.OUT_IN;
        gemm.gemmBiasActivation(false, transposed, rows, out, in,
                1f, x, xOff, in, pixels, pixelsOff,
                weight, 0, transposed ? in : out,
                0f, y, 0, out,
                bias, 0, activation);
    }

    /** The row slabs of {@link #forward}'s product over {@code rows} rows (see {@link Gemm#rowSlabs}). */
    public int forwardRowSlabs(Gemm gemm, int rows) {
        return gemm.rowSlabs(false, layout == WeightLayout.OUT_IN, rows, out, in);
    }

    /** The slabs, along either axis, of {@link #forward}'s product over {@code rows} rows (see {@link Gemm#slabs}). */
    public int forwardSlabs(Gemm gemm, int rows) {
        return gemm.slabs(false, layout == WeightLayout.OUT_IN, rows, out, in);
    }

    /**
     * Backward pass. On entry {@code dy} holds dLoss/dy for {@code rows} rows; it is turned into
     * dLoss/d(pre-activation) in place. Fills the weight and bias gradients and, when {@code dx} is
     * not null, dLoss/dx (the first layer passes null: nobody needs the input gradient).
     */
    public void backward(Gemm gemm, float[] x, int xOff, int rows, float[] y, float[] dy, float[] dx) {
        backward(gemm, x, xOff, rows, y, dy, dx, false);
    }

    /** As above; with {@code accumulate} the weight and bias gradients of these rows are added to the stored ones. */
    public void backward(Gemm gemm, float[] x, int xOff, int rows, float[] y, float[] dy, float[] dx,
                         boolean accumulate) {
        backward(gemm, x, xOff, rows, y, dy, dx, weightGrad, biasGrad, accumulate);
    }

    /** As above, the weight and bias gradients written to (or added to) the given arrays instead of the layer's own. */
    public void backward(Gemm gemm, float[] x, int xOff, int rows, float[] y, float[] dy, float[] dx,
                         float[] weightGrad, float[] biasGrad, boolean accumulate) {
        backward(gemm, x, xOff, null, 0, rows, y, dy, dx, weightGrad, biasGrad, accumulate);
    }

    /** As above, x's values also given as pixels from {@code pixelsOff} (null for none; see {@link Gemm}). */
    public void backward(Gemm gemm, float[] x, int xOff, byte[] pixels, int pixelsOff, int rows, float[] y, float[] dy,
                         float[] dx, float[] weightGrad, float[] biasGrad, boolean accumulate) {
        if (weightGrad.length != weight.length || biasGrad.length != out) {
            throw new IllegalArgumentException("gradient arrays of " + weightGrad.length + " and " + biasGrad.length
                    + " values for a " + in + " x " + out + " layer");
        }
        float beta = accumulate ? 1f : 0f;
        if (activation != Activation.IDENTITY) {
            activationBackward(gemm.pool(), y, dy, rows);
        }
        if (layout == WeightLayout.IN_OUT) {
            // dW[in x out] = x^T dz
            gemm.gemm(true, false, in, out, rows, 1f, x, xOff, in, pixels, pixelsOff, dy, 0, out, beta, weightGrad, 0, out);
        } else {
            // dW[out x in] = dz^T x
            gemm.gemm(true, false, out, in, rows, 1f, dy, 0, out, x, xOff, in, beta, weightGrad, 0, in);
        }
        Reductions.columnSums(dy, 0, rows, out, out, biasGrad, 0, accumulate);
        if (dx != null) {
            if (layout == WeightLayout.IN_OUT) {
                gemm.gemm(false, true, rows, in, out, 1f, dy, 0, out, weight, 0, out, 0f, dx, 0, in);
            } else {
                gemm.gemm(false, false, rows, in, out, 1f, dy, 0, out, weight, 0, in, 0f, dx, 0, in);
            }
        }
    }

    private void activationBackward(KernelPool pool, float[] y, float[] dy, int rows) {
        int tasks = pool.elementwiseParts((long) rows * out);
        if (tasks == 1) {
            Activations.backward(activation, y, 0, dy, 0, dy, 0, rows * out);
            return;
        }
        activationBackward.set(y, dy, rows, tasks);
        pool.run(tasks, activationBackward);
        activationBackward.set(null, null, 0, 0); // drop references to the buffers
    }

    /** Reused across steps so a parallel pass allocates nothing. */
    private final class ActivationBackwardTask implements KernelPool.Task {
        private float[] y;
        private float[] dy;
        private int rows;
        private int tasks;

        void set(float[] y, float[] dy, int rows, int tasks) {
            this.y = y;
            this.dy = dy;
            this.rows = rows;
            this.tasks = tasks;
        }

        @Override
        public void run(int worker, int index) {
            int r0 = KernelPool.partStart(rows, tasks, index, 1);
            int r1 = KernelPool.partStart(rows, tasks, index + 1, 1);
            int off = r0 * out;
            Activations.backward(activation, y, off, dy, off, dy, off, (r1 - r0) * out);
        }
    }
}
