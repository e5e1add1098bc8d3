package dev.vecnn.bench.layout;

import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.GemmReference;

/** The scalar oracle, then the bias and activation row by row. */
public final class ReferenceMatmul implements Matmul {
    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc, float[] bias, Activation act) {
        GemmReference.gemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 0f, c, cOff, ldc);
        if (bias != null || act != Activation.IDENTITY) {
            for (int i = 0; i < m; i++) UnpackedGemm.epilogue(c, cOff + i * ldc, n, bias, act);
        }
    }
}
