package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.KC;
import static dev.vecnn.kernel.Blocking.MR;
import static dev.vecnn.kernel.Blocking.NR;

/**
 * A tall A read where it lies by the {@link MicroKernel} tile, only the small op(B) packed: no copy of a
 * whole training set per call, and all NR lanes busy. An untransposed A streams MR rows at a time through
 * all of k against all of op(B) packed once; a transposed A (a weight gradient X^T dY) gives the MR values
 * of one k contiguously and is swept one depth block at a time, its KC rows in L2 while every tile of the
 * slab reads them. A last tile of fewer than MR rows is packed, so nothing is read beyond A. Needs the
 * broadcasting 8-row tile (the 6-row tile reads A pre-broadcast, i.e. packed).
 */
final class StreamedFormulation extends GemmFormulation {
    StreamedFormulation(GemmWorkspace[] workspaces) {
        super(workspaces);
    }

    @Override
    public void run(int worker, int slab) {
        int rowFrom = plan.rowFrom(slab), rowTo = plan.rowTo(slab);
        if (rowFrom >= rowTo) return;
        if (call.transA) transposedA(workspaces[worker], rowFrom, rowTo);
        else rowsOfA(workspaces[worker], rowFrom, rowTo);
    }

    private void transposedA(GemmWorkspace ws, int rowFrom, int rowTo) {
        GemmCall q = call;
        int n = q.n, k = q.k;
        int kcMax = Math.min(KC, k);
        float[] pa = ws.packedA(MR * kcMax);
        float[] pb = ws.packedB(Blocking.roundUp(n, NR) * kcMax);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            Packing.packB(q.transB, q.b, q.bOff, q.ldb, 0, n, pc, kc, pb, 0);
            boolean readC = pc > 0 || q.beta != 0f;
            float betaEff = pc == 0 ? q.beta : 1f;
            for (int i = rowFrom; i < rowTo; i += MR) {
                int rows = Math.min(MR, rowTo - i);
                float[] src = q.a;
                int srcOff = q.aOff + pc * q.lda + i, step = q.lda;
                if (rows < MR) {
                    Packing.packA(true, q.a, q.aOff, q.lda, i, rows, pc, kc, pa);
                    src = pa;
                    srcOff = 0;
                    step = MR;
                }
                for (int jr = 0; jr < n; jr += NR) {
                    MicroKernel.kernel(kc, src, srcOff, step, pb, jr * kc, NR, q.c, q.cOff + i * q.ldc + jr, q.ldc,
                            rows, Math.min(NR, n - jr), q.alpha, readC, betaEff, ws.tile, ws.zeros);
                }
            }
        }
        if (q.epilogue) {
            for (int i = rowFrom; i < rowTo; i++) Activations.biasActivate(q.c, q.cOff + i * q.ldc, n, q.bias, q.biasOff, q.act);
        }
    }

    private void rowsOfA(GemmWorkspace ws, int rowFrom, int rowTo) {
        GemmCall q = call;
        int n = q.n, k = q.k;
        int width = Blocking.roundUp(n, NR);
        float[] pa = ws.packedA(MR * Math.min(KC, k));
        // depth block pc of op(B) at pb[pc * width]; its panel jr at + jr * kc (see Packing.packB)
        float[] pb = ws.packedB(width * k);
        for (int pc = 0; pc < k; pc += KC) {
            Packing.packB(q.transB, q.b, q.bOff, q.ldb, 0, n, pc, Math.min(KC, k - pc), pb, pc * width);
        }
        for (int i = rowFrom; i < rowTo; i += MR) {
            int rows = Math.min(MR, rowTo - i);
            int cRow = q.cOff + i * q.ldc;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean readC = pc > 0 || q.beta != 0f;
                float betaEff = pc == 0 ? q.beta : 1f;
                if (rows == MR) {
                    for (int jr = 0; jr < n; jr += NR) {
                        MicroKernel.kernelRows(kc, q.a, q.aOff + i * q.lda + pc, q.lda, pb, pc * width + jr * kc, NR,
                                q.c, cRow + jr, q.ldc, Math.min(NR, n - jr), q.alpha, readC, betaEff, ws.tile, ws.zeros);
                    }
                } else {
                    Packing.packA(false, q.a, q.aOff, q.lda, i, rows, pc, kc, pa);
                    for (int jr = 0; jr < n; jr += NR) {
                        MicroKernel.kernel(kc, pa, 0, MR, pb, pc * width + jr * kc, NR, q.c, cRow + jr, q.ldc,
                                rows, Math.min(NR, n - jr), q.alpha, readC, betaEff, ws.tile, ws.zeros);
                    }
                }
            }
            if (q.epilogue) {
                for (int r = i; r < i + rows; r++) Activations.biasActivate(q.c, q.cOff + r * q.ldc, n, q.bias, q.biasOff, q.act);
            }
        }
    }
}
