package dev.vecnn.kernel;

import java.util.Locale;

/**
 * Switches that deliberately slow a kernel down, read once at class load. They exist to prove
 * that the performance-regression gate ({@code bench/gate}) catches slow builds, and to measure how
 * small a slowdown it catches; results stay correct bit for bit, only the speed changes. Nothing
 * sets them by default; {@link SlowedGemm} applies the GEMM ones. {@code -Dvecnn.slow} takes a comma-separated list of:
 *
 * <ul>
 *   <li>{@code gemm}: every {@link Gemm} call runs the scalar {@link GemmReference} followed by a
 *       separate bias and activation pass, instead of the packed or dot kernels (about 30 times slower);</li>
 *   <li>{@code gemm2x}: every {@link Gemm} call with beta 0 (all of vecnn's) computes its result
 *       twice, the kernels unchanged;</li>
 *   <li>{@code gemm:F} (F &gt; 1, for example {@code gemm:1.10}): every {@link Gemm} call, once done,
 *       spins for F - 1 times its own duration, so each GEMM takes F times as long;</li>
 *   <li>{@code step:F}: the same for a training step's forward-to-backward span ({@link #stepStarted}
 *       at the start of the forward pass, {@link #stepEnded} after the backward pass).</li>
 * </ul>
 */
public final class DebugSwitches {
    /** The system property naming the kernels to slow down. */
    public static final String PROPERTY = "vecnn.slow";

    private static final String VALUE = System.getProperty(PROPERTY, "");

    /** True when {@code -Dvecnn.slow} names gemm. */
    public static final boolean SLOW_GEMM = names(VALUE, "gemm");

    /** True when {@code -Dvecnn.slow} names gemm2x. */
    public static final boolean DOUBLE_GEMM = names(VALUE, "gemm2x");

    /** The factor of {@code gemm:F}, 1 when absent. */
    static final double GEMM_FACTOR = factor(VALUE, "gemm");

    /** The factor of {@code step:F}, 1 when absent. */
    static final double STEP_FACTOR = factor(VALUE, "step");

    /** Whether {@link #stepStarted} and {@link #stepEnded} do anything (a constant for the JIT). */
    public static final boolean SLOW_STEP = STEP_FACTOR > 1;

    private static final ThreadLocal<long[]> STEP_START = ThreadLocal.withInitial(() -> new long[1]);

    private DebugSwitches() {}

    static boolean names(String value, String kernel) {
        for (String part : value.toLowerCase(Locale.ROOT).split(",")) {
            if (part.trim().equals(kernel)) return true;
        }
        return false;
    }

    /**
     * The F of {@code kernel:F} in {@code value}, or 1 when it is not there.
     *
     * @throws IllegalArgumentException when F is not a number of at least 1, so a typo in a
     *         measurement of the gate's power cannot pass for a slowed build
     */
    static double factor(String value, String kernel) {
        for (String part : value.toLowerCase(Locale.ROOT).split(",")) {
            String p = part.trim();
            if (!p.startsWith(kernel + ":")) continue;
            String f = p.substring(kernel.length() + 1);
            double v;
            try {
                v = Double.parseDouble(f);
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!(v >= 1) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("-D" + PROPERTY + ": '" + p + "' needs a factor of at least 1, such as "
                        + kernel + ":1.10");
            }
            return v;
        }
        return 1;
    }

    /** Marks the start of a training step's forward pass (only with {@code step:F}). */
    public static void stepStarted() {
        if (SLOW_STEP) STEP_START.get()[0] = System.nanoTime();
    }

    /** Ends a training step's backward pass: spins so the span since {@link #stepStarted} takes F times as long. */
    public static void stepEnded() {
        if (SLOW_STEP) stretch(STEP_START.get()[0], STEP_FACTOR);
    }

    /** Spins until {@code factor} times the time since {@code start} has passed: a slowdown in proportion. */
    static void stretch(long start, double factor) {
        if (factor <= 1) return;
        long now = System.nanoTime();
        long until = now + (long) ((factor - 1) * (now - start));
        while (System.nanoTime() < until) Thread.onSpinWait();
    }
}
