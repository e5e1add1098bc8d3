package dev.vecnn.kernel;

/** Column sums (bias gradients), row argmax (predictions) and the SGD parameter update. */
public final class Reductions {
    private Reductions() {}

    /** out[j] = sum over rows i of a[i][j], added in row order (independent of threads). */
    public static void columnSums(float[] a, int aOff, int rows, int cols, int lda, float[] out, int outOff) {
        ReductionsReference.columnSums(a, aOff, rows, cols, lda, out, outOff);
    }

    /** out[i] = index of the largest entry of row i (first one on ties). */
    public static void rowArgmax(float[] a, int aOff, int rows, int cols, int lda, int[] out, int outOff) {
        ReductionsReference.rowArgmax(a, aOff, rows, cols, lda, out, outOff);
    }

    /**
     * One SGD step with optional classical momentum and L1/L2 terms:
     * d = g + l1 * sign(w) + l2 * w; with v: v = momentum * v - lr * d, w += v; without (v null): w -= lr * d.
     * {@code l2} is the coefficient of w in the gradient (the caller decides whether the penalty is
     * lambda*|w|^2 or lambda/2*|w|^2).
     */
    public static void sgdStep(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int len,
                               float lr, float momentum, float l1, float l2) {
        ReductionsReference.sgdStep(w, wOff, g, gOff, v, vOff, len, lr, momentum, l1, l2);
    }
}
