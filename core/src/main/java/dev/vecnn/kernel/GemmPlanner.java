package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.A_STRIDE;
import static dev.vecnn.kernel.Blocking.MR;
import static dev.vecnn.kernel.Blocking.NR;

/**
 * Chooses how a product runs, from its shape, its transposes and the thread count, and nothing else:
 * no state, no side effects. The formulation depends on the shape and the vector width only (never on
 * the threads, so results are the same bits for any thread count); the slabs also on the threads.
 * Thresholds come from {@link Tuning#ACTIVE}; why each formulation wins where it does is in
 * docs/design/kernel-notes.md.
 */
final class GemmPlanner {
    private GemmPlanner() {}

    private static final Tuning T = Tuning.ACTIVE;
    static final int DOT_MAX_N = T.dotMaxN();
    static final int DOT_MAX_K = T.dotMaxK();
    static final int STREAM_MIN_N = T.streamMinN();
    static final int STREAM_MAX_N = T.streamMaxN();
    static final int STREAM_MAX_N_TRANS_A = T.streamMaxNTransA();
    static final int NARROW_MAX_N = T.narrowMaxN();
    static final int NARROW_MAX_K = T.narrowMaxK();
    static final int SWAP_MAX_N = T.swapMaxN();
    static final long MIN_SLAB_FLOPS = T.minSlabFlops();
    static final long MIN_ROW_SLAB_FLOPS = T.minRowSlabFlops();

    /** The plan for C = op(A) op(B), C m x n, depth k >= 1, on {@code threads} threads, written into {@code out}. */
    static GemmPlan plan(boolean transA, boolean transB, int m, int n, int k, int threads, GemmPlan out) {
        return plan(transA, transB, m, n, k, threads, SplitAxis.EITHER, out);
    }

    /** As above, C cut along {@code axis} where the formulation can cut it that way. */
    static GemmPlan plan(boolean transA, boolean transB, int m, int n, int k, int threads, SplitAxis axis, GemmPlan out) {
        return plan(formulation(transA, transB, m, n, k), transA, transB, m, n, k, threads, axis, out);
    }

    /** The plan with a given formulation (tests force each one; it must be able to run the shape, see {@link #canRun}). */
    static GemmPlan plan(Formulation f, boolean transA, boolean transB, int m, int n, int k, int threads, GemmPlan out) {
        return plan(f, transA, transB, m, n, k, threads, SplitAxis.EITHER, out);
    }

    /** As above, C cut along {@code axis} where {@code f} can cut it that way. */
    static GemmPlan plan(Formulation f, boolean transA, boolean transB, int m, int n, int k, int threads, SplitAxis axis,
                         GemmPlan out) {
        out.formulation = f;
        out.m = m;
        out.n = n;
        switch (f) {
            case GEMV -> rows(out, transA ? 4 * Blocking.LANES : 4, slabs(threads, m, n, k, MIN_ROW_SLAB_FLOPS));
            case NARROW -> rows(out, NarrowKernel.ROWS, slabs(threads, m, n, k, MIN_ROW_SLAB_FLOPS));
            // A transposed A streams depth blocks that every slab reads, so its slabs need the packed floor.
            case STREAMED -> rows(out, MR, slabs(threads, m, n, k, transA ? MIN_SLAB_FLOPS : MIN_ROW_SLAB_FLOPS));
            case DOT -> rows(out, DotKernel.ROWS, slabs(threads, m, n, k, MIN_SLAB_FLOPS));
            case PACKED -> packedSlabs(out, transA, transB, m, n, k, slabs(threads, m, n, k, MIN_SLAB_FLOPS), axis);
            case PACKED_TRANSPOSED -> {
                out.m = n; // C^T; a slab must own whole rows of C (columns of C^T) for the epilogue
                out.n = m;
                out.unitM = MR;
                out.unitN = NR;
                out.slabsM = 1;
                out.slabsN = Math.min(slabs(threads, m, n, k, MIN_SLAB_FLOPS), ceilDiv(m, NR));
            }
        }
        return out;
    }

