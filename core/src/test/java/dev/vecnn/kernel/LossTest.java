package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossTest {
    private static final int[] COLS = {1, 2, 7, 10, 15, 16, 17, 33, 100};

    static void assertClose(float[] expected, float[] got, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 2e-6 * Math.abs(expected[i]) + 1e-7, what + " at " + i);
        }
    }

    @Test
    void softmaxCrossEntropyMatchesReference() {
        SplittableRandom r = new SplittableRandom(3);
        for (int cols : COLS) {
            for (int rows : new int[] {1, 7, 64}) {
                int ld = cols + 3, off = 2;
                float[] z = new float[off + rows * ld];
                for (int i = 0; i < z.length; i++) z[i] = (float) (r.nextDouble() * 20 - 10);
                int[] labels = new int[rows + 1];
                for (int i = 0; i < labels.length; i++) labels[i] = r.nextInt(cols);
                float[] p1 = new float[z.length], g1 = new float[z.length], p2 = new float[z.length], g2 = new float[z.length];
                double got = SoftmaxCrossEntropy.forwardBackward(z, off, rows, cols, ld, labels, 1, p1, g1, 1f / rows);
                double expected = LossReference.softmaxCrossEntropy(z, off, rows, cols, ld, labels, 1, p2, g2, 1f / rows);
                assertEquals(expected, got, 1e-5 * Math.abs(expected) + 1e-6, "loss cols " + cols);
                assertClose(p2, p1, "probs cols " + cols);
                assertClose(g2, g1, "grad cols " + cols);
            }
        }
    }

    @Test
    void softmaxCrossEntropyStaysFiniteForExtremeLogits() {
        float[][] rowsOfLogits = {
            {1e4f, -1e4f, 0f, 1e4f, -1e4f, 3f, 2f, 1f, 0f, -1f},
            {-1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f},
            {5f, 5f, 5f, 5f, 5f, 5f, 5f, 5f, 5f, 5f},
            {-1e4f, 1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f}};
        for (int cols : new int[] {10, 40}) {
            float[] z = new float[rowsOfLogits.length * cols];
            for (int r = 0; r < rowsOfLogits.length; r++) {
                for (int j = 0; j < cols; j++) z[r * cols + j] = rowsOfLogits[r][j % 10];
            }
            int[] labels = {2, 4, 7, 1};
            float[] p = new float[z.length], g = new float[z.length];
            float[] pr = new float[z.length], gr = new float[z.length];
            double loss = SoftmaxCrossEntropy.forwardBackward(z, 0, 4, cols, cols, labels, 0, p, g, 0.25f);
            double ref = LossReference.softmaxCrossEntropy(z, 0, 4, cols, cols, labels, 0, pr, gr, 0.25f);
            assertTrue(Double.isFinite(loss), "loss " + loss);
            assertEquals(ref, loss, 1e-6 * Math.abs(ref) + 1e-6);
            for (int i = 0; i < z.length; i++) {
                assertTrue(Float.isFinite(p[i]) && Float.isFinite(g[i]), "entry " + i);
            }
            assertClose(pr, p, "probs");
            assertClose(gr, g, "grad");
        }
    }

    @Test
    void softmaxRowBitsDoNotDependOnTheRowsBesideThem() {
        SplittableRandom r = new SplittableRandom(11);
        int rows = 37, cols = 10;
        float[] z = new float[rows * cols];
        for (int i = 0; i < z.length; i++) z[i] = (float) (r.nextDouble() * 16 - 8);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) labels[i] = r.nextInt(cols);
        float[] pAll = new float[z.length], gAll = new float[z.length];
        SoftmaxCrossEntropy.forwardBackward(z, 0, rows, cols, cols, labels, 0, pAll, gAll, 0.125f);
        for (int start = 0; start < rows; start += 5) {
            int n = Math.min(5, rows - start);
            float[] p = new float[z.length], g = new float[z.length];
            SoftmaxCrossEntropy.forwardBackward(z, start * cols, n, cols, cols, labels, start, p, g, 0.125f);
            for (int i = start * cols; i < (start + n) * cols; i++) {
                assertEquals(Float.floatToRawIntBits(pAll[i]), Float.floatToRawIntBits(p[i]), "prob " + i);
                assertEquals(Float.floatToRawIntBits(gAll[i]), Float.floatToRawIntBits(g[i]), "grad " + i);
            }
        }
    }

    @Test
    void blockLossesAddUpToTheBitsOfOneCall() {
        SplittableRandom r = new SplittableRandom(12);
        int rows = 301, cols = 10, block = SoftmaxCrossEntropy.BLOCK_ROWS;
        float[] z = new float[rows * cols];
        for (int i = 0; i < z.length; i++) z[i] = (float) (r.nextDouble() * 30 - 15);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) labels[i] = r.nextInt(cols);
        float[] g1 = new float[z.length], g2 = new float[z.length];
        double whole = SoftmaxCrossEntropy.forwardBackward(z, 0, rows, cols, cols, labels, 0, null, g1, 0.5f);
        int blocks = (rows + block - 1) / block;
        double[] losses = new double[blocks];
        int cut = 7 * block; // two ranges, as two threads would take them
        SoftmaxCrossEntropy.blockLosses(z, cut * cols, rows - cut, cols, cols, labels, cut, null, g2, 0.5f, losses, 7);
        SoftmaxCrossEntropy.blockLosses(z, 0, cut, cols, cols, labels, 0, null, g2, 0.5f, losses, 0);
        double sum = 0;
        for (double l : losses) sum += l;
        assertEquals(Double.doubleToRawLongBits(whole), Double.doubleToRawLongBits(sum));
        for (int i = 0; i < z.length; i++) {
            assertEquals(Float.floatToRawIntBits(g1[i]), Float.floatToRawIntBits(g2[i]), "grad " + i);
        }
        double expected = LossReference.softmaxCrossEntropy(z, 0, rows, cols, cols, labels, 0, null, new float[z.length], 0.5f);
        assertEquals(expected, whole, 1e-6 * Math.abs(expected));
    }

    /**
     * The predictions the softmax pass finds in its lanes are the reference argmax's: ties to the first class,
     * NaN never winning, -0 and 0 equal, infinities; rows around a block's length, classes from 1 to 40.
     */
    @Test
    void predictionsFromTheSoftmaxPassAreTheReferenceArgmax() {
        SplittableRandom r = new SplittableRandom(31);
        float[] specials = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, 1f};
        int checked = 0;
        for (int cols : new int[] {1, 2, 3, 10, 17, 40}) {
            for (int rows : new int[] {1, 15, 16, 17, 33, 100}) {
                float[] z = new float[rows * cols + 5];
                for (int i = 0; i < z.length; i++) {
                    z[i] = r.nextInt(4) == 0 ? specials[r.nextInt(specials.length)] : (float) r.nextInt(5);
                }
                int[] labels = new int[rows];
                for (int i = 0; i < rows; i++) labels[i] = r.nextInt(cols);
                int off = 5 % (cols + 1);
                int[] expected = new int[rows + 2], got = new int[rows + 2];
                java.util.Arrays.fill(got, -7);
                ReductionsReference.rowArgmax(z, off, rows, cols, cols, expected, 1);
                double[] losses = new double[(rows + SoftmaxCrossEntropy.BLOCK_ROWS - 1) / SoftmaxCrossEntropy.BLOCK_ROWS];
                SoftmaxCrossEntropy.blockLosses(z, off, rows, cols, cols, labels, 0, null, new float[z.length], 1f, losses, 0,
                        got, 1);
                assertEquals(-7, got[0], "before the rows");
                assertEquals(-7, got[rows + 1], "after the rows");
                for (int i = 1; i <= rows; i++) {
                    assertEquals(expected[i], got[i], cols + " classes, row " + (i - 1) + " of " + rows);
                }
                checked++;
            }
        }
        assertEquals(36, checked);
        assertThrows(IllegalArgumentException.class, () -> SoftmaxCrossEntropy.blockLosses(new float[20], 0, 2, 10, 10,
                new int[] {0, 1}, 0, null, null, 1f, new double[1], 0, new int[1], 0));
    }

    @Test
    void softmaxGradientMayOverwriteTheLogits() {
        float[] z = {1f, 2f, 3f, -1f, 0.5f, 4f};
        float[] expectedGrad = new float[6];
        double expected = LossReference.softmaxCrossEntropy(z.clone(), 0, 2, 3, 3, new int[] {0, 2}, 0, null, expectedGrad, 0.5f);
        double got = SoftmaxCrossEntropy.forwardBackward(z, 0, 2, 3, 3, new int[] {0, 2}, 0, null, z, 0.5f);
        assertEquals(expected, got, 1e-6);
        assertClose(expectedGrad, z, "in-place grad");
    }

    @Test
    void softmaxRejectsLabelsOutsideTheRow() {
        assertThrows(IllegalArgumentException.class, () ->
                SoftmaxCrossEntropy.forwardBackward(new float[10], 0, 1, 10, 10, new int[] {10}, 0, null, null, 1f));
    }

    @Test
    void sigmoidBinaryCrossEntropyMatchesReference() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {0, 1, 7, 16, 17, 33, 1000}) {
            float[] z = new float[n + 3], t = new float[n + 2];
            for (int i = 0; i < z.length; i++) {
                z[i] = r.nextInt(5) == 0 ? (r.nextBoolean() ? 1e4f : -1e4f) : (float) (r.nextDouble() * 30 - 15);
            }
            for (int i = 0; i < t.length; i++) t[i] = r.nextBoolean() ? 1f : 0f;
            float[] p1 = new float[z.length], g1 = new float[z.length], p2 = new float[z.length], g2 = new float[z.length];
            double got = SigmoidBinaryCrossEntropy.forwardBackward(z, 3, n, t, 2, p1, g1, 0.1f);
            double expected = LossReference.sigmoidBinaryCrossEntropy(z, 3, n, t, 2, p2, g2, 0.1f);
            assertTrue(Double.isFinite(got));
            assertEquals(expected, got, 1e-5 * Math.abs(expected) + 1e-6, "n " + n);
            assertClose(p2, p1, "probs n " + n);
            assertClose(g2, g1, "grad n " + n);
        }
    }
}
