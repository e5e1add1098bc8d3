package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A product computed in parts (rows or columns of C, one call each) equals the whole product bit for bit,
 * whichever formulation the whole product takes, with beta, a bias and an activation, on 1 and 2 threads;
 * C outside a part is never written; ranges off the formulation's units are refused.
 */
class GemmPartTest {
    /** m, n, k: shapes that land on each formulation (matrix-vector, narrow, streamed, dot, packed) at 16 and 8 lanes. */
    private static final int[][] SHAPES = {
        {300, 1, 200}, {77, 10, 100}, {90, 20, 300}, {10, 20, 300}, {130, 100, 70}, {128, 96, 600}, {97, 33, 129},
        {200, 40, 30}, {1, 64, 5}};

    @Test
    void partsAddUpToTheWholeProduct() {
        int cut = 0;
        for (int threads = 1; threads <= 2; threads++) {
            try (KernelPool pool = KernelPool.create(threads)) {
                Gemm gemm = new Gemm(pool);
                long seed = 1;
                for (int[] s : SHAPES) {
                    for (int t = 0; t < 4; t++) {
                        boolean ta = t % 2 == 1, tb = t >= 2;
                        for (SplitAxis axis : new SplitAxis[] {SplitAxis.ROWS, SplitAxis.COLUMNS}) {
                            if (check(gemm, axis, ta, tb, s[0], s[1], s[2], seed++)) cut++;
                        }
                    }
                }
            }
        }
        assertTrue(cut >= 2 * SHAPES.length * 4, "only " + cut + " products could be cut");
    }

    /** Returns whether the product could be cut along {@code axis} (else checks that it is refused). */
    private static boolean check(Gemm gemm, SplitAxis axis, boolean ta, boolean tb, int m, int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 1, ldc = n + 2;
        float[] a = random(r, (ta ? k : m) * lda), b = random(r, (tb ? n : k) * ldb), bias = random(r, n + 4);
        float[] c0 = random(r, m * ldc);
        float beta = seed % 2 == 0 ? 0.5f : 0f;
        Activation act = seed % 3 == 0 ? Activation.TANH : Activation.IDENTITY;
        float[] whole = c0.clone();
        gemm.gemmBiasActivation(ta, tb, m, n, k, 0.75f, a, 0, lda, b, 0, ldb, beta, whole, 0, ldc, bias, 2, act);
        int unit = gemm.partUnit(axis, ta, tb, m, n, k);
        int length = axis == SplitAxis.ROWS ? m : n;
        if (unit == 0) {
            assertThrows(IllegalArgumentException.class, () -> gemm.gemmBiasActivationPart(axis, 0, length, ta, tb, m, n, k,
                    0.75f, a, 0, lda, b, 0, ldb, beta, c0.clone(), 0, ldc, bias, 2, act));
            return false;
        }
        String what = m + "x" + n + "x" + k + (ta ? " A^T" : "") + (tb ? " B^T" : "") + " cut along " + axis + " by " + unit;
        float[] parts = c0.clone();
        for (int p = 2; p >= 0; p--) { // out of order: no part may depend on another
            int from = KernelPool.partStart(length, 3, p, unit), to = KernelPool.partStart(length, 3, p + 1, unit);
            float[] alone = c0.clone();
            gemm.gemmBiasActivationPart(axis, from, to, ta, tb, m, n, k, 0.75f, a, 0, lda, b, 0, ldb, beta, alone, 0, ldc, bias, 2, act);
            gemm.gemmBiasActivationPart(axis, from, to, ta, tb, m, n, k, 0.75f, a, 0, lda, b, 0, ldb, beta, parts, 0, ldc, bias, 2, act);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < ldc; j++) {
                    int at = axis == SplitAxis.ROWS ? i : j;
                    if (j >= n || at < from || at >= to) {
                        assertEquals(c0[i * ldc + j], alone[i * ldc + j], what + ": C[" + i + "][" + j + "] outside part " + p);
                    }
                }
            }
        }
        assertArrayEquals(whole, parts, what);
        if (unit > 1 && length > unit) {
            assertThrows(IllegalArgumentException.class, () -> gemm.gemmBiasActivationPart(axis, 1, length, ta, tb, m, n, k,
                    0.75f, a, 0, lda, b, 0, ldb, beta, c0.clone(), 0, ldc, bias, 2, act), what + ": a range off the units");
        }
        return true;
    }

    private static float[] random(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) r.nextGaussian();
        return x;
    }
}
