package dev.vecnn.bench.layout;

import dev.vecnn.kernel.Activation;

/**
 * C = act(op(A) op(B) + bias) with bias added to every row of C (bias may be null): the one GEMM
 * form a dense layer needs (alpha 1, beta 0). Implementations differ in how they multiply.
 */
public interface Matmul {
    void multiply(boolean transA, boolean transB, int m, int n, int k,
                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                  float[] c, int cOff, int ldc, float[] bias, Activation act);

    /** The three engines the layout benchmarks compare. */
    enum Engine {
        /** vecnn's packed, blocked, threaded {@link dev.vecnn.kernel.Gemm}, epilogue fused into its write-back. */
        PACKED,
        /** {@link UnpackedGemm}: a plain Vector API row-times-matrix loop, no packing, one thread. */
        UNPACKED,
        /** {@link dev.vecnn.kernel.GemmReference}: the scalar oracle, one thread. */
        REFERENCE
    }
}
