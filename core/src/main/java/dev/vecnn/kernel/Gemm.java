package dev.vecnn.kernel;

/**
 * General matrix multiply on row-major flat arrays: C = alpha * op(A) * op(B) + beta * C,
 * op = identity or transpose. One instance per pool; it owns per-worker packing buffers, so an
 * instance must not be called from two threads at once.
 *
 * <p>The fused variant adds a bias row vector to every row of C and applies an activation on
 * write-back: C = act(alpha * op(A) * op(B) + beta * C + bias).
 */
public final class Gemm {
    private final KernelPool pool;

    public Gemm(KernelPool pool) {
        this.pool = pool;
    }

    public KernelPool pool() {
        return pool;
    }

    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        GemmReference.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    public void gemmBiasActivation(boolean transA, boolean transB, int m, int n, int k,
                                   float alpha, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc,
                                   float[] bias, int biasOff, Activation act) {
        gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (bias != null) {
                for (int j = 0; j < n; j++) {
                    c[row + j] += bias[biasOff + j];
                }
            }
            ActivationsReference.forward(act, c, row, c, row, n);
        }
    }
}
