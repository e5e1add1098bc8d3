package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * A 4 x 4 block of C = op(A) * op(B) as sixteen dot products along k, for A not transposed and B
 * transposed (both operands then run contiguously along k). This keeps every lane busy when C has
 * few columns (10 or 32 outputs), where the packed kernel would pad most of its NR = 32 columns,
 * and it reads A in place: nothing is packed.
 *
 * <p>Rows or columns past the edge of C are clamped to the last valid one (computed twice, written
 * once), so the loop body has no branches. The sixteen accumulators are reduced across lanes by a
 * fixed butterfly (blend, swap, add), never by {@code reduceLanes}, whose order is unspecified: the
 * bits of C must not depend on the JIT tier.
 */
final class DotKernel {
    private DotKernel() {}

    /** Tile rows and columns. */
    static final int TILE = 4;
    /** The butterfly below is written for 4, 8 or 16 lanes. */
    static final boolean SUPPORTED = LANES == 4 || LANES == 8 || LANES == 16;

    private static final VectorShuffle<Float> SW1 = swap(LANES >> 1), SW2 = swap(LANES >> 2),
            SW3 = swap(LANES >> 3), SW4 = swap(LANES >> 4);
    private static final VectorMask<Float> HI1 = upper(LANES >> 1), HI2 = upper(LANES >> 2),
            HI3 = upper(LANES >> 3), HI4 = upper(LANES >> 4);
    /** Accumulator (row * 4 + column) whose total ends up in lane t of the reduced vectors. */
    private static final int[] OWNER = owners();

    private static VectorShuffle<Float> swap(int h) {
        return VectorShuffle.fromOp(SPECIES, i -> i ^ h);
    }

    private static VectorMask<Float> upper(int h) {
        boolean[] bits = new boolean[LANES];
        for (int i = 0; i < LANES; i++) bits[i] = (i & h) != 0;
        return VectorMask.fromArray(SPECIES, bits, 0);
    }

    /** Replays the butterfly on lane owners to learn where each accumulator's total lands. */
    private static int[] owners() {
        int[][] vecs = new int[16][LANES];
        for (int q = 0; q < 16; q++) java.util.Arrays.fill(vecs[q], q);
        for (int h = LANES >> 1; h >= 1; h >>= 1) {
            int[][] next = new int[vecs.length / 2][LANES];
            for (int v = 0; v < next.length; v++) {
                for (int i = 0; i < LANES; i++) {
                    next[v][i] = (i & h) == 0 ? vecs[2 * v][i] : vecs[2 * v + 1][i];
                }
            }
            vecs = next;
        }
        int[] owner = new int[16];
        int t = 0;
        for (int[] v : vecs) for (int o : v) owner[t++] = o;
        return owner;
    }

