package dev.vecnn.kernel;

import java.util.Locale;

/**
 * Switches that deliberately slow a kernel down, read once at class load. They exist to prove
 * that the performance-regression gate ({@code bench/gate}) fails on a slow build; results stay
 * correct, only the speed changes. Nothing sets them by default.
 *
 * <p>{@code -Dvecnn.slow=gemm}: every {@link Gemm} call runs the scalar {@link GemmReference}
 * followed by a separate bias and activation pass, instead of the packed or dot kernels.
 */
public final class DebugSwitches {
    /** The system property naming the kernels to slow down (comma-separated; only "gemm" exists). */
    public static final String PROPERTY = "vecnn.slow";

    /** True when {@code -Dvecnn.slow} names gemm. */
    public static final boolean SLOW_GEMM = names(System.getProperty(PROPERTY, ""), "gemm");

    private DebugSwitches() {}

    static boolean names(String value, String kernel) {
        for (String part : value.toLowerCase(Locale.ROOT).split(",")) {
            if (part.trim().equals(kernel)) return true;
        }
        return false;
    }

    /** The slow GEMM: the scalar oracle, then bias and activation row by row (same meaning as Gemm's). */
    static void slowGemm(boolean transA, boolean transB, int m, int n, int k,
                         float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc, float[] bias, int biasOff, Activation act) {
        GemmReference.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        if (bias != null || act != Activation.IDENTITY) {
            for (int i = 0; i < m; i++) {
                Activations.biasActivate(c, cOff + i * ldc, n, bias, biasOff, act);
            }
        }
    }
}
