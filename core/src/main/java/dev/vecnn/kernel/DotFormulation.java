package dev.vecnn.kernel;

/**
 * A untransposed and few columns of C, by {@link DotKernel}: A read in place along k, all lanes busy when
 * n is 10 or 32, where the packed kernel would repack a whole tall A for one narrow B panel. B must run
 * along k too: a transposed B is read in place, an untransposed one (k x n, small) is transposed first.
 */
final class DotFormulation extends GemmFormulation {
    /** B^T when B is untransposed, and where the slabs read op(B) from. */
    private float[] transposedB = new float[0];
    private float[] b;
    private int bOff, ldb;

    DotFormulation(GemmWorkspace[] workspaces) {
        super(workspaces);
    }

    @Override
    void prepareOperands() {
        GemmCall q = call;
        if (q.transB) {
            b = q.b;
            bOff = q.bOff;
            ldb = q.ldb;
            return;
        }
        int n = q.n, k = q.k;
        if (transposedB.length < n * k) transposedB = new float[n * k];
        float[] t = transposedB;
        for (int p = 0; p < k; p++) {
            int row = q.bOff + p * q.ldb;
            for (int j = 0; j < n; j++) t[j * k + p] = q.b[row + j];
        }
        b = t;
        bOff = 0;
        ldb = k;
    }

    @Override
    public void run(int worker, int slab) {
        GemmCall q = call;
        int rowFrom = plan.rowFrom(slab), rowTo = plan.rowTo(slab);
        float[] tile = workspaces[worker].tile;
        boolean readC = q.beta != 0f;
        for (int i = rowFrom; i < rowTo; i += DotKernel.ROWS) {
            for (int j = 0; j < q.n; j += DotKernel.COLS) {
                DotKernel.kernel(q.k, q.a, q.aOff, q.lda, i, q.m, b, bOff, ldb, j, q.n, q.c, q.cOff, q.ldc,
                        q.alpha, readC, q.beta, tile);
            }
            if (q.epilogue) {
                for (int r = i; r < Math.min(rowTo, i + DotKernel.ROWS); r++) {
                    Activations.biasActivate(q.c, q.cOff + r * q.ldc, q.n, q.bias, q.biasOff, q.act);
                }
            }
        }
    }
}
