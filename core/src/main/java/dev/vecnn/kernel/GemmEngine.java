package dev.vecnn.kernel;

/** Computes a product whose arguments {@link Gemm} has checked; {@link SlowedGemm} decorates it for the gate's slow builds. */
interface GemmEngine {
    void run(GemmCall call);
}
