package dev.vecnn.bench.layout;

import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;

/** vecnn's {@link Gemm}, with the bias and activation fused into its write-back. */
public final class PackedMatmul implements Matmul {
    private final Gemm gemm;

    public PackedMatmul(Gemm gemm) {
        this.gemm = gemm;
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc, float[] bias, Activation act) {
        gemm.gemmBiasActivation(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 0f, c, cOff, ldc,
                bias, 0, act);
    }
}
