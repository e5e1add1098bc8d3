package dev.vecnn.kernel;

/** Scalar oracle for {@link Reductions}. */
public final class ReductionsReference {
    private ReductionsReference() {}

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