    /**
     * C[i0..i0+4) x [j0..j0+4) (clipped to m x n) = alpha * A B^T + betaEff * C, C not read unless
     * {@code readC}. A row i at a[aOff + i * lda], B row j at b[bOff + j * ldb], both k long.
     * {@code tile} holds at least 16 floats of scratch.
     */
    static void kernel(int k, float[] a, int aOff, int lda, int i0, int m,
                       float[] b, int bOff, int ldb, int j0, int n,
                       float[] c, int cOff, int ldc,
                       float alpha, boolean readC, float betaEff, float[] tile) {
        int a0 = aOff + Math.min(i0, m - 1) * lda;
        int a1 = aOff + Math.min(i0 + 1, m - 1) * lda;
        int a2 = aOff + Math.min(i0 + 2, m - 1) * lda;
        int a3 = aOff + Math.min(i0 + 3, m - 1) * lda;
        int b0 = bOff + Math.min(j0, n - 1) * ldb;
        int b1 = bOff + Math.min(j0 + 1, n - 1) * ldb;
        int b2 = bOff + Math.min(j0 + 2, n - 1) * ldb;
        int b3 = bOff + Math.min(j0 + 3, n - 1) * ldb;
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        FloatVector c8 = FloatVector.zero(SPECIES);
        FloatVector c9 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES);
        FloatVector c13 = FloatVector.zero(SPECIES);
        FloatVector c14 = FloatVector.zero(SPECIES);
        FloatVector c15 = FloatVector.zero(SPECIES);
        int kFull = k - k % LANES;
        int p = 0;
        for (; p < kFull; p += LANES) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, a0 + p);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a, a2 + p);
            FloatVector x3 = FloatVector.fromArray(SPECIES, a, a3 + p);
            FloatVector y = FloatVector.fromArray(SPECIES, b, b0 + p);
            c0 = x0.fma(y, c0);
            c4 = x1.fma(y, c4);
            c8 = x2.fma(y, c8);
            c12 = x3.fma(y, c12);
            y = FloatVector.fromArray(SPECIES, b, b1 + p);
            c1 = x0.fma(y, c1);
            c5 = x1.fma(y, c5);
            c9 = x2.fma(y, c9);
            c13 = x3.fma(y, c13);
            y = FloatVector.fromArray(SPECIES, b, b2 + p);
            c2 = x0.fma(y, c2);
            c6 = x1.fma(y, c6);
            c10 = x2.fma(y, c10);
            c14 = x3.fma(y, c14);
            y = FloatVector.fromArray(SPECIES, b, b3 + p);
            c3 = x0.fma(y, c3);
            c7 = x1.fma(y, c7);
            c11 = x2.fma(y, c11);
            c15 = x3.fma(y, c15);
        }
        if (p < k) {
            VectorMask<Float> tail = SPECIES.indexInRange(p, k);
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, a0 + p, tail);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a, a1 + p, tail);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a, a2 + p, tail);
            FloatVector x3 = FloatVector.fromArray(SPECIES, a, a3 + p, tail);
            FloatVector y = FloatVector.fromArray(SPECIES, b, b0 + p, tail);
            c0 = x0.fma(y, c0);
            c4 = x1.fma(y, c4);
            c8 = x2.fma(y, c8);
            c12 = x3.fma(y, c12);
            y = FloatVector.fromArray(SPECIES, b, b1 + p, tail);
            c1 = x0.fma(y, c1);
            c5 = x1.fma(y, c5);
            c9 = x2.fma(y, c9);
            c13 = x3.fma(y, c13);
            y = FloatVector.fromArray(SPECIES, b, b2 + p, tail);
            c2 = x0.fma(y, c2);
            c6 = x1.fma(y, c6);
            c10 = x2.fma(y, c10);
            c14 = x3.fma(y, c14);
            y = FloatVector.fromArray(SPECIES, b, b3 + p, tail);
            c3 = x0.fma(y, c3);
            c7 = x1.fma(y, c7);
            c11 = x2.fma(y, c11);
            c15 = x3.fma(y, c15);
        }
        // Butterfly: each level halves the vector count; lane sums are added in a fixed order.
        FloatVector u0 = c0.blend(c1, HI1).add(c1.blend(c0, HI1).rearrange(SW1)), u1 = c2.blend(c3, HI1).add(c3.blend(c2, HI1).rearrange(SW1)), u2 = c4.blend(c5, HI1).add(c5.blend(c4, HI1).rearrange(SW1)), u3 = c6.blend(c7, HI1).add(c7.blend(c6, HI1).rearrange(SW1)), u4 = c8.blend(c9, HI1).add(c9.blend(c8, HI1).rearrange(SW1)), u5 = c10.blend(c11, HI1).add(c11.blend(c10, HI1).rearrange(SW1)), u6 = c12.blend(c13, HI1).add(c13.blend(c12, HI1).rearrange(SW1)), u7 = c14.blend(c15, HI1).add(c15.blend(c14, HI1).rearrange(SW1));
        FloatVector w0 = u0.blend(u1, HI2).add(u1.blend(u0, HI2).rearrange(SW2)), w1 = u2.blend(u3, HI2).add(u3.blend(u2, HI2).rearrange(SW2)), w2 = u4.blend(u5, HI2).add(u5.blend(u4, HI2).rearrange(SW2)), w3 = u6.blend(u7, HI2).add(u7.blend(u6, HI2).rearrange(SW2));
        if (LANES == 4) {
            w0.intoArray(tile, 0); w1.intoArray(tile, 4); w2.intoArray(tile, 8); w3.intoArray(tile, 12);
        } else {
            FloatVector x0 = w0.blend(w1, HI3).add(w1.blend(w0, HI3).rearrange(SW3)), x1 = w2.blend(w3, HI3).add(w3.blend(w2, HI3).rearrange(SW3));
            if (LANES == 8) {
                x0.intoArray(tile, 0); x1.intoArray(tile, 8);
            } else {
                x0.blend(x1, HI4).add(x1.blend(x0, HI4).rearrange(SW4)).intoArray(tile, 0);
            }
        }
        int rows = Math.min(TILE, m - i0);
        int cols = Math.min(TILE, n - j0);
        for (int t = 0; t < 16; t++) {
            int q = OWNER[t];
            int r = q >> 2, s = q & 3;
            if (r < rows && s < cols) {
                int ci = cOff + (i0 + r) * ldc + j0 + s;
                float v = alpha * tile[t];
                c[ci] = readC ? Math.fma(c[ci], betaEff, v) : v;
            }
        }
    }
}
