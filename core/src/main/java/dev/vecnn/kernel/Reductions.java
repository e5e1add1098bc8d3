package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** Column sums (bias gradients), row argmax (predictions) and sums of partial gradients in a fixed order. */
public final class Reductions {
    private Reductions() {}

    /**
     * out[i] = parts[0][i] + parts[1][i] + ... + parts[count - 1][i] for i in [from, to), added in that
     * order for every element (lanes are independent), so the sum of partial gradients is the same bits
     * however [from, to) is cut between threads.
     */
    public static void sumInOrder(float[][] parts, int count, float[] out, int from, int to) {
        if (count < 1) throw new IllegalArgumentException("nothing to sum: " + count + " parts");
        float[] first = parts[0];
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, first, i);
            for (int p = 1; p < count; p++) acc = acc.add(FloatVector.fromArray(SPECIES, parts[p], i));
            acc.intoArray(out, i);
        }
        for (; i < to; i++) {
            float acc = first[i];
            for (int p = 1; p < count; p++) acc += parts[p][i];
            out[i] = acc;
        }
    }

    /** out[j] = sum over rows i of a[i][j], added in row order (independent of threads). */
    public static void columnSums(float[] a, int aOff, int rows, int cols, int lda, float[] out, int outOff) {
        columnSums(a, aOff, rows, cols, lda, out, outOff, false);
    }

    /**
     * With {@code accumulate}, adds the column sums to {@code out}: each column's chain of adds
     * starts from the value in {@code out}, so sums over consecutive row blocks equal, bit for bit,
     * the sum over all their rows at once.
     */
    public static void columnSums(float[] a, int aOff, int rows, int cols, int lda, float[] out, int outOff,
                                  boolean accumulate) {
        if (!accumulate) {
            Arrays.fill(out, outOff, outOff + cols, 0f);
        }
        // Every chain starts from the value in out. One loop shape per method: with all three in one
        // method C2 sometimes recompiled it after an uncommon trap and then boxed every vector.
        int j = 0;
        for (; j + 4 * LANES <= cols; j += 4 * LANES) {
            addRowsFourVectors(a, aOff + j, rows, lda, out, outOff + j);
        }
        for (; j + LANES <= cols; j += LANES) {
            addRowsOneVector(a, aOff + j, rows, lda, out, outOff + j);
        }
        if (j < cols) {
            addRowsMasked(a, aOff + j, rows, lda, out, outOff + j, cols - j);
        }
    }

    /** Four column vectors per sweep over the rows keep four independent add chains in flight. */
    private static void addRowsFourVectors(float[] a, int aOff, int rows, int lda, float[] out, int outOff) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, out, outOff);
        FloatVector s1 = FloatVector.fromArray(SPECIES, out, outOff + LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, out, outOff + 2 * LANES);
        FloatVector s3 = FloatVector.fromArray(SPECIES, out, outOff + 3 * LANES);
        for (int i = 0, r = aOff; i < rows; i++, r += lda) {
            s0 = s0.add(FloatVector.fromArray(SPECIES, a, r));
            s1 = s1.add(FloatVector.fromArray(SPECIES, a, r + LANES));
            s2 = s2.add(FloatVector.fromArray(SPECIES, a, r + 2 * LANES));
            s3 = s3.add(FloatVector.fromArray(SPECIES, a, r + 3 * LANES));
        }
        s0.intoArray(out, outOff);
        s1.intoArray(out, outOff + LANES);
        s2.intoArray(out, outOff + 2 * LANES);
        s3.intoArray(out, outOff + 3 * LANES);
    }

    private static void addRowsOneVector(float[] a, int aOff, int rows, int lda, float[] out, int outOff) {
        FloatVector s = FloatVector.fromArray(SPECIES, out, outOff);
        for (int i = 0, r = aOff; i < rows; i++, r += lda) {
            s = s.add(FloatVector.fromArray(SPECIES, a, r));
        }
        s.intoArray(out, outOff);
    }

    /** The mask is made here: one passed in from the caller would be boxed if C2 did not inline this. */
    private static void addRowsMasked(float[] a, int aOff, int rows, int lda, float[] out, int outOff, int cols) {
        VectorMask<Float> m = SPECIES.indexInRange(0, cols);
        FloatVector s = FloatVector.fromArray(SPECIES, out, outOff, m);
        for (int i = 0, r = aOff; i < rows; i++, r += lda) {
            s = s.add(FloatVector.fromArray(SPECIES, a, r, m));
        }
        s.intoArray(out, outOff, m);
    }

    /** Rows at most this wide are compared with the rows in the lanes; wider ones take the vector max along the row. */
    static final int LANES_ARGMAX_MAX_COLS = 2 * LANES;

    /** Per-thread block of {@link RowLanes}, reused: no allocation per call. */
    private static final ThreadLocal<float[]> ARGMAX_BLOCK = ThreadLocal.withInitial(() -> new float[LANES_ARGMAX_MAX_COLS * LANES]);

    /** out[i] = index of the largest entry of row i (first one on ties). */
    public static void rowArgmax(float[] a, int aOff, int rows, int cols, int lda, int[] out, int outOff) {
        if (cols <= LANES_ARGMAX_MAX_COLS) {
            narrowRowArgmax(a, aOff, rows, cols, lda, out, outOff);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int row = aOff + i * lda;
            FloatVector mx = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < cols; j += LANES) {
                VectorMask<Float> m = SPECIES.indexInRange(j, cols);
                mx = mx.max(FloatVector.fromArray(SPECIES, a, row + j, m).blend(Float.NEGATIVE_INFINITY, m.not()));
            }
            float max = mx.reduceLanes(VectorOperators.MAX);
            int best = -1;
            if (max == max) { // NaN compares unequal to everything: the scalar rule below handles it
                for (int j = 0; j < cols && best < 0; j += LANES) {
                    VectorMask<Float> m = SPECIES.indexInRange(j, cols);
                    int t = FloatVector.fromArray(SPECIES, a, row + j, m).compare(VectorOperators.EQ, max).and(m).firstTrue();
                    if (t < LANES) best = j + t;
                }
            }
            if (best < 0) {
                best = 0;
                for (int j = 1; j < cols; j++) {
                    if (a[row + j] > a[row + best]) best = j;
                }
            }
            out[outOff + i] = best;
        }
    }

    /**
     * The reference's rule (a later entry wins only if strictly greater, so NaN never wins) with a block of rows
     * in the vector lanes, one compare and two blends per column: the scalar loop with conditional moves took
     * 25-30 ns a row of 10 classes, a vector max along each row and the branching loop longer still.
     */
    private static void narrowRowArgmax(float[] a, int aOff, int rows, int cols, int lda, int[] out, int outOff) {
        float[] block = ARGMAX_BLOCK.get();
        for (int r0 = 0; r0 < rows; r0 += LANES) {
            int n = Math.min(LANES, rows - r0);
            RowLanes.transpose(a, aOff + r0 * lda, n, cols, lda, block);
            RowLanes.argmax(block, cols, n, out, outOff + r0);
        }
    }
}
