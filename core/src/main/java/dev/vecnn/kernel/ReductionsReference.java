package dev.vecnn.kernel;

/** Scalar oracle for {@link Reductions}. */
public final class ReductionsReference {
    private ReductionsReference() {}

    /** out[i] = parts[0][i] + ... + parts[count - 1][i], in part order, one element at a time. */
    public static void sumInOrder(float[][] parts, int count, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            float acc = parts[0][i];
            for (int p = 1; p < count; p++) acc += parts[p][i];
            out[i] = acc;
        }
    }

    public static void columnSums(float[] a, int aOff, int rows, int cols, int lda, float[] out, int outOff) {
        columnSums(a, aOff, rows, cols, lda, out, outOff, false);
    }

    public static void columnSums(float[] a, int aOff, int rows, int cols, int lda, float[] out, int outOff,
                                  boolean accumulate) {
        for (int j = 0; j < cols; j++) {
            double s = accumulate ? out[outOff + j] : 0;
            for (int i = 0; i < rows; i++) s += a[aOff + i * lda + j];
            out[outOff + j] = (float) s;
        }
    }

    public static void rowArgmax(float[] a, int aOff, int rows, int cols, int lda, int[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            int row = aOff + i * lda;
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (a[row + j] > a[row + best]) best = j;
            }
            out[outOff + i] = best;
        }
    }

}
