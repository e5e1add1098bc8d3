package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Matrix-vector products, for a C of one column (a one-vs-rest neuron: its forward pass and its
 * weight gradient), where the GEMM tiles would compute 4 (dot tile) or 8 (packed tile) copies of
 * the one column. Each writes plain sums; {@link Gemm} applies alpha, beta, bias and activation.
 *
 * <p>Every element is one chain of operations in a fixed order whatever range it falls in, so
 * splitting the rows or columns over threads does not change a bit.
 */
final class GemvKernel {
    private GemvKernel() {}

    /**
     * sums[i] = sum over p of a[aOff + i * lda + p] * x[p], for rows [from, to). Four rows share each
     * load of x; per row, LANES partial sums along k, added across lanes in lane order at the end
     * (through {@code scratch}, at least LANES floats: reduceLanes leaves the order to the JIT, and
     * interpreted and compiled code were seen to round differently), then the k % LANES tail in order.
     */
    static void rowsTimesX(int k, float[] a, int aOff, int lda, int from, int to, float[] x, float[] sums,
                           float[] scratch) {
        int kv = k - k % LANES;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < kv; p += LANES) {
                FloatVector xv = FloatVector.fromArray(SPECIES, x, p);
                s0 = FloatVector.fromArray(SPECIES, a, r0 + p).fma(xv, s0);
                s1 = FloatVector.fromArray(SPECIES, a, r1 + p).fma(xv, s1);
                s2 = FloatVector.fromArray(SPECIES, a, r2 + p).fma(xv, s2);
                s3 = FloatVector.fromArray(SPECIES, a, r3 + p).fma(xv, s3);
            }
            sums[i] = tail(sumLanes(s0, scratch), a, r0, x, kv, k);
            sums[i + 1] = tail(sumLanes(s1, scratch), a, r1, x, kv, k);
            sums[i + 2] = tail(sumLanes(s2, scratch), a, r2, x, kv, k);
            sums[i + 3] = tail(sumLanes(s3, scratch), a, r3, x, kv, k);
        }
        for (; i < to; i++) { // the same chain as above, one row at a time
            int r = aOff + i * lda;
            FloatVector s = FloatVector.zero(SPECIES);
            for (int p = 0; p < kv; p += LANES) {
                s = FloatVector.fromArray(SPECIES, a, r + p).fma(FloatVector.fromArray(SPECIES, x, p), s);
            }
            sums[i] = tail(sumLanes(s, scratch), a, r, x, kv, k);
        }
    }

    private static float sumLanes(FloatVector v, float[] scratch) {
        v.intoArray(scratch, 0);
        float s = scratch[0];
        for (int j = 1; j < LANES; j++) {
            s += scratch[j];
        }
        return s;
    }

    private static float tail(float s, float[] a, int row, float[] x, int from, int k) {
        for (int p = from; p < k; p++) {
            s = Math.fma(a[row + p], x[p], s);
        }
        return s;
    }

    /**
     * sums[i] = sum over p of a[aOff + p * lda + i] * x[xOff + p * incx], for columns [from, to) of a
     * (A transposed): each row of a is added, scaled, to four vectors of running sums. A column's sum
     * is the chain fma(a, x, s) over p in order, in a vector lane or (last columns) in scalar.
     */
    static void columnsTimesX(int k, float[] a, int aOff, int lda, int from, int to,
                              float[] x, int xOff, int incx, float[] sums) {
        int i = from;
        // Twelve vectors a pass: each pass reads 768 contiguous bytes of every row (L2 streams them well)
        // and the block's rows are walked a third as often as with four.
        for (; i + 12 * LANES <= to; i += 12 * LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0;
            FloatVector s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0;
            for (int p = 0, row = aOff + i, xi = xOff; p < k; p++, row += lda, xi += incx) {
                FloatVector xv = FloatVector.broadcast(SPECIES, x[xi]);
                s0 = FloatVector.fromArray(SPECIES, a, row).fma(xv, s0);
                s1 = FloatVector.fromArray(SPECIES, a, row + LANES).fma(xv, s1);
                s2 = FloatVector.fromArray(SPECIES, a, row + 2 * LANES).fma(xv, s2);
                s3 = FloatVector.fromArray(SPECIES, a, row + 3 * LANES).fma(xv, s3);
                s4 = FloatVector.fromArray(SPECIES, a, row + 4 * LANES).fma(xv, s4);
                s5 = FloatVector.fromArray(SPECIES, a, row + 5 * LANES).fma(xv, s5);
                s6 = FloatVector.fromArray(SPECIES, a, row + 6 * LANES).fma(xv, s6);
                s7 = FloatVector.fromArray(SPECIES, a, row + 7 * LANES).fma(xv, s7);
                s8 = FloatVector.fromArray(SPECIES, a, row + 8 * LANES).fma(xv, s8);
                s9 = FloatVector.fromArray(SPECIES, a, row + 9 * LANES).fma(xv, s9);
                s10 = FloatVector.fromArray(SPECIES, a, row + 10 * LANES).fma(xv, s10);
                s11 = FloatVector.fromArray(SPECIES, a, row + 11 * LANES).fma(xv, s11);
            }
            s0.intoArray(sums, i);
            s1.intoArray(sums, i + LANES);
            s2.intoArray(sums, i + 2 * LANES);
            s3.intoArray(sums, i + 3 * LANES);
            s4.intoArray(sums, i + 4 * LANES);
            s5.intoArray(sums, i + 5 * LANES);
            s6.intoArray(sums, i + 6 * LANES);
            s7.intoArray(sums, i + 7 * LANES);
            s8.intoArray(sums, i + 8 * LANES);
            s9.intoArray(sums, i + 9 * LANES);
            s10.intoArray(sums, i + 10 * LANES);
            s11.intoArray(sums, i + 11 * LANES);
        }
        for (; i + 4 * LANES <= to; i += 4 * LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0, row = aOff + i, xi = xOff; p < k; p++, row += lda, xi += incx) {
                FloatVector xv = FloatVector.broadcast(SPECIES, x[xi]);
                s0 = FloatVector.fromArray(SPECIES, a, row).fma(xv, s0);
                s1 = FloatVector.fromArray(SPECIES, a, row + LANES).fma(xv, s1);
                s2 = FloatVector.fromArray(SPECIES, a, row + 2 * LANES).fma(xv, s2);
                s3 = FloatVector.fromArray(SPECIES, a, row + 3 * LANES).fma(xv, s3);
            }
            s0.intoArray(sums, i);
            s1.intoArray(sums, i + LANES);
            s2.intoArray(sums, i + 2 * LANES);
            s3.intoArray(sums, i + 3 * LANES);
        }
        for (; i + LANES <= to; i += LANES) {
            FloatVector s = FloatVector.zero(SPECIES);
            for (int p = 0, row = aOff + i, xi = xOff; p < k; p++, row += lda, xi += incx) {
                s = FloatVector.fromArray(SPECIES, a, row).fma(FloatVector.broadcast(SPECIES, x[xi]), s);
            }
            s.intoArray(sums, i);
        }
        for (; i < to; i++) {
            float s = 0f;
            for (int p = 0, at = aOff + i, xi = xOff; p < k; p++, at += lda, xi += incx) {
                s = Math.fma(a[at], x[xi], s);
            }
            sums[i] = s;
        }
    }

    /**
     * {@link #rowsTimesX(int, float[], int, int, int, int, float[], float[], float[])} with A's values read as
     * pixels ({@link PixelDecode}): the same operations on the same values, so the same bits.
     */
    static void rowsTimesX(int k, byte[] a, int aOff, int lda, int from, int to, float[] x, float[] sums,
                           float[] scratch) {
        int kv = k - k % LANES;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < kv; p += LANES) {
                FloatVector xv = FloatVector.fromArray(SPECIES, x, p);
                s0 = PixelDecode.vector(a, r0 + p).fma(xv, s0);
                s1 = PixelDecode.vector(a, r1 + p).fma(xv, s1);
                s2 = PixelDecode.vector(a, r2 + p).fma(xv, s2);
                s3 = PixelDecode.vector(a, r3 + p).fma(xv, s3);
            }
            sums[i] = tail(sumLanes(s0, scratch), a, r0, x, kv, k);
            sums[i + 1] = tail(sumLanes(s1, scratch), a, r1, x, kv, k);
            sums[i + 2] = tail(sumLanes(s2, scratch), a, r2, x, kv, k);
            sums[i + 3] = tail(sumLanes(s3, scratch), a, r3, x, kv, k);
        }
        for (; i < to; i++) {
            int r = aOff + i * lda;
            FloatVector s = FloatVector.zero(SPECIES);
            for (int p = 0; p < kv; p += LANES) {
                s = PixelDecode.vector(a, r + p).fma(FloatVector.fromArray(SPECIES, x, p), s);
            }
            sums[i] = tail(sumLanes(s, scratch), a, r, x, kv, k);
        }
    }

    private static float tail(float s, byte[] a, int row, float[] x, int from, int k) {
        for (int p = from; p < k; p++) {
            s = Math.fma(PixelDecodeReference.value(a[row + p]), x[p], s);
        }
        return s;
    }

    /**
     * {@link #columnsTimesX(int, float[], int, int, int, int, float[], int, int, float[])} with A's values
     * read as pixels: each column's chain is the same. Four vectors a pass: with eight, C2 left the
     * vectors boxed (100 times slower on Zen 5).
     */
    static void columnsTimesX(int k, byte[] a, int aOff, int lda, int from, int to,
                              float[] x, int xOff, int incx, float[] sums) {
        int i = from;
        for (; i + 4 * LANES <= to; i += 4 * LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0, row = aOff + i, xi = xOff; p < k; p++, row += lda, xi += incx) {
                FloatVector xv = FloatVector.broadcast(SPECIES, x[xi]);
                s0 = PixelDecode.vector(a, row).fma(xv, s0);
                s1 = PixelDecode.vector(a, row + LANES).fma(xv, s1);
                s2 = PixelDecode.vector(a, row + 2 * LANES).fma(xv, s2);
                s3 = PixelDecode.vector(a, row + 3 * LANES).fma(xv, s3);
            }
            s0.intoArray(sums, i);
            s1.intoArray(sums, i + LANES);
            s2.intoArray(sums, i + 2 * LANES);
            s3.intoArray(sums, i + 3 * LANES);
        }
        for (; i + LANES <= to; i += LANES) {
            FloatVector s = FloatVector.zero(SPECIES);
            for (int p = 0, row = aOff + i, xi = xOff; p < k; p++, row += lda, xi += incx) {
                s = PixelDecode.vector(a, row).fma(FloatVector.broadcast(SPECIES, x[xi]), s);
            }
            s.intoArray(sums, i);
        }
        for (; i < to; i++) {
            float s = 0f;
            for (int p = 0, at = aOff + i, xi = xOff; p < k; p++, at += lda, xi += incx) {
                s = Math.fma(PixelDecodeReference.value(a[at]), x[xi], s);
            }
            sums[i] = s;
        }
    }
}
