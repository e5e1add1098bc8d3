package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Elementwise activations, forward and backward (see {@link ActivationsReference} for the meaning).
 * Single-threaded: callers split rows across the pool. The tail is processed with a masked vector
 * and the same arithmetic, so an element's result does not depend on where a range starts or ends.
 */
public final class Activations {
    private Activations() {}

    /** y = f(x), elementwise; x and y may be the same range. */
    public static void forward(Activation f, float[] x, int xOff, float[] y, int yOff, int len) {
        switch (f) {
            case IDENTITY -> {
                if (x != y || xOff != yOff) System.arraycopy(x, xOff, y, yOff, len);
            }
            case RELU -> relu(x, xOff, y, yOff, len);
            case SIGMOID -> sigmoid(x, xOff, y, yOff, len);
            case TANH -> tanh(x, xOff, y, yOff, len);
        }
    }

    /** dx = dy * f'(x), with f' written through the stored output y = f(x); dy and dx may alias. */
    public static void backward(Activation f, float[] y, int yOff, float[] dy, int dyOff,
                                float[] dx, int dxOff, int len) {
        switch (f) {
            case IDENTITY -> {
                if (dy != dx || dyOff != dxOff) System.arraycopy(dy, dyOff, dx, dxOff, len);
            }
            case RELU -> reluBackward(y, yOff, dy, dyOff, dx, dxOff, len);
            case SIGMOID -> sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, len);
            case TANH -> tanhBackward(y, yOff, dy, dyOff, dx, dxOff, len);
        }
    }

    private static void relu(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(i, len);
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i, m);
            // v > 0 ? v : 0, as in the reference: NaN and -0 become +0
            FloatVector.zero(SPECIES).blend(v, v.compare(jdk.incubator.vector.VectorOperators.GT, 0f))
                    .intoArray(y, yOff + i, m);
        }
    }

    private static void sigmoid(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(i, len);
            VectorMath.sigmoid(FloatVector.fromArray(SPECIES, x, xOff + i, m)).intoArray(y, yOff + i, m);
        }
    }

    private static void tanh(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(i, len);
            VectorMath.tanh(FloatVector.fromArray(SPECIES, x, xOff + i, m)).intoArray(y, yOff + i, m);
        }
    }

    private static void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int len) {
        for (int i = 0; i < len; i += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(i, len);
            FloatVector out = FloatVector.fromArray(SPECIES, y, yOff + i, m);
            FloatVector g = FloatVector.fromArray(SPECIES, dy, dyOff + i, m);
            FloatVector.zero(SPECIES).blend(g, out.compare(jdk.incubator.vector.VectorOperators.GT, 0f))
                    .intoArray(dx, dxOff + i, m);
        }
    }

    private static void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int len) {
        for (int i = 0; i < len; i += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(i, len);
            FloatVector out = FloatVector.fromArray(SPECIES, y, yOff + i, m);
            FloatVector g = FloatVector.fromArray(SPECIES, dy, dyOff + i, m);
            // (g * out) * (1 - out): the reference's order of operations
            g.mul(out).mul(FloatVector.broadcast(SPECIES, 1f).sub(out)).intoArray(dx, dxOff + i, m);
        }
    }

    private static void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int len) {
        for (int i = 0; i < len; i += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(i, len);
            FloatVector out = FloatVector.fromArray(SPECIES, y, yOff + i, m);
            FloatVector g = FloatVector.fromArray(SPECIES, dy, dyOff + i, m);
            g.mul(FloatVector.broadcast(SPECIES, 1f).sub(out.mul(out))).intoArray(dx, dxOff + i, m);
        }
    }

    /** c[j] = f(c[j] + bias[j]) for one row of n values (bias may be null): the GEMM epilogue. */
    static void biasActivate(float[] c, int off, int n, float[] bias, int biasOff, Activation f) {
        if (bias != null) {
            for (int j = 0; j < n; j += LANES) {
                VectorMask<Float> m = SPECIES.indexInRange(j, n);
                FloatVector.fromArray(SPECIES, c, off + j, m)
                        .add(FloatVector.fromArray(SPECIES, bias, biasOff + j, m))
                        .intoArray(c, off + j, m);
            }
        }
        if (f != Activation.IDENTITY) {
            forward(f, c, off, c, off, n);
        }
    }
}
