package dev.vecnn.kernel;

/**
 * General matrix multiply on row-major flat arrays: C = alpha * op(A) * op(B) + beta * C,
 * op = identity or transpose, and a fused variant that adds a bias row vector to every row of C and
 * applies an activation on write-back: C = act(alpha * op(A) * op(B) + beta * C + bias).
 *
 * <p>This class checks the arguments; {@link GemmPlanner} chooses a {@link Formulation} from the shape and
 * the vector width alone (never the thread count) and cuts C into slabs for the pool, and one
 * {@link GemmFormulation} per formulation computes the slabs. Threads split C into disjoint slabs of whole
 * register tiles, never the k reduction, and every element is computed by the same instruction sequence
 * whatever slab it falls in: the result is bit-identical for any thread count. beta == 0 never reads C.
 *
 * <p>One instance per pool; it owns per-worker packing buffers, so an instance must not be called from two
 * threads at once. Steady-state calls allocate nothing. {@link #splitting} gives views of the same
 * instance whose products cut C along a named axis; they share its buffers and its rule.
 */
public final class Gemm {
    private final KernelPool pool;
    private final GemmEngine engine;
    private final GemmCall call;
    private final GemmPlan scratchPlan;
    private final SplitAxis axis;
    /** This instance and its views, by {@link SplitAxis} ordinal. */
    private final Gemm[] views;

    public Gemm(KernelPool pool) {
        this(pool, null);
    }

    /** A GEMM whose every product uses formulation {@code forced} (tests of each formulation), or the planner's choice when null. */
    Gemm(KernelPool pool, Formulation forced) {
        this.pool = pool;
        this.engine = SlowedGemm.wrapIfAsked(new PlannedGemm(pool, forced));
        this.call = new GemmCall();
        this.scratchPlan = new GemmPlan();
        this.axis = SplitAxis.EITHER;
        this.views = new Gemm[SplitAxis.values().length];
        for (SplitAxis a : SplitAxis.values()) views[a.ordinal()] = a == axis ? this : new Gemm(this, a);
    }

    private Gemm(Gemm base, SplitAxis axis) {
        this.pool = base.pool;
        this.engine = base.engine;
        this.call = base.call;
        this.scratchPlan = base.scratchPlan;
        this.axis = axis;
        this.views = base.views;
    }

    /**
     * This GEMM with its products on several threads cut along {@code axis} where the formulation allows
     * (see {@link SplitAxis}): the same values, the same buffers, so the same one-caller rule.
     */
    public Gemm splitting(SplitAxis axis) {
        return views[axis.ordinal()];
    }

    public KernelPool pool() {
        return pool;
    }

    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemmBiasActivation(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                null, 0, Activation.IDENTITY);
    }

    public void gemmBiasActivation(boolean transA, boolean transB, int m, int n, int k,
                                   float alpha, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc,
                                   float[] bias, int biasOff, Activation act) {
        gemmBiasActivation(transA, transB, m, n, k, alpha, a, aOff, lda, null, 0, b, bOff, ldb, beta, c, cOff, ldc,
                bias, biasOff, act);
    }

    /** As {@link #gemm}, with A's values also given as pixels (see {@link #gemmBiasActivation(boolean, boolean, int, int, int, float, float[], int, int, byte[], int, float[], int, int, float, float[], int, int, float[], int, Activation)}). */
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda, byte[] aPixels, int aPixelsOff,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemmBiasActivation(transA, transB, m, n, k, alpha, a, aOff, lda, aPixels, aPixelsOff, b, bOff, ldb, beta, c,
                cOff, ldc, null, 0, Activation.IDENTITY);
    }

    /**
     * As above, with {@code aPixels} (null for none) holding A's values as 8-bit pixels: a[aOff + i] is
     * exactly {@link PixelDecodeReference#value}(aPixels[aPixelsOff + i]) over A's extent. The result is
     * the same either way; a formulation that streams A may read the bytes, a quarter of the traffic.
     */
    public void gemmBiasActivation(boolean transA, boolean transB, int m, int n, int k,
                                   float alpha, float[] a, int aOff, int lda, byte[] aPixels, int aPixelsOff,
                                   float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc,
                                   float[] bias, int biasOff, Activation act) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative GEMM dimension: m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (act == null) {
            throw new IllegalArgumentException("activation must not be null (use IDENTITY)");
        }
        boolean useAB = k > 0 && alpha != 0f;
        if (useAB) {
            checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
            checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        }
        checkMatrix("C", c, cOff, ldc, m, n);
        if (bias != null && (biasOff < 0 || biasOff + n > bias.length)) {
            throw new IllegalArgumentException("bias needs " + n + " values from offset " + biasOff);
        }
        if (!useAB) {
            scaleOnly(m, n, beta, c, cOff, ldc, bias, biasOff, act);
            return;
        }
        if (aPixels != null) checkPixels(aPixels, aPixelsOff, lda, transA ? k : m, transA ? m : k);
        call.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, bias, biasOff, act);
        if (aPixels != null) {
            call.aPixels = aPixels;
            call.aPixelsOff = aPixelsOff;
        }
        call.axis = axis;
        try {
            engine.run(call);
        } finally {
            call.clear();
        }
    }

    /**
     * Into how many slabs of rows of C this pool would split the product C = op(A) op(B) (m x n, depth
     * k): 1 when it runs on one thread or is split along columns. Slab i holds the i-th of that many
     * near-equal runs of rows (whole register tiles). Lets a caller write op(A)'s rows on the thread
     * that will read them.
     */
    public int rowSlabs(boolean transA, boolean transB, int m, int n, int k) {
        if (m <= 0 || n <= 0 || k <= 0) {
            return 1;
        }
        return GemmPlanner.plan(transA, transB, m, n, k, pool.threads(), axis, scratchPlan).rowSlabsOfC();
    }

    /** Into how many slabs, along either axis, this pool would cut the product (1: it runs on one thread). */
    public int slabs(boolean transA, boolean transB, int m, int n, int k) {
        if (m <= 0 || n <= 0 || k <= 0) {
            return 1;
        }
        return GemmPlanner.plan(transA, transB, m, n, k, pool.threads(), axis, scratchPlan).slabs();
    }

    /** alpha == 0 or k == 0: C = beta * C (not read when beta == 0), then bias and activation. */
    private static void scaleOnly(int m, int n, float beta, float[] c, int cOff, int ldc,
                                  float[] bias, int biasOff, Activation act) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
            Activations.biasActivate(c, row, n, bias, biasOff, act);
        }
    }

    private static void checkPixels(byte[] pixels, int off, int ld, int rows, int cols) {
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > pixels.length) {
            throw new IllegalArgumentException("A's pixels: " + rows + " x " + cols + " with leading dimension " + ld
                    + " from offset " + off + " needs " + last + " bytes, array has " + pixels.length);
        }
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (off < 0 || ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(name + ": offset " + off + " and leading dimension " + ld
                    + " invalid for " + rows + " x " + cols);
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (rows > 0 && cols > 0 && last > x.length) {
            throw new IllegalArgumentException(name + ": " + rows + " x " + cols + " with leading dimension "
                    + ld + " from offset " + off + " needs " + last + " floats, array has " + x.length);
        }
    }
}
