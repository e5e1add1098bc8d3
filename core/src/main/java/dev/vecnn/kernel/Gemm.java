package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.A_STRIDE;
import static dev.vecnn.kernel.Blocking.KC;
import static dev.vecnn.kernel.Blocking.MC;
import static dev.vecnn.kernel.Blocking.MR;
import static dev.vecnn.kernel.Blocking.NC;
import static dev.vecnn.kernel.Blocking.NR;

/**
 * General matrix multiply on row-major flat arrays: C = alpha * op(A) * op(B) + beta * C,
 * op = identity or transpose. One instance per pool; it owns per-worker packing buffers, so an
 * instance must not be called from two threads at once.
 *
 * <p>The fused variant adds a bias row vector to every row of C and applies an activation on
 * write-back: C = act(alpha * op(A) * op(B) + beta * C + bias).
 *
 * <p>Five formulations, chosen from the shape and the vector width alone (never from the thread count):
 * <ul>
 *   <li>matrix-vector: C of one column, by {@link GemvKernel} (rows of A times the column of
 *       op(B), or, with A transposed, the rows of A scaled and summed);</li>
 *   <li>narrow: C of at most one vector's width and a short k with A untransposed (an output
 *       layer of 10 classes over 32 or 128 hidden units), one vector per row of C by {@link NarrowKernel};</li>
 *   <li>streamed: for a tall A and C 17 to 32 columns wide (the hidden layer of 784-32-10 and its
 *       weight gradient), or up to 128 with A transposed (the weight gradients of 128-unit
 *       layers), the 8 x 32 {@link MicroKernel} reads A where it lies, packing only the
 *       small op(B): no copy of a whole training set per call, and all NR lanes busy. An untransposed
 *       A streams eight rows; a transposed A gives the eight values of one k contiguously. 512-bit
 *       tile only (the AVX2 tile needs A pre-broadcast, i.e. packed);</li>
 *   <li>packed (Goto/BLIS): NC x KC blocks of op(B) and MC x KC blocks of op(A) are packed into
 *       panels and swept by the 8 x 32 {@link MicroKernel}; when a slab has at most two tiles of
 *       rows, the whole panels of an untransposed B are read where they lie (see readBInPlace);</li>
 *   <li>dot: for A not transposed and few columns of C, {@link DotKernel} reads A in place along k,
 *       which keeps all lanes busy when n is 10 or 32. B must run along k too: a transposed B is
 *       read in place, an untransposed one (k x n, small by definition) is first transposed into
 *       a buffer. The packed kernel would instead repack all of a tall A (a whole training set in
 *       full-batch descent) for one narrow B panel, and fill only n of its NR lanes.</li>
 * </ul>
 * Threads split C into disjoint slabs of whole register tiles, never the k reduction, and every
 * element is computed by the same instruction sequence whatever slab it falls in: the result is
 * bit-identical for any thread count. beta == 0 never reads C.
 */
public final class Gemm {
    /** Problems with A not transposed and at most this many columns of C use the dot formulation. */
    static final int DOT_MAX_N = Integer.getInteger("vecnn.gemm.dotMaxN", 32);
    /** Beyond this depth the dot tile's rows fall out of L1 and the packed kernel is better. */
    static final int DOT_MAX_K = 4096;
    /** Widths of C (inclusive) that use the streamed formulation; narrower ones keep the dot tile. */
    static final int STREAM_MIN_N = Integer.getInteger("vecnn.gemm.streamMinN", 17);
    static final int STREAM_MAX_N = Integer.getInteger("vecnn.gemm.streamMaxN", NR);
    /**
     * The same bound when A is transposed (a weight gradient X^T dY): read in place, its 8 values of a
     * k are contiguous, so up to 4 tiles wide it beats packing it. JMH, packed against streamed,
     * two alternated rounds (1 / 2 threads): 784x128x128:TN 1.16 / 1.09x, 784x128x60000:TN 1.37 /
     * 1.29x, 256x128x128:TN 1.09 / 1.07x, 784x64x128:TN 1.21 / 1.03x.
     */
    static final int STREAM_MAX_N_TRANS_A = Integer.getInteger("vecnn.gemm.streamMaxNTransA", 4 * NR);
    /** Slabs of at most this many register tiles of rows read an untransposed B in place (see readBInPlace). */
    static final int B_IN_PLACE_MAX_TILES = Integer.getInteger("vecnn.gemm.bInPlaceMaxTiles", 2);
    /** C at most this many columns wide (and at least 2) uses the narrow formulation; 0 turns it off. */
    static final int NARROW_MAX_N = Math.min(Blocking.LANES, Integer.getInteger("vecnn.gemm.narrowMaxN", Blocking.LANES));
    /** The narrow formulation's longest k: beyond it the dot tile's full lanes win. */
    static final int NARROW_MAX_K = Integer.getInteger("vecnn.gemm.narrowMaxK", 256);
    /** op(A) transposed and at most this many columns of C: compute C^T instead (see useSwap). */
    static final int SWAP_MAX_N = Integer.getInteger("vecnn.gemm.swapMaxN", 48);

