package dev.vecnn.bench.layout;

import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Activations;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unpacked baseline: a plain Vector API loop on the operands in place, no packing, no cache
 * blocking, one thread. With B not transposed, each row of C is built as a sum of rows of B
 * scaled by broadcast elements of A (row times matrix); with B transposed, each element of C is a
 * vector dot product of two contiguous rows. The bias and activation are applied to each row of C
 * right after it is computed, while it is still in L1.
 */
public final class UnpackedGemm implements Matmul {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc, float[] bias, Activation act) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (!transB) {
                rowTimesMatrix(transA, i, n, k, a, aOff, lda, b, bOff, ldb, c, row);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] = transA
                            ? stridedDot(k, a, aOff + i, lda, b, bOff + j * ldb)
                            : dot(k, a, aOff + i * lda, b, bOff + j * ldb);
                }
            }
            epilogue(c, row, n, bias, act);
        }
    }

    /** c[row..row+n) = sum over p of op(A)[i][p] * B[p][..]. */
    private static void rowTimesMatrix(boolean transA, int i, int n, int k, float[] a, int aOff, int lda,
                                       float[] b, int bOff, int ldb, float[] c, int row) {
        int full = n - n % L;
        for (int j = 0; j < n; j++) c[row + j] = 0f;
        for (int p = 0; p < k; p++) {
            FloatVector av = FloatVector.broadcast(S, transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
            int bRow = bOff + p * ldb;
            int j = 0;
            for (; j < full; j += L) {
                av.fma(FloatVector.fromArray(S, b, bRow + j), FloatVector.fromArray(S, c, row + j))
                        .intoArray(c, row + j);
            }
            if (j < n) {
                VectorMask<Float> mask = S.indexInRange(j, n);
                av.fma(FloatVector.fromArray(S, b, bRow + j, mask), FloatVector.fromArray(S, c, row + j, mask))
                        .intoArray(c, row + j, mask);
            }
        }
    }

    private static float dot(int k, float[] a, int aRow, float[] b, int bRow) {
        FloatVector acc = FloatVector.zero(S);
        int p = 0;
        for (int full = k - k % L; p < full; p += L) {
            acc = FloatVector.fromArray(S, a, aRow + p).fma(FloatVector.fromArray(S, b, bRow + p), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) sum += a[aRow + p] * b[bRow + p];
        return sum;
    }

    /** A transposed and B transposed: A's "row" is a strided column, so this dot is scalar. */
    private static float stridedDot(int k, float[] a, int aCol, int lda, float[] b, int bRow) {
        float sum = 0f;
        for (int p = 0; p < k; p++) sum += a[aCol + p * lda] * b[bRow + p];
        return sum;
    }

    /** row += bias, then the activation, in place (bias may be null). */
    static void epilogue(float[] c, int row, int n, float[] bias, Activation act) {
        if (bias != null) {
            for (int j = 0; j < n; j += L) {
                VectorMask<Float> mask = S.indexInRange(j, n);
                FloatVector.fromArray(S, c, row + j, mask).add(FloatVector.fromArray(S, bias, j, mask))
                        .intoArray(c, row + j, mask);
            }
        }
        if (act != Activation.IDENTITY) Activations.forward(act, c, row, c, row, n);
    }
}
