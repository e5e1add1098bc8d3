package dev.vecnn.kernel;

/**
 * C of at most one vector's width, A untransposed, by {@link NarrowKernel}: one vector per row of C,
 * eight rows at a time through all of k, against op(B) packed as k rows of LANES floats.
 */
final class NarrowFormulation extends GemmFormulation {
    /** op(B): row p holds op(B)(p, 0..n-1), then zeros up to LANES. */
    private float[] packedB = new float[0];

    NarrowFormulation(GemmWorkspace[] workspaces) {
        super(workspaces);
    }

    @Override
    void prepareOperands() {
        GemmCall q = call;
        int lanes = Blocking.LANES;
        if (packedB.length < q.k * lanes) packedB = new float[q.k * lanes];
        float[] t = packedB;
        for (int p = 0; p < q.k; p++) {
            int to = p * lanes;
            for (int j = 0; j < q.n; j++) {
                t[to + j] = q.transB ? q.b[q.bOff + j * q.ldb + p] : q.b[q.bOff + p * q.ldb + j];
            }
            for (int j = q.n; j < lanes; j++) t[to + j] = 0f;
        }
    }

    @Override
    public void run(int worker, int slab) {
        GemmCall q = call;
        int from = plan.rowFrom(slab), to = plan.rowTo(slab);
        float[] sums = workspaces[worker].tile;
        for (int i = from; i < to; i += NarrowKernel.ROWS) {
            int rows = Math.min(NarrowKernel.ROWS, to - i);
            NarrowKernel.sums(q.k, q.a, q.aOff, q.lda, i, i + rows, packedB, sums);
            NarrowKernel.writeBack(sums, rows, q.n, q.alpha, q.beta, q.c, q.cOff + i * q.ldc, q.ldc, q.bias, q.biasOff, q.act);
        }
    }
}