    /**
     * Floating-point operations (2 m n k) a slab must have to be worth a parallel region: below it a
     * product runs on the calling thread, since waking a parked worker costs tens of microseconds.
     */
    static final long MIN_SLAB_FLOPS = Math.max(1, 1000L * Integer.getInteger("vecnn.gemm.minSlabKflop", 4000));
    /**
     * The same for the matrix-vector and narrow formulations, and the streamed one with A
     * untransposed. A matrix-vector product moves 4 bytes of A for every 2 flops, so half a MFLOP is
     * a megabyte of A, tens of microseconds from L3, well above a region's cost: under the 4 MFLOP
     * floor the one-vs-rest neuron's 2048-row blocks (3.2 MFLOP a product) ran on one thread whatever
     * the pool. The narrow and streamed ones split the rows of A the way the layer before wrote them,
     * so each thread reads rows already in its own cache: the 784-32-10 output layer over a 2048-row
     * block ran 1.6x faster split than on the calling thread, which had to fetch the other core's
     * half of the hidden activations.
     */
    static final long MIN_ROW_SLAB_FLOPS = Math.max(1, 1000L * Integer.getInteger("vecnn.gemm.minRowSlabKflop", 500));

    private final KernelPool pool;
    private final GemmWorkspace[] workspaces;
    private final KernelPool.Task packedTask = this::packedTask;
    private final KernelPool.Task dotTask = this::dotTask;
    private final KernelPool.Task streamedTask = this::streamedTask;
    private final KernelPool.Task gemvTask = this::gemvTask;
    private final KernelPool.Task narrowTask = this::narrowTask;

    // The current call, read by the pool's workers (published by the pool's region start).
    private boolean transA, transB;
    private int m, n, k;
    private float alpha, beta;
    private float[] a, b, c, bias;
    private int aOff, lda, bOff, ldb, cOff, ldc, biasOff;
    private Activation act;
    private boolean epilogue;
    private int slabsM, slabsN, unitM, unitN;
    // The swapped formulation computes C^T into `transposed` and then writes it into these.
    private boolean swapped;
    private float[] target;
    private int targetOff, targetLd;
    private float targetBeta;
    private float[] transposed = new float[0];
    // The dot formulation of an untransposed B reads B^T from here.
    private float[] transposedB = new float[0];
    // The matrix-vector formulation: the column of op(B) made contiguous, and the sums before write-back.
    private float[] gemvX = new float[0];
    private float[] gemvSums = new float[0];
    // The narrow formulation: op(B) as k rows of LANES floats, zero beyond n.
    private float[] narrowB = new float[0];

