package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.A_STRIDE;
import static dev.vecnn.kernel.Blocking.KC;
import static dev.vecnn.kernel.Blocking.MC;
import static dev.vecnn.kernel.Blocking.MR;
import static dev.vecnn.kernel.Blocking.NC;
import static dev.vecnn.kernel.Blocking.NR;

/**
 * Goto/BLIS: NC x KC blocks of op(B) and MC x KC blocks of op(A) packed into panels and swept by the
 * {@link MicroKernel} tile; packing absorbs the transposes. When a slab has at most two tiles of rows, the
 * whole panels of an untransposed B are read where they lie (see {@link #readBInPlace}). As
 * {@link Formulation#PACKED_TRANSPOSED} it computes C^T = op(B)^T op(A)^T into a scratch matrix and writes
 * it back into C, so the short side of a product with few columns gets the register rows.
 */
final class PackedFormulation extends GemmFormulation {
    /** Slabs of at most this many register tiles of rows read an untransposed B in place. */
    static final int B_IN_PLACE_MAX_TILES = Tuning.ACTIVE.bInPlaceMaxTiles();

    /** What the slabs compute: the call itself, or its transpose into {@link #transposed}. */
    private GemmCall op;
    private final GemmCall transposedCall = new GemmCall();
    private float[] transposed = new float[0];

    PackedFormulation(GemmWorkspace[] workspaces) {
        super(workspaces);
    }

    @Override
    void prepareOperands() {
        if (plan.formulation == Formulation.PACKED_TRANSPOSED) {
            if (transposed.length < call.m * call.n) transposed = new float[call.m * call.n];
            call.transposeInto(transposedCall, transposed);
            op = transposedCall;
        } else {
            op = call;
        }
    }

    /**
     * Whether a slab reads whole panels of an untransposed B where they lie instead of packing them: when
     * it has so few rows (the transposed weight gradient of a 10-output layer: C^T has 10 rows) that each
     * B panel is read by at most {@link #B_IN_PLACE_MAX_TILES} register tiles, packing costs more than it
     * saves. Rows of B a multiple of 64 floats apart are packed anyway: they would fall into a few cache
     * sets. Panels cut by the edge of C are always packed (zero padding).
     */
    static boolean readBInPlace(boolean transB, int slabRows, int ldb) {
        return !transB && GemmPlanner.ceilDiv(slabRows, MR) <= B_IN_PLACE_MAX_TILES && ldb % 64 != 0;
    }

    @Override
    public void run(int worker, int slab) {
        GemmCall q = op;
        int rowFrom = plan.rowFrom(slab), rowTo = plan.rowTo(slab);
        int colFrom = plan.colFrom(slab), colTo = plan.colTo(slab);
        if (rowFrom >= rowTo || colFrom >= colTo) return;
        GemmWorkspace ws = workspaces[worker];
        int k = q.k;
        int kcMax = Math.min(KC, k);
        float[] pa = ws.packedA(Math.min(MC, Blocking.roundUp(rowTo - rowFrom, MR)) * kcMax * A_STRIDE);
        float[] pb = ws.packedB(Math.min(NC, Blocking.roundUp(colTo - colFrom, NR)) * kcMax);
        float[] tile = ws.tile;
        boolean bInPlace = readBInPlace(q.transB, rowTo - rowFrom, q.ldb);
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            int wholePanels = bInPlace ? nc / NR * NR : 0; // panels read in place; the rest is packed
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (wholePanels < nc) {
                    Packing.packB(q.transB, q.b, q.bOff, q.ldb, jc + wholePanels, nc - wholePanels, pc, kc, pb, 0);
                }
                boolean readC = pc > 0 || q.beta != 0f;
                float betaEff = pc == 0 ? q.beta : 1f;
                boolean lastDepth = pc + kc >= k;
                for (int ic = rowFrom; ic < rowTo; ic += MC) {
                    int mc = Math.min(MC, rowTo - ic);
                    Packing.packA(q.transA, q.a, q.aOff, q.lda, ic, mc, pc, kc, pa);
                    // A panel of B read in place serves every (few) tile of rows while it is in L1.
                    for (int jr = 0; jr < wholePanels; jr += NR) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            MicroKernel.kernel(kc, pa, ir * kc * A_STRIDE, MR, q.b, q.bOff + pc * q.ldb + jc + jr, q.ldb,
                                    q.c, q.cOff + (ic + ir) * q.ldc + jc + jr, q.ldc, Math.min(MR, mc - ir), NR,
                                    q.alpha, readC, betaEff, tile, ws.zeros);
                        }
                    }
                    // An A micro-panel stays in L1 while packed B micro-panels stream from L2.
                    for (int ir = 0; ir < mc; ir += MR) {
                        int rows = Math.min(MR, mc - ir);
                        int cBase = q.cOff + (ic + ir) * q.ldc + jc;
                        for (int jr = wholePanels; jr < nc; jr += NR) {
                            MicroKernel.kernel(kc, pa, ir * kc * A_STRIDE, MR, pb, (jr - wholePanels) * kc, NR,
                                    q.c, cBase + jr, q.ldc, rows, Math.min(NR, nc - jr),
                                    q.alpha, readC, betaEff, tile, ws.zeros);
                        }
                    }
                    if (lastDepth && q.epilogue) {
                        for (int i = ic; i < ic + mc; i++) {
                            Activations.biasActivate(q.c, q.cOff + i * q.ldc + jc, nc, q.bias,
                                    q.bias == null ? 0 : q.biasOff + jc, q.act);
                        }
                    }
                }
            }
        }
        if (q != call) writeTransposed(rowFrom, rowTo, colFrom, colTo);
    }

    /** Writes rows [rowFrom, rowTo) x columns [colFrom, colTo) of C^T into C, then C's epilogue. */
    private void writeTransposed(int rowFrom, int rowTo, int colFrom, int colTo) {
        GemmCall target = call;
        float[] ct = transposed;
        int ldt = op.ldc;
        boolean readC = target.beta != 0f;
        for (int i = colFrom; i < colTo; i++) {
            int row = target.cOff + i * target.ldc;
            for (int j = rowFrom; j < rowTo; j++) {
                float v = ct[j * ldt + i];
                target.c[row + j] = readC ? Math.fma(target.c[row + j], target.beta, v) : v;
            }
            if (target.epilogue && rowFrom == 0 && rowTo == plan.m) {
                Activations.biasActivate(target.c, row, plan.m, target.bias, target.biasOff, target.act);
            }
        }
    }
}
