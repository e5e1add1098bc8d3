package dev.vecnn.kernel;

/**
 * The gate's deliberately slow builds ({@link DebugSwitches}): every product computed by the scalar
 * reference ({@code gemm}), twice ({@code gemm2x}, beta 0 only, so the bits stay), or followed by a spin
 * of F - 1 times its own duration ({@code gemm:F}). Results are unchanged, bit for bit.
 */
final class SlowedGemm implements GemmEngine {
    private final GemmEngine inner;

    private SlowedGemm(GemmEngine inner) {
        this.inner = inner;
    }

    /** {@code engine} itself unless {@code -Dvecnn.slow} names a GEMM switch. */
    static GemmEngine wrapIfAsked(GemmEngine engine) {
        boolean slow = DebugSwitches.SLOW_GEMM || DebugSwitches.DOUBLE_GEMM || DebugSwitches.GEMM_FACTOR > 1;
        return slow ? new SlowedGemm(engine) : engine;
    }

    @Override
    public void run(GemmCall q) {
        if (DebugSwitches.SLOW_GEMM) {
            GemmReference.gemm(q.transA, q.transB, q.m, q.n, q.k, q.alpha, q.a, q.aOff, q.lda, q.b, q.bOff, q.ldb,
                    q.beta, q.c, q.cOff, q.ldc);
            if (q.epilogue) {
                for (int i = 0; i < q.m; i++) Activations.biasActivate(q.c, q.cOff + i * q.ldc, q.n, q.bias, q.biasOff, q.act);
            }
            return;
        }
        long start = System.nanoTime();
        inner.run(q);
        if (DebugSwitches.DOUBLE_GEMM && q.beta == 0f) inner.run(q);
        DebugSwitches.stretch(start, DebugSwitches.GEMM_FACTOR);
    }
}