    public Gemm(KernelPool pool) {
        this.pool = pool;
        this.workspaces = new GemmWorkspace[pool.threads()];
        for (int w = 0; w < workspaces.length; w++) {
            workspaces[w] = new GemmWorkspace();
        }
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
        if (DebugSwitches.SLOW && DebugSwitches.slowGemm(this, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, bias, biasOff, act)) return; // -Dvecnn.slow=gemm|gemm2x (gate self-test and power runs)
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
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        this.bias = bias;
        this.biasOff = biasOff;
        this.act = act;
        this.epilogue = bias != null || act != Activation.IDENTITY;
        this.swapped = false;
        try {
            switch (formulation(transA, transB, m, n, k)) {
                case GEMV -> {
                    prepareGemv();
                    runOverRows(gemvUnit(transA), gemvTask, MIN_ROW_SLAB_FLOPS);
                }
                case NARROW -> {
                    packNarrowB();
                    runOverRows(NarrowKernel.ROWS, narrowTask, MIN_ROW_SLAB_FLOPS);
                }
                case STREAMED -> runOverRows(MR, streamedTask, streamedFloor(transA));
                case DOT -> {
                    if (!transB) {
                        transposeB();
                    }
                    runOverRows(DotKernel.ROWS, dotTask, MIN_SLAB_FLOPS);
                }
                case PACKED -> {
                    if (useSwap(transA, m, n)) {
                        swapOperands();
                    }
                    choosePackedSlabs();
                    pool.run(slabsM * slabsN, packedTask);
                }
            }
        } finally {
            this.a = null;
            this.b = null;
            this.c = null;
            this.bias = null;
            this.target = null;
        }
    }

    /** How a product is computed; see the class comment. Chosen from the shape and vector width alone. */
    private enum Formulation { GEMV, NARROW, STREAMED, DOT, PACKED }

    private static Formulation formulation(boolean transA, boolean transB, int m, int n, int k) {
        if (n == 1) return Formulation.GEMV;
        if (useNarrow(transA, n, k)) return Formulation.NARROW;
        if (useStreamed(transA, m, n, k)) return Formulation.STREAMED;
        if (useDot(transA, transB, n, k)) return Formulation.DOT;
        return Formulation.PACKED;
    }

    private static int gemvUnit(boolean transA) {
        return transA ? 4 * Blocking.LANES : 4;
    }

    /** A transposed A streams depth blocks that every slab reads, so its slabs need the packed floor. */
    private static long streamedFloor(boolean transA) {
        return transA ? MIN_SLAB_FLOPS : MIN_ROW_SLAB_FLOPS;
    }

    /**
     * Into how many slabs of rows of C this pool would split the product C = op(A) op(B) (m x n, depth
     * k): 1 when it runs on one thread or is split along columns. Slab i holds the i-th of that many
     * near-equal runs of rows (whole register tiles). Lets a caller write op(A)'s rows on the thread
     * that will read them: on a 2-core machine whose cores sit far apart, a row one core wrote costs
     * the other a cross-core transfer.
     */
    public int rowSlabs(boolean transA, boolean transB, int m, int n, int k) {
        if (m <= 0 || n <= 0 || k <= 0) {
            return 1;
        }
        this.m = m;
        this.n = n;
        this.k = k;
        this.transA = transA;
        this.transB = transB;
        this.swapped = false;
        return switch (formulation(transA, transB, m, n, k)) {
            case GEMV -> rowSlabCount(gemvUnit(transA), MIN_ROW_SLAB_FLOPS);
            case NARROW -> rowSlabCount(NarrowKernel.ROWS, MIN_ROW_SLAB_FLOPS);
            case STREAMED -> rowSlabCount(MR, streamedFloor(transA));
            case DOT -> rowSlabCount(DotKernel.ROWS, MIN_SLAB_FLOPS);
            case PACKED -> {
                if (useSwap(transA, m, n)) { // C^T is computed: its column slabs are C's row slabs
                    swapShape();
                    choosePackedSlabs();
                    this.swapped = false;
                    yield slabsN;
                }
                choosePackedSlabs();
                yield slabsN == 1 ? slabsM : 1;
            }
        };
    }

    /**
     * With op(A) = A^T and few columns of C, the packed kernel would fill few of its NR lanes and
     * repack a tall A for one or two B panels. C^T = op(B)^T op(A)^T has the roles exchanged: the
     * short side goes to the register rows, the tall A is copied (not transposed) into B panels,
     * and only the small C^T is transposed at the end.
     */
    static boolean useSwap(boolean transA, int m, int n) {
        return transA && n <= SWAP_MAX_N && m >= 2 * n;
    }

    private void swapOperands() {
        target = c;
        targetOff = cOff;
        targetLd = ldc;
        targetBeta = beta;
        swapShape();
        float[] aa = a;
        int ao = aOff, la = lda;
        a = b;
        aOff = bOff;
        lda = ldb;
        b = aa;
        bOff = ao;
        ldb = la;
        if (transposed.length < m * n) {
            transposed = new float[m * n];
        }
        c = transposed;
        cOff = 0;
        ldc = n;
        beta = 0f;
    }

