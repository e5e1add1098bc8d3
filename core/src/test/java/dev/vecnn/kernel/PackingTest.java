package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.A_STRIDE;
import static dev.vecnn.kernel.Blocking.MR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PackingTest {
    private static final int[] ROWS = {1, 2, 7, 8, 9, 15, 16, 17, 33, 192};
    private static final int[] DEPTHS = {1, 2, 7, 15, 16, 17, 31, 32, 33, 255, 256};

    /** The vector packing equals the scalar reference exactly, whatever the edges, offsets and padding. */
    @Test
    void packAEqualsScalarReference() {
        for (boolean transA : new boolean[] {false, true}) {
            for (int mc : ROWS) {
                for (int kc : DEPTHS) {
                    int i0 = 3, p0 = 5, rows = i0 + mc + 2, depth = p0 + kc + 1;
                    // op(A) is rows x depth; stored transposed when transA, with padded leading dimension
                    int storedRows = transA ? depth : rows, storedCols = transA ? rows : depth;
                    int lda = storedCols + 3, aOff = 7;
                    float[] a = ReductionsTest.random(aOff + storedRows * lda, mc * 1000L + kc + (transA ? 1 : 0));
                    int len = Blocking.roundUp(mc, MR) * kc * A_STRIDE;
                    float[] got = new float[len + 16], expected = new float[len + 16];
                    Arrays.fill(got, Float.NaN); // every packed element must be written, padding rows included
                    Arrays.fill(expected, Float.NaN);
                    Packing.packA(transA, a, aOff, lda, i0, mc, p0, kc, got);
                    Packing.packAReference(transA, a, aOff, lda, i0, mc, p0, kc, expected, 0);
                    String what = (transA ? "A^T" : "A") + " mc " + mc + " kc " + kc;
                    assertArrayEquals(expected, got, 0f, what);
                    for (int i = 0; i < len; i++) {
                        if (Float.isNaN(got[i])) throw new AssertionError(what + ": element " + i + " not written");
                    }
                }
            }
        }
    }

    /** The same for B panels: full and cut panels, both orientations, offsets and padding. */
    @Test
    void packBEqualsScalarReference() {
        for (boolean transB : new boolean[] {false, true}) {
            for (int nc : new int[] {1, 7, 8, 9, 16, 17, 31, 32, 33, 63, 64, 65, 130}) {
                for (int kc : DEPTHS) {
                    int j0 = 2, p0 = 5, cols = j0 + nc + 3, depth = p0 + kc + 1;
                    // op(B) is depth x cols; stored transposed when transB
                    int storedRows = transB ? cols : depth, storedCols = transB ? depth : cols;
                    int ldb = storedCols + 5, bOff = 4;
                    float[] b = ReductionsTest.random(bOff + storedRows * ldb, nc * 1000L + kc + (transB ? 1 : 0));
                    int len = Blocking.roundUp(nc, Blocking.NR) * kc;
                    float[] got = new float[len + 20], expected = new float[len + 20];
                    Arrays.fill(got, Float.NaN);
                    Arrays.fill(expected, Float.NaN);
                    Packing.packB(transB, b, bOff, ldb, j0, nc, p0, kc, got, 3);
                    Packing.packBReference(transB, b, bOff, ldb, j0, nc, p0, kc, expected, 3);
                    String what = (transB ? "B^T" : "B") + " nc " + nc + " kc " + kc;
                    assertArrayEquals(expected, got, 0f, what);
                    for (int i = 3; i < 3 + len; i++) {
                        if (Float.isNaN(got[i])) throw new AssertionError(what + ": element " + i + " not written");
                    }
                }
            }
        }
    }

    /** The references themselves against the documented layouts, so a pair cannot be wrong together. */
    @Test
    void referencesFollowTheDocumentedLayouts() {
        int mc = 11, kc = 19, lda = 40;
        float[] a = ReductionsTest.random(lda * 40, 5);
        for (boolean transA : new boolean[] {false, true}) {
            float[] dst = new float[Blocking.roundUp(mc, MR) * kc * A_STRIDE];
            Packing.packAReference(transA, a, 1, lda, 2, mc, 3, kc, dst, 0);
            for (int i = 0; i < Blocking.roundUp(mc, MR); i++) {
                for (int p = 0; p < kc; p++) {
                    float want = i >= mc ? 0f : transA ? a[1 + (3 + p) * lda + 2 + i] : a[1 + (2 + i) * lda + 3 + p];
                    int panel = i / MR, r = i % MR;
                    int at = (panel * kc * MR + p * MR + r) * A_STRIDE;
                    for (int s = 0; s < A_STRIDE; s++) {
                        if (dst[at + s] != want) throw new AssertionError("A^T " + transA + " (" + i + ", " + p + ")");
                    }
                }
            }
        }
        int nc = 37, nr = Blocking.NR;
        for (boolean transB : new boolean[] {false, true}) {
            float[] dst = new float[Blocking.roundUp(nc, nr) * kc];
            Packing.packBReference(transB, a, 1, lda, 2, nc, 3, kc, dst, 0);
            for (int j = 0; j < Blocking.roundUp(nc, nr); j++) {
                for (int p = 0; p < kc; p++) {
                    float want = j >= nc ? 0f : transB ? a[1 + (2 + j) * lda + 3 + p] : a[1 + (3 + p) * lda + 2 + j];
                    if (dst[(j / nr) * kc * nr + p * nr + j % nr] != want) {
                        throw new AssertionError("B^T " + transB + " (" + p + ", " + j + ")");
                    }
                }
            }
        }
    }
}