    /** Whether formulation {@code f} computes this shape correctly (speed aside). */
    static boolean canRun(Formulation f, boolean transA, int n) {
        return switch (f) {
            case GEMV -> n == 1;
            case NARROW -> !transA && n <= Blocking.LANES;
            case STREAMED -> A_STRIDE == 1;
            case DOT -> DotKernel.SUPPORTED && !transA;
            case PACKED, PACKED_TRANSPOSED -> true;
        };
    }

    static Formulation formulation(boolean transA, boolean transB, int m, int n, int k) {
        if (n == 1) return Formulation.GEMV;
        if (useNarrow(transA, n, k)) return Formulation.NARROW;
        if (useStreamed(transA, m, n, k)) return Formulation.STREAMED;
        if (useDot(transA, n, k)) return Formulation.DOT;
        return useTransposed(transA, m, n) ? Formulation.PACKED_TRANSPOSED : Formulation.PACKED;
    }

    /** C of 2 to LANES columns, a short k, A untransposed (512-bit lanes only, like the streamed formulation). */
    static boolean useNarrow(boolean transA, int n, int k) {
        return A_STRIDE == 1 && !transA && n >= 2 && n <= NARROW_MAX_N && k <= NARROW_MAX_K;
    }

    /**
     * A is read in place, so it must be worth not packing (m of at least two tiles), and with an
     * untransposed A all of op(B) is packed up front (k x 32 floats, at most 512 KiB at DOT_MAX_K).
     */
    static boolean useStreamed(boolean transA, int m, int n, int k) {
        return A_STRIDE == 1 && n >= STREAM_MIN_N && n <= (transA ? STREAM_MAX_N_TRANS_A : STREAM_MAX_N) && m >= 2 * MR
                && (transA || k <= DOT_MAX_K);
    }

    static boolean useDot(boolean transA, int n, int k) {
        return DotKernel.SUPPORTED && !transA && n <= DOT_MAX_N && k <= DOT_MAX_K;
    }

    /**
     * With op(A) = A^T and few columns of C, the packed kernel would fill few of its NR lanes and repack
     * a tall A for one or two B panels; on C^T the short side goes to the register rows instead.
     */
    static boolean useTransposed(boolean transA, int m, int n) {
        return transA && n <= SWAP_MAX_N && m >= 2 * n;
    }

    private static void rows(GemmPlan out, int unit, int slabs) {
        out.unitM = unit;
        out.unitN = out.n;
        out.slabsM = Math.min(slabs, ceilDiv(out.m, unit));
        out.slabsN = 1;
    }

    /**
     * Splits C along m or n, whichever costs less (unless {@code axis} names one): a slab along m repacks
     * all of op(B), a slab along n repacks all of op(A), and transposing packs cost more than copies.
     */
    private static void packedSlabs(GemmPlan out, boolean transA, boolean transB, int m, int n, int k, int threads,
                                    SplitAxis axis) {
        int unitsM = ceilDiv(m, MR), unitsN = ceilDiv(n, NR);
        out.unitM = MR;
        out.unitN = NR;
        out.slabsM = 1;
        out.slabsN = 1;
        if (threads == 1 || unitsM * unitsN == 1) return;
        if (axis == SplitAxis.ROWS) {
            out.slabsM = Math.min(threads, unitsM);
            return;
        }
        if (axis == SplitAxis.COLUMNS) {
            out.slabsN = Math.min(threads, unitsN);
            return;
        }
        double packBCost = transB ? 1.0 : 0.1, packACost = transA ? 0.3 : 1.0;
        int tm = Math.min(threads, unitsM), tn = Math.min(threads, unitsN);
        double flopsPerCycle = 32; // one thread's packed-kernel rate, in multiply-adds per cycle
        double costM = (double) ceilDiv(unitsM, tm) * MR * unitsN * NR * k / flopsPerCycle
                + (double) k * n * packBCost + (double) k * m * packACost / tm;
        double costN = (double) unitsM * MR * ceilDiv(unitsN, tn) * NR * k / flopsPerCycle
                + (double) k * m * packACost + (double) k * n * packBCost / tn;
        if (costM <= costN) out.slabsM = tm;
        else out.slabsN = tn;
    }

    /** The threads a product gets: fewer when it is too small to give each slab {@code minSlabFlops}. */
    private static int slabs(int threads, int m, int n, int k, long minSlabFlops) {
        return KernelPool.parts(threads, 2L * m * n * k, minSlabFlops);
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