    /** The shape of C^T = op(B)^T op(A)^T in place of C's: m and n exchanged, each operand's transpose flipped. */
    private void swapShape() {
        swapped = true;
        boolean ta = transA;
        transA = !transB;
        transB = !ta;
        int mm = m;
        m = n;
        n = mm;
    }

    /** Writes rows [rowFrom, rowTo) x columns [colFrom, colTo) of C^T into C, then its epilogue. */
    private void writeTransposed(int rowFrom, int rowTo, int colFrom, int colTo) {
        boolean readC = targetBeta != 0f;
        for (int i = colFrom; i < colTo; i++) {
            int row = targetOff + i * targetLd;
            for (int j = rowFrom; j < rowTo; j++) {
                float v = c[j * ldc + i];
                target[row + j] = readC ? Math.fma(target[row + j], targetBeta, v) : v;
            }
            if (epilogue && rowFrom == 0 && rowTo == m) {
                Activations.biasActivate(target, row, m, bias, biasOff, act);
            }
        }
    }

    /**
     * A is read in place, so it must be worth not packing (m of at least two tiles), and with an
     * untransposed A all of op(B) is packed up front (k x 32 floats, at most 512 KiB at DOT_MAX_K).
     */
    static boolean useStreamed(boolean transA, int m, int n, int k) {
        return A_STRIDE == 1 && n >= STREAM_MIN_N && n <= (transA ? STREAM_MAX_N_TRANS_A : STREAM_MAX_N) && m >= 2 * MR
                && (transA || k <= DOT_MAX_K);
    }

    /**
     * C of 2 to LANES columns and a short k, A untransposed (512-bit lanes only, like the streamed
     * formulation): one vector per row of C. JMH on 10-column C, against the dot tile: 2.6 to 4x
     * faster at k = 32, 1.4x at k = 128, 0.8x at k = 784 (NN, batch 128); with A transposed no
     * better than the packed kernel.
     */
    static boolean useNarrow(boolean transA, int n, int k) {
        return A_STRIDE == 1 && !transA && n >= 2 && n <= NARROW_MAX_N && k <= NARROW_MAX_K;
    }

