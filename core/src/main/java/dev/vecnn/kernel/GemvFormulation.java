package dev.vecnn.kernel;

/** C of one column by {@link GemvKernel}: rows of A times the column of op(B), or a transposed A's rows scaled and summed. */
final class GemvFormulation extends GemmFormulation {
    /** The column of op(B) made contiguous, and the sums before write-back. */
    private float[] x = new float[0];
    private float[] sums = new float[0];

    GemvFormulation(GemmWorkspace[] workspaces) {
        super(workspaces);
    }

    @Override
    void prepareOperands() {
        if (sums.length < call.m) sums = new float[call.m];
        int incx = call.transB ? 1 : call.ldb;
        if (!call.transA && (incx != 1 || call.bOff != 0)) {
            if (x.length < call.k) x = new float[call.k];
            for (int p = 0; p < call.k; p++) x[p] = call.b[call.bOff + p * incx];
        }
    }

    @Override
    public void run(int worker, int slab) {
        GemmCall q = call;
        int from = plan.rowFrom(slab), to = plan.rowTo(slab);
        if (from >= to) return;
        int incx = q.transB ? 1 : q.ldb;
        float[] xs = incx == 1 && q.bOff == 0 ? q.b : x;
        if (q.aPixels != null && PixelDecode.VECTORS) { // the same values, a quarter of the bytes from memory
            if (q.transA) {
                GemvKernel.columnsTimesX(q.k, q.aPixels, q.aPixelsOff, q.lda, from, to, q.b, q.bOff, incx, sums);
            } else {
                GemvKernel.rowsTimesX(q.k, q.aPixels, q.aPixelsOff, q.lda, from, to, xs, sums, workspaces[worker].tile);
            }
        } else if (q.transA) {
            GemvKernel.columnsTimesX(q.k, q.a, q.aOff, q.lda, from, to, q.b, q.bOff, incx, sums);
        } else {
            GemvKernel.rowsTimesX(q.k, q.a, q.aOff, q.lda, from, to, xs, sums, workspaces[worker].tile);
        }
        boolean readC = q.beta != 0f;
        for (int i = from; i < to; i++) {
            int at = q.cOff + i * q.ldc;
            float v = q.alpha * sums[i];
            q.c[at] = readC ? Math.fma(q.c[at], q.beta, v) : v;
        }
        if (!q.epilogue) return;
        if (q.ldc == 1) {
            // The column is contiguous: its one bias value added, then the activation over the slab in one
            // call (the same elementwise arithmetic as a row at a time).
            if (q.bias != null) {
                float bias = q.bias[q.biasOff];
                for (int i = from; i < to; i++) q.c[q.cOff + i] += bias;
            }
            Activations.forward(q.act, q.c, q.cOff + from, q.c, q.cOff + from, to - from);
        } else {
            for (int i = from; i < to; i++) Activations.biasActivate(q.c, q.cOff + i * q.ldc, 1, q.bias, q.biasOff, q.act);
        }
    }
}
