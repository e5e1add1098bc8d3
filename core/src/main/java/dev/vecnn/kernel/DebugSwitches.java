package dev.vecnn.kernel;

import java.util.Locale;

/**
 * Switches that deliberately slow a kernel down, read once at class load. They exist to prove
 * that the performance-regression gate ({@code bench/gate}) fails on a slow build; results stay
 * correct, only the speed changes. Nothing sets them by default.
 *
 * <ul>
 *   <li>{@code -Dvecnn.slow=gemm}: every {@link Gemm} call runs the scalar {@link GemmReference}
 *       followed by a separate bias and activation pass, instead of the packed or dot kernels
 *       (about 30 times slower);</li>
 *   <li>{@code -Dvecnn.slow=gemm2x}: every {@link Gemm} call with beta 0 (all of vecnn's) computes
 *       its result twice, the kernels unchanged: exactly twice the GEMM time, the same bits.</li>
 * </ul>
 */
public final class DebugSwitches {
    /** The system property naming the kernels to slow down (comma-separated; only "gemm" exists). */
    public static final String PROPERTY = "vecnn.slow";

    /** True when {@code -Dvecnn.slow} names gemm. */
    public static final boolean SLOW_GEMM = names(System.getProperty(PROPERTY, ""), "gemm");

    /** True when {@code -Dvecnn.slow} names gemm2x. */
    public static final boolean DOUBLE_GEMM = names(System.getProperty(PROPERTY, ""), "gemm2x");

    /** Any GEMM switch: the one flag {@link Gemm} tests (a constant, so the JIT drops the test). */
    static final boolean SLOW = SLOW_GEMM || DOUBLE_GEMM;

    /** Set while gemm2x runs the first of the two computations, so that one is not doubled again. */
    private static final ThreadLocal<boolean[]> REPEATING = ThreadLocal.withInitial(() -> new boolean[1]);

    private DebugSwitches() {}

    static boolean names(String value, String kernel) {
        for (String part : value.toLowerCase(Locale.ROOT).split(",")) {
            if (part.trim().equals(kernel)) return true;
        }
        return false;
    }

    /**
     * The slow GEMM, called first thing by {@link Gemm#gemmBiasActivation} when {@link #SLOW} is set.
     * Returns true when it has done the call (Gemm returns at once), false to let Gemm run it as usual.
     */
    static boolean slowGemm(Gemm gemm, boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc, float[] bias, int biasOff, Activation act) {
        if (SLOW_GEMM) {
            GemmReference.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            if (bias != null || act != Activation.IDENTITY) {
                for (int i = 0; i < m; i++) {
                    Activations.biasActivate(c, cOff + i * ldc, n, bias, biasOff, act);
                }
            }
            return true;
        }
        // gemm2x: with beta 0 the result does not read C, so computing it twice gives the same bits.
        boolean[] repeating = REPEATING.get();
        if (beta != 0f || repeating[0]) return false;
        repeating[0] = true;
        try {
            gemm.gemmBiasActivation(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    bias, biasOff, act);
        } finally {
            repeating[0] = false;
        }
        return false;
    }
}