    /** op(B) into {@link #narrowB}: row p holds op(B)(p, 0..n-1), then zeros up to LANES. */
    private void packNarrowB() {
        int lanes = Blocking.LANES;
        if (narrowB.length < k * lanes) {
            narrowB = new float[k * lanes];
        }
        float[] t = narrowB;
        for (int p = 0; p < k; p++) {
            int to = p * lanes;
            for (int j = 0; j < n; j++) {
                t[to + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
            for (int j = n; j < lanes; j++) {
                t[to + j] = 0f;
            }
        }
    }

    /** Rows [from, to) of C by the narrow formulation, eight rows at a time through all of k. */
    private void narrowTask(int worker, int index) {
        int from = slabStart(index, slabsM, m, unitM), to = slabStart(index + 1, slabsM, m, unitM);
        float[] sums = workspaces[worker].tile;
        for (int i = from; i < to; i += NarrowKernel.ROWS) {
            int rows = Math.min(NarrowKernel.ROWS, to - i);
            NarrowKernel.sums(k, a, aOff, lda, i, i + rows, narrowB, sums);
            NarrowKernel.writeBack(sums, rows, n, alpha, beta, c, cOff + i * ldc, ldc, bias, biasOff, act);
        }
    }

    static boolean useDot(boolean transA, boolean transB, int n, int k) {
        return DotKernel.SUPPORTED && !transA && n <= DOT_MAX_N && k <= DOT_MAX_K;
    }

    /** B (k x n) becomes B^T (n x k) in {@link #transposedB}; the call then reads it as transposed. */
    private void transposeB() {
        if (transposedB.length < n * k) {
            transposedB = new float[n * k];
        }
        float[] t = transposedB;
        for (int p = 0; p < k; p++) {
            int row = bOff + p * ldb;
            for (int j = 0; j < n; j++) {
                t[j * k + p] = b[row + j];
            }
        }
        b = t;
        bOff = 0;
        ldb = k;
        transB = true;
    }

    /**
     * Splits C across threads along m or n, whichever costs less: a slab along m repacks all of
     * op(B), a slab along n repacks all of op(A), and transposing packs cost more than copies.
     */
    private void choosePackedSlabs() {
        int threads = maxSlabs(MIN_SLAB_FLOPS);
        int unitsM = ceilDiv(m, MR), unitsN = ceilDiv(n, NR);
        unitM = MR;
        unitN = NR;
        if (threads == 1 || unitsM * unitsN == 1) {
            slabsM = 1;
            slabsN = 1;
            return;
        }
        if (swapped) { // a slab must own whole rows of C (= columns of C^T) for the epilogue
            slabsM = 1;
            slabsN = Math.min(threads, unitsN);
            return;
        }
        double packBCost = transB ? 1.0 : 0.1, packACost = transA ? 0.3 : 1.0;
        int tm = Math.min(threads, unitsM), tn = Math.min(threads, unitsN);
        double flopsPerCycle = 32; // one thread's packed-kernel rate, in multiply-adds per cycle
        double costM = (double) ceilDiv(unitsM, tm) * MR * unitsN * NR * k / flopsPerCycle
                + (double) k * n * packBCost + (double) k * m * packACost / tm;
        double costN = (double) unitsM * MR * ceilDiv(unitsN, tn) * NR * k / flopsPerCycle
                + (double) k * m * packACost + (double) k * n * packBCost / tn;
        if (costM <= costN) {
            slabsM = tm;
            slabsN = 1;
        } else {
            slabsM = 1;
            slabsN = tn;
        }
    }

    /** Splits C over the threads by rows only, each slab whole units of {@code unit} rows. */
    private void runOverRows(int unit, KernelPool.Task task, long minSlabFlops) {
        unitM = unit;
        unitN = n;
        slabsM = rowSlabCount(unit, minSlabFlops);
        slabsN = 1;
        pool.run(slabsM, task);
    }

    private int rowSlabCount(int unit, long minSlabFlops) {
        return Math.min(maxSlabs(minSlabFlops), ceilDiv(m, unit));
    }

    /** The pool's threads, fewer when the product is too small to give each slab {@code minSlabFlops}. */
    private int maxSlabs(long minSlabFlops) {
        long flops = 2L * m * n * k;
        return (int) Math.max(1, Math.min(pool.threads(), flops / minSlabFlops));
    }

    /** Start of slab {@code s} of {@code slabs} over {@code length}, at a multiple of {@code unit}. */
    private static int slabStart(int s, int slabs, int length, int unit) {
        int units = ceilDiv(length, unit);
        return Math.min(length, (int) ((long) units * s / slabs) * unit);
    }

    private void packedTask(int worker, int index) {
        int sm = index / slabsN, sn = index % slabsN;
        int rowFrom = slabStart(sm, slabsM, m, unitM), rowTo = slabStart(sm + 1, slabsM, m, unitM);
        int colFrom = slabStart(sn, slabsN, n, unitN), colTo = slabStart(sn + 1, slabsN, n, unitN);
        if (rowFrom >= rowTo || colFrom >= colTo) {
            return;
        }
        GemmWorkspace ws = workspaces[worker];
        int kcMax = Math.min(KC, k);
        float[] pa = ws.packedA(Math.min(MC, Blocking.roundUp(rowTo - rowFrom, MR)) * kcMax * A_STRIDE);
        float[] pb = ws.packedB(Math.min(NC, Blocking.roundUp(colTo - colFrom, NR)) * kcMax);
        float[] tile = ws.tile;
        boolean bInPlace = readBInPlace(transB, rowTo - rowFrom, ldb);
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            int wholePanels = bInPlace ? nc / NR * NR : 0; // panels read in place; the rest is packed
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (wholePanels < nc) {
                    Packing.packB(transB, b, bOff, ldb, jc + wholePanels, nc - wholePanels, pc, kc, pb, 0);
                }
                boolean readC = pc > 0 || beta != 0f;
                float betaEff = pc == 0 ? beta : 1f;
                boolean lastDepth = pc + kc >= k;
                for (int ic = rowFrom; ic < rowTo; ic += MC) {
                    int mc = Math.min(MC, rowTo - ic);
                    Packing.packA(transA, a, aOff, lda, ic, mc, pc, kc, pa);
                    // A panel of B read in place serves every (few) tile of rows while it is in L1.
                    for (int jr = 0; jr < wholePanels; jr += NR) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            MicroKernel.kernel(kc, pa, ir * kc * A_STRIDE, MR, b, bOff + pc * ldb + jc + jr, ldb,
                                    c, cOff + (ic + ir) * ldc + jc + jr, ldc, Math.min(MR, mc - ir), NR,
                                    alpha, readC, betaEff, tile, ws.zeros);
                        }
                    }
                    // An A micro-panel stays in L1 while packed B micro-panels stream from L2.
                    for (int ir = 0; ir < mc; ir += MR) {
                        int rows = Math.min(MR, mc - ir);
                        int cBase = cOff + (ic + ir) * ldc + jc;
                        for (int jr = wholePanels; jr < nc; jr += NR) {
                            MicroKernel.kernel(kc, pa, ir * kc * A_STRIDE, MR, pb, (jr - wholePanels) * kc, NR,
                                    c, cBase + jr, ldc, rows, Math.min(NR, nc - jr),
                                    alpha, readC, betaEff, tile, ws.zeros);
                        }
                    }
                    if (lastDepth && epilogue && !swapped) {
                        for (int i = ic; i < ic + mc; i++) {
                            Activations.biasActivate(c, cOff + i * ldc + jc, nc, bias,
                                    bias == null ? 0 : biasOff + jc, act);
                        }
                    }
                }
            }
        }
        if (swapped) {
            writeTransposed(rowFrom, rowTo, colFrom, colTo);
        }
    }

    /**
     * Whether the packed formulation reads whole panels of an untransposed B where they lie instead of
     * packing them: when a slab has so few rows (the swapped weight gradient of a 10-output layer:
     * C^T has 10 rows) that each B panel is read by at most {@link #B_IN_PLACE_MAX_TILES} register
     * tiles, packing costs more than it saves. Rows of B a multiple of 64 floats apart are packed
     * anyway: they would fall into a few cache sets (reading whole panels in place at 2048, NN, ran
     * 42 against 63 GFLOP/s packed). Panels cut by the edge of C are always packed (zero padding).
     */
    static boolean readBInPlace(boolean transB, int slabRows, int ldb) {
        return !transB && ceilDiv(slabRows, MR) <= B_IN_PLACE_MAX_TILES && ldb % 64 != 0;
    }

    /** Sizes the sums and, for rows of A times x, makes the column of op(B) contiguous from index 0. */
    private void prepareGemv() {
        if (gemvSums.length < m) {
            gemvSums = new float[m];
        }
        int incx = transB ? 1 : ldb;
        if (!transA && (incx != 1 || bOff != 0)) {
            if (gemvX.length < k) {
                gemvX = new float[k];
            }
            for (int p = 0; p < k; p++) {
                gemvX[p] = b[bOff + p * incx];
            }
        }
    }

    private void gemvTask(int worker, int index) {
        int from = slabStart(index, slabsM, m, unitM), to = slabStart(index + 1, slabsM, m, unitM);
        if (from >= to) {
            return;
        }
        float[] sums = gemvSums;
        int incx = transB ? 1 : ldb;
        if (transA) {
            GemvKernel.columnsTimesX(k, a, aOff, lda, from, to, b, bOff, incx, sums);
        } else {
            GemvKernel.rowsTimesX(k, a, aOff, lda, from, to, incx == 1 && bOff == 0 ? b : gemvX, sums,
                    workspaces[worker].tile);
        }
        boolean readC = beta != 0f;
        for (int i = from; i < to; i++) {
            int at = cOff + i * ldc;
            float v = alpha * sums[i];
            c[at] = readC ? Math.fma(c[at], beta, v) : v;
            if (epilogue) {
                Activations.biasActivate(c, at, 1, bias, biasOff, act);
            }
        }
    }

    /**
     * The streamed formulation over rows [rowFrom, rowTo) of C. A transposed A is swept one depth
     * block at a time (its KC rows stay in L2 while every tile of the slab reads them); an
     * untransposed A one tile of rows at a time, through all of k, against all of op(B) packed once.
     * A last tile of fewer than MR rows is packed, so nothing is read beyond A.
     */
    private void streamedTask(int worker, int index) {
        int rowFrom = slabStart(index, slabsM, m, MR), rowTo = slabStart(index + 1, slabsM, m, MR);
        if (rowFrom >= rowTo) {
            return;
        }
        GemmWorkspace ws = workspaces[worker];
        int width = Blocking.roundUp(n, NR);
        int kcMax = Math.min(KC, k);
        float[] pa = ws.packedA(MR * kcMax);
        if (transA) {
            float[] pb = ws.packedB(width * kcMax);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                Packing.packB(transB, b, bOff, ldb, 0, n, pc, kc, pb, 0);
                boolean readC = pc > 0 || beta != 0f;
                float betaEff = pc == 0 ? beta : 1f;
                for (int i = rowFrom; i < rowTo; i += MR) {
                    int rows = Math.min(MR, rowTo - i);
                    float[] src = a;
                    int srcOff = aOff + pc * lda + i, step = lda;
                    if (rows < MR) {
                        Packing.packA(true, a, aOff, lda, i, rows, pc, kc, pa);
                        src = pa;
                        srcOff = 0;
                        step = MR;
                    }
                    for (int jr = 0; jr < n; jr += NR) {
                        MicroKernel.kernel(kc, src, srcOff, step, pb, jr * kc, NR, c, cOff + i * ldc + jr, ldc,
                                rows, Math.min(NR, n - jr), alpha, readC, betaEff, ws.tile, ws.zeros);
                    }
                }
            }
            if (epilogue) {
                for (int i = rowFrom; i < rowTo; i++) {
                    Activations.biasActivate(c, cOff + i * ldc, n, bias, biasOff, act);
                }
            }
            return;
        }
        // depth block pc of op(B) at pb[pc * width]; its panel jr at + jr * kc (see Packing.packB)
        float[] pb = ws.packedB(width * k);
        for (int pc = 0; pc < k; pc += KC) {
            Packing.packB(transB, b, bOff, ldb, 0, n, pc, Math.min(KC, k - pc), pb, pc * width);
        }
        for (int i = rowFrom; i < rowTo; i += MR) {
            int rows = Math.min(MR, rowTo - i);
            int cRow = cOff + i * ldc;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean readC = pc > 0 || beta != 0f;
                float betaEff = pc == 0 ? beta : 1f;
                if (rows == MR) {
                    for (int jr = 0; jr < n; jr += NR) {
                        MicroKernel.kernelRows(kc, a, aOff + i * lda + pc, lda, pb, pc * width + jr * kc, NR,
                                c, cRow + jr, ldc, Math.min(NR, n - jr), alpha, readC, betaEff, ws.tile, ws.zeros);
                    }
                } else {
                    Packing.packA(false, a, aOff, lda, i, rows, pc, kc, pa);
                    for (int jr = 0; jr < n; jr += NR) {
                        MicroKernel.kernel(kc, pa, 0, MR, pb, pc * width + jr * kc, NR, c, cRow + jr, ldc,
                                rows, Math.min(NR, n - jr), alpha, readC, betaEff, ws.tile, ws.zeros);
                    }
                }
            }
            if (epilogue) {
                for (int r = i; r < i + rows; r++) {
                    Activations.biasActivate(c, cOff + r * ldc, n, bias, biasOff, act);
                }
            }
        }
    }

    private void dotTask(int worker, int index) {
        int rowFrom = slabStart(index, slabsM, m, unitM), rowTo = slabStart(index + 1, slabsM, m, unitM);
        float[] tile = workspaces[worker].tile;
        boolean readC = beta != 0f;
        for (int i = rowFrom; i < rowTo; i += DotKernel.ROWS) {
            for (int j = 0; j < n; j += DotKernel.COLS) {
                DotKernel.kernel(k, a, aOff, lda, i, m, b, bOff, ldb, j, n, c, cOff, ldc,
                        alpha, readC, beta, tile);
            }
            if (epilogue) {
                for (int r = i; r < Math.min(rowTo, i + DotKernel.ROWS); r++) {
                    Activations.biasActivate(c, cOff + r * ldc, n, bias, biasOff, act);
                }
            }
        }
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

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
