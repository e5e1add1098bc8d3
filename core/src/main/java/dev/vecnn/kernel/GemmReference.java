package dev.vecnn.kernel;

/**
 * The scalar oracle for {@link Gemm}: C = alpha * op(A) * op(B) + beta * C on row-major
 * arrays with offsets and leading dimensions, accumulated in double. Slow and obviously right;
 * tests compare every fast path against it.
 */
public final class GemmReference {
    private GemmReference() {}

    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                // beta == 0 must not read C: NaN already in C stays out of the result.
                double prior = beta == 0f ? 0 : (double) beta * c[ci];
                c[ci] = (float) (alpha * sum + prior);
            }
        }
    }
}
