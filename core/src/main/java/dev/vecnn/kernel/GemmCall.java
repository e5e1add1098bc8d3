package dev.vecnn.kernel;

/**
 * The operands of one product C = act(alpha op(A) op(B) + beta C + bias), checked by {@link Gemm} and
 * read by a formulation's slabs on every worker (published by the pool's region start). One instance
 * per {@link Gemm}, refilled by each call so a call allocates nothing.
 */
final class GemmCall {
    boolean transA, transB;
    int m, n, k;
    float alpha, beta;
    float[] a, b, c, bias;
    int aOff, lda, bOff, ldb, cOff, ldc, biasOff;
    Activation act;
    /** A bias or an activation to apply on write-back. */
    boolean epilogue;
    /**
     * A's values as 8-bit pixels (A's element at aOff is aPixels[aPixelsOff], same leading dimension), or
     * null. A formulation may stream these instead of a (the same values: {@link PixelDecode}).
     */
    byte[] aPixels;
    int aPixelsOff;
    /** The axis of C the caller asked its slabs to be cut along. */
    SplitAxis axis = SplitAxis.EITHER;

    void set(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
             float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
             float[] bias, int biasOff, Activation act) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        this.bias = bias;
        this.biasOff = biasOff;
        this.act = act;
        this.epilogue = bias != null || act != Activation.IDENTITY;
        this.aPixels = null;
        this.aPixelsOff = 0;
        this.axis = SplitAxis.EITHER;
    }

    /**
     * This call's transpose C^T = op(B)^T op(A)^T into {@code into}: operands exchanged and each
     * transpose flipped, C^T written to {@code ct} (m x n of the swapped shape, leading dimension its n),
     * beta 0 and no epilogue (the caller applies both when it writes C^T back into C).
     */
    void transposeInto(GemmCall into, float[] ct) {
        into.set(!transB, !transA, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, 0f, ct, 0, m,
                null, 0, Activation.IDENTITY);
    }

    /** Drops the array references so a finished call keeps no caller's data alive. */
    void clear() {
        a = null;
        b = null;
        c = null;
        bias = null;
        aPixels = null;
    }
}
