package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReductionsTest {
    private static final int[] SIZES = {1, 2, 7, 15, 16, 17, 31, 33, 64, 65, 127, 129};

    static float[] random(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    @Test
    void sumInOrderEqualsItsReferenceBitForBitAndLeavesTheRestAlone() {
        for (int count : new int[] {1, 2, 3, 30}) {
            for (int len : SIZES) {
                float[][] parts = new float[count][];
                for (int p = 0; p < count; p++) parts[p] = random(len + 5, 1000L * count + 7 * len + p);
                float[] got = new float[len + 5], expected = new float[len + 5];
                java.util.Arrays.fill(got, -7f);
                java.util.Arrays.fill(expected, -7f);
                // an awkward sub-range [2, len + 2): the vector loop starts off the array's start
                Reductions.sumInOrder(parts, count, got, 2, len + 2);
                ReductionsReference.sumInOrder(parts, count, expected, 2, len + 2);
                assertArrayEquals(expected, got, "parts " + count + " length " + len);
                // any cut of the range gives the same bits (how threads split the final sum)
                float[] cut = new float[len + 5];
                java.util.Arrays.fill(cut, -7f);
                int mid = 2 + len / 3;
                Reductions.sumInOrder(parts, count, cut, mid, len + 2);
                Reductions.sumInOrder(parts, count, cut, 2, mid);
                assertArrayEquals(expected, cut, "cut at " + mid);
            }
        }
    }

    @Test
    void columnSumsMatchReference() {
        for (int rows : new int[] {1, 7, 128, 1000}) {
            for (int cols : SIZES) {
                int lda = cols + 2;
                float[] a = random(3 + rows * lda, rows * 31L + cols);
                float[] got = new float[cols + 4], expected = new float[cols + 4];
                Reductions.columnSums(a, 3, rows, cols, lda, got, 1);
                ReductionsReference.columnSums(a, 3, rows, cols, lda, expected, 1);
                for (int j = 0; j < got.length; j++) {
                    assertEquals(expected[j], got[j], 1e-6 * rows, "rows " + rows + " cols " + cols + " col " + j);
                }
            }
        }
    }

    @Test
    void columnSumsAccumulatedOverRowBlocksEqualOnePassBitForBit() {
        for (int cols : SIZES) {
            int rows = 300, lda = cols + 1;
            float[] a = random(rows * lda, cols);
            float[] whole = new float[cols], blocks = new float[cols], reference = new float[cols];
            Reductions.columnSums(a, 0, rows, cols, lda, whole, 0);
            Reductions.columnSums(a, 0, 128, cols, lda, blocks, 0, false);
            Reductions.columnSums(a, 128 * lda, 100, cols, lda, blocks, 0, true);
            Reductions.columnSums(a, 228 * lda, 72, cols, lda, blocks, 0, true);
            assertArrayEquals(whole, blocks, 0f, "cols " + cols);
            ReductionsReference.columnSums(a, 0, 200, cols, lda, reference, 0, false);
            ReductionsReference.columnSums(a, 200 * lda, 100, cols, lda, reference, 0, true);
            for (int j = 0; j < cols; j++) assertEquals(whole[j], reference[j], 1e-4, "cols " + cols + " col " + j);
        }
    }

    @Test
    void rowArgmaxMatchesReferenceIncludingTiesAndNaN() {
        SplittableRandom r = new SplittableRandom(9);
        for (int cols : SIZES) {
            int rows = 50, lda = cols + 1;
            float[] a = new float[2 + rows * lda];
            for (int i = 0; i < a.length; i++) a[i] = r.nextInt(4) - 2; // many ties
            a[2 + 3 * lda] = Float.NaN;
            a[2 + 4 * lda + cols - 1] = Float.NaN;
            a[2 + 5 * lda] = -0f;
            int[] got = new int[rows + 1], expected = new int[rows + 1];
            Reductions.rowArgmax(a, 2, rows, cols, lda, got, 1);
            ReductionsReference.rowArgmax(a, 2, rows, cols, lda, expected, 1);
            assertArrayEquals(expected, got, "cols " + cols);
        }
    }

    @Test
    void sgdKernelMatchesItsReferenceBitForBit() {
        for (int len : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1000}) {
            for (boolean momentum : new boolean[] {false, true}) {
                float[] w1 = random(len + 2, len), g = random(len + 3, len + 1);
                w1[1] = 0f;
                float[] v1 = momentum ? random(len + 1, len + 2) : null;
                float[] w2 = w1.clone(), v2 = momentum ? v1.clone() : null;
                SgdKernel.update(w1, 1, g, 2, v1, 1, len, 0.05f, 0.9f, 1e-3f, 1e-2f);
                SgdKernelReference.update(w2, 1, g, 2, v2, 1, len, 0.05f, 0.9f, 1e-3f, 1e-2f);
                assertArrayEquals(w2, w1, 0f);
                if (momentum) assertArrayEquals(v2, v1, 0f);
            }
        }
    }

    @Test
    void nesterovSgdKernelMatchesItsReferenceBitForBit() {
        for (int len : new int[] {0, 1, 15, 16, 17, 33, 100}) {
            float[] w1 = random(len + 2, 3 * len), g = random(len + 3, 3 * len + 1), v1 = random(len + 1, 3 * len + 2);
            w1[1] = 0f;
            float[] w2 = w1.clone(), v2 = v1.clone(), wClassical = w1.clone(), vClassical = v1.clone();
            SgdKernel.update(w1, 1, g, 2, v1, 1, len, 0.05f, 0.9f, 1e-3f, 1e-2f, true);
            SgdKernelReference.update(w2, 1, g, 2, v2, 1, len, 0.05f, 0.9f, 1e-3f, 1e-2f, true);
            assertBits(w2, w1, "weights, length " + len);
            assertBits(v2, v1, "velocities, length " + len);
            // Same velocity as classical, other weights: the flag reaches every element.
            SgdKernel.update(wClassical, 1, g, 2, vClassical, 1, len, 0.05f, 0.9f, 1e-3f, 1e-2f, false);
            assertBits(vClassical, v1, "velocity as classical, length " + len);
            for (int i = 1; i <= len; i++) {
                org.junit.jupiter.api.Assertions.assertNotEquals(wClassical[i], w1[i], "element " + i + " of " + len);
            }
        }
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), what + " at " + i);
        }
    }
}
