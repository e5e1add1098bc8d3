package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {
    private static final int[] SMALL = {1, 2, 7, 15, 16, 17, 31, 33};
    private static KernelPool pool1, pool2, pool3;
    private static Gemm gemm1, gemm2, gemm3;

    @BeforeAll
    static void pools() {
        pool1 = KernelPool.create(1);
        pool2 = KernelPool.create(2);
        pool3 = KernelPool.create(3);
        gemm1 = new Gemm(pool1);
        gemm2 = new Gemm(pool2);
        gemm3 = new Gemm(pool3);
    }

    @AfterAll
    static void close() {
        pool1.close();
        pool2.close();
        pool3.close();
    }

    /** One GEMM problem laid out with offsets, padded leading dimensions and sentinels around C. */
    record Problem(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, int pad, long seed) {
        int lda() { return (ta ? m : k) + pad; }
        int ldb() { return (tb ? k : n) + pad; }
        int ldc() { return n + pad; }
        int off() { return pad == 0 ? 0 : 3; }

        float[] a() { return random((ta ? k : m) * lda() + off() + 2, seed); }
        float[] b() { return random((tb ? n : k) * ldb() + off() + 2, seed + 1); }

        /** C filled with NaN where beta == 0 (it must not be read) and with sentinels outside m x n. */
        float[] c() {
            float[] c = random(m * ldc() + off() + 2, seed + 2);
            for (int i = 0; i < c.length; i++) {
                if (!inside(i)) c[i] = -7777f;
                else if (beta == 0f) c[i] = Float.NaN;
            }
            return c;
        }

        boolean inside(int i) {
            int rel = i - off();
            return rel >= 0 && rel < m * ldc() && rel % ldc() < n;
        }

        @Override
        public String toString() {
            return (ta ? "T" : "N") + (tb ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                    + " alpha=" + alpha + " beta=" + beta + " pad=" + pad;
        }
    }

    static float[] random(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    static float[] run(Gemm g, Problem p, float[] a, float[] b) {
        float[] c = p.c();
        g.gemm(p.ta, p.tb, p.m, p.n, p.k, p.alpha, a, p.off(), p.lda(), b, p.off(), p.ldb(),
                p.beta, c, p.off(), p.ldc());
        return c;
    }

    /** Checks C against the double-accumulating oracle, relative to the size of the terms summed. */
    static void check(Problem p, float[] a, float[] b, float[] got) {
        float[] expected = p.c();
        GemmReference.gemm(p.ta, p.tb, p.m, p.n, p.k, p.alpha, a, p.off(), p.lda(), b, p.off(), p.ldb(),
                p.beta, expected, p.off(), p.ldc());
        float[] absA = abs(a), absB = abs(b), scale = abs(p.c());
        GemmReference.gemm(p.ta, p.tb, p.m, p.n, p.k, Math.abs(p.alpha), absA, p.off(), p.lda(), absB, p.off(), p.ldb(),
                Math.abs(p.beta), scale, p.off(), p.ldc());
        for (int i = 0; i < got.length; i++) {
            if (!p.inside(i)) {
                if (got[i] != -7777f) fail(p + ": wrote outside C at " + i);
                continue;
            }
            double tol = 1e-5 * scale[i] + 1e-30;
            if (!(Math.abs(got[i] - expected[i]) <= tol)) {
                int rel = i - p.off();
                fail(p + ": C[" + rel / p.ldc() + "][" + rel % p.ldc() + "] = " + got[i] + ", expected " + expected[i]);
            }
        }
    }

    static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        return y;
    }

    static Stream<Arguments> smallShapes() {
        List<Arguments> list = new ArrayList<>();
        for (int t = 0; t < 4; t++) list.add(Arguments.of(t % 2 == 1, t >= 2));
        return list.stream();
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("smallShapes")
    void allSmallShapesMatchReference(boolean ta, boolean tb) {
        long seed = 1;
        for (int m : SMALL) for (int n : SMALL) for (int k : SMALL) {
            Problem p = new Problem(ta, tb, m, n, k, 1f, 0f, (m + n + k) % 3 == 0 ? 0 : 2, seed++);
            float[] a = p.a(), b = p.b();
            check(p, a, b, run(gemm2, p, a, b));
        }
    }

    static Stream<Problem> largeShapes() {
        int[][] shapes = {
            {784, 33, 17}, {17, 785, 31}, {31, 33, 1000}, {127, 129, 785}, {129, 127, 784},
            {1000, 10, 784}, {128, 784, 10}, {784, 10, 128}, {128, 10, 784}, {128, 32, 784},
            {784, 32, 128}, {128, 784, 32}, {128, 128, 784}, {784, 128, 128}, {128, 784, 128},
            {1, 1000, 785}, {1000, 1, 129}, {33, 1000, 1}, {300, 300, 600}, {60, 40, 4200},
            // the streamed formulation (17 to 32 columns): several depth blocks, a partial last tile
            {1000, 32, 784}, {129, 20, 600}, {803, 31, 1500}, {90, 17, 5000},
            // the matrix-vector formulation (one column): the neuron's forward and weight gradient
            {10000, 1, 784}, {784, 1, 10000}, {1003, 1, 17}, {70, 1, 33},
            // the narrow formulation (2 to 16 columns, k up to 256): an output layer over 32 or 128 units
            {2048, 10, 32}, {1003, 10, 32}, {135, 16, 128}, {61, 2, 256}, {77, 13, 255},
            // packed, several depth and row blocks, a partial last tile and panel
            {1000, 100, 700}, {775, 129, 1030}};
        List<Problem> list = new ArrayList<>();
        long seed = 100;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                list.add(new Problem(t % 2 == 1, t >= 2, s[0], s[1], s[2], 1f, 0f, t == 3 ? 0 : 5, seed++));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largeShapes")
    void largeShapesMatchReference(Problem p) {
        float[] a = p.a(), b = p.b();
        check(p, a, b, run(gemm2, p, a, b));
    }

    static Stream<Problem> scalings() {
        List<Problem> list = new ArrayList<>();
        float[][] ab = {{0.5f, 0f}, {1f, 1f}, {-2f, 0.25f}, {0f, 0.5f}, {0f, 0f}, {1.5f, -1f}};
        long seed = 500;
        for (float[] s : ab) {
            for (int t = 0; t < 4; t++) {
                list.add(new Problem(t % 2 == 1, t >= 2, 37, 45, 300, s[0], s[1], 3, seed++));
                list.add(new Problem(t % 2 == 1, t >= 2, 20, 10, 50, s[0], s[1], 1, seed++));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalings")
    void alphaAndBetaMatchReference(Problem p) {
        float[] a = p.a(), b = p.b();
        check(p, a, b, run(gemm3, p, a, b));
    }

    static Stream<Problem> determinismShapes() {
        int[][] shapes = {{128, 784, 128}, {784, 128, 128}, {128, 128, 784}, {128, 10, 784},
            {784, 10, 128}, {128, 784, 10}, {129, 33, 600}, {300, 517, 700}, {45, 2100, 40},
            {1000, 32, 784}, {133, 24, 600}, {2003, 1, 784}, {785, 1, 3000}, {2051, 10, 32}, {131, 10, 128},
            {1000, 100, 700}, {800, 70, 1030}};
        List<Problem> list = new ArrayList<>();
        long seed = 900;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                list.add(new Problem(t % 2 == 1, t >= 2, s[0], s[1], s[2], 0.75f, t == 2 ? 0.5f : 0f, 1, seed++));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("determinismShapes")
    void bitIdenticalForOneTwoAndThreeThreads(Problem p) {
        float[] a = p.a(), b = p.b();
        float[] c1 = run(gemm1, p, a, b);
        float[] c2 = run(gemm2, p, a, b);
        float[] c3 = run(gemm3, p, a, b);
        assertArrayEquals(c1, c2, 0f, p + ": 1 vs 2 threads");
        assertArrayEquals(c1, c3, 0f, p + ": 1 vs 3 threads");
        for (int rep = 0; rep < 2; rep++) { // again once the JIT has compiled more of it
            assertArrayEquals(c1, run(gemm2, p, a, b), 0f, p + ": repeat");
        }
    }

    @Test
    void biasAndActivationAreFused() {
        for (Activation act : Activation.values()) {
            for (int t = 0; t < 4; t++) {
                Problem p = new Problem(t % 2 == 1, t >= 2, 70, t == 0 ? 50 : 10, 90, 1f, t == 3 ? 0.5f : 0f, 2, 40 + t);
                float[] a = p.a(), b = p.b();
                float[] bias = random(p.n + 3, 7);
                float[] got = p.c();
                gemm2.gemmBiasActivation(p.ta, p.tb, p.m, p.n, p.k, p.alpha, a, p.off(), p.lda(), b, p.off(), p.ldb(),
                        p.beta, got, p.off(), p.ldc(), bias, 3, act);
                float[] expected = p.c();
                GemmReference.gemm(p.ta, p.tb, p.m, p.n, p.k, p.alpha, a, p.off(), p.lda(), b, p.off(), p.ldb(),
                        p.beta, expected, p.off(), p.ldc());
                for (int i = 0; i < p.m; i++) {
                    int row = p.off() + i * p.ldc();
                    for (int j = 0; j < p.n; j++) expected[row + j] += bias[3 + j];
                    ActivationsReference.forward(act, expected, row, expected, row, p.n);
                    for (int j = 0; j < p.n; j++) {
                        assertEquals(expected[row + j], got[row + j], 1e-5 * (1 + Math.abs(expected[row + j])),
                                p + " " + act + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void tallTrainingProductsAreStreamedOnTheWideTile() {
        // The dispatch pinned here is the default tiles'; the forced 8-row tile at 256 bits has its own bounds.
        org.junit.jupiter.api.Assumptions.assumeTrue(Blocking.A_STRIDE != 1 || Blocking.LANES >= 16);
        boolean wide = Blocking.A_STRIDE == 1 && Blocking.LANES >= 16; // the 8-row AVX-512 tile broadcasts A from where it lies
        assertEquals(wide, GemmPlanner.useStreamed(false, 60000, 32, 784), "784-32 forward, full batch");
        assertEquals(wide, GemmPlanner.useStreamed(true, 784, 32, 60000), "784-32 weight gradient, full batch");
        assertEquals(wide, GemmPlanner.useStreamed(false, 128, 32, 784), "784-32 forward, batch 128");
        assertFalse(GemmPlanner.useStreamed(false, 60000, 10, 784), "10 outputs keep the dot tile");
        assertFalse(GemmPlanner.useStreamed(false, 60000, 32, 5000), "all of op(B) would not stay in L2");
        assertFalse(GemmPlanner.useStreamed(false, 1024, 1024, 1024), "squares are packed");
        assertEquals(wide, GemmPlanner.useStreamed(true, 784, 128, 128), "784-128 weight gradient, batch 128");
        assertEquals(wide, GemmPlanner.useStreamed(true, 784, 128, 60000), "784-128 weight gradient, full batch");
        assertFalse(GemmPlanner.useStreamed(false, 128, 128, 784), "784-128 forward stays packed");
        assertFalse(GemmPlanner.useStreamed(true, 1024, 1024, 1024), "transposed squares are packed");
    }

    @Test
    void rowSlabsFollowTheSplitOfEachFormulation() {
        assertEquals(1, gemm1.rowSlabs(false, false, 128, 128, 784), "one thread");
        assertEquals(2, gemm2.rowSlabs(false, false, 128, 128, 784), "784-128 forward at batch 128: packed, split by rows");
        assertEquals(3, gemm3.rowSlabs(false, false, 128, 128, 784), "the same on three threads");
        assertEquals(1, gemm2.rowSlabs(false, false, 128, 10, 784), "softmax regression forward: under the slab floor");
        assertEquals(2, gemm2.rowSlabs(false, true, 60000, 32, 784), "784-32 forward, full batch");
        assertEquals(2, gemm2.rowSlabs(false, false, 2048, 1, 784), "one column: rows of A times x");
        assertEquals(1, gemm2.rowSlabs(false, true, 16, 4096, 256), "wide C: packed, split by columns");
        assertEquals(2, gemm2.rowSlabs(true, false, 4096, 40, 256), "transposed A, streamed");
        assertEquals(2, gemm2.rowSlabs(true, false, 784, 10, 60000), "transposed A, narrow C: C^T computed, its column slabs");
        assertEquals(1, gemm2.rowSlabs(false, false, 0, 128, 784), "empty");
        assertEquals(1, gemm2.rowSlabs(false, false, 7, 128, 784), "one register tile of rows");
    }

    @Test
    void fewRowsReadAnUntransposedBInPlace() {
        assertTrue(PackedFormulation.readBInPlace(false, 10, 784), "softmax regression's weight gradient, as C^T (10 x 784)");
        assertTrue(PackedFormulation.readBInPlace(false, 2 * Blocking.MR, 32), "two tiles of rows, rows of B 32 floats apart");
        assertFalse(PackedFormulation.readBInPlace(false, 2 * Blocking.MR + 1, 784), "three tiles: packing pays");
        assertFalse(PackedFormulation.readBInPlace(true, 10, 784), "a transposed B is packed");
        assertFalse(PackedFormulation.readBInPlace(false, 10, 128), "rows 64 floats apart share cache sets");
    }

    @Test
    void outputLayersOverFewHiddenUnitsUseTheNarrowFormulation() {
        boolean wide = Blocking.A_STRIDE == 1 && Blocking.LANES >= 16; // 10 columns fit one 16-lane vector
        assertEquals(wide, GemmPlanner.useNarrow(false, 10, 32), "784-32-10 output layer, forward");
        assertEquals(wide, GemmPlanner.useNarrow(false, 10, 128), "784-128-10 output layer, forward");
        assertFalse(GemmPlanner.useNarrow(false, 10, 784), "softmax regression keeps the dot tile");
        assertFalse(GemmPlanner.useNarrow(true, 10, 32), "a transposed A is not read by rows");
        assertFalse(GemmPlanner.useNarrow(false, 1, 32), "one column is a matrix-vector product");
        assertFalse(GemmPlanner.useNarrow(false, 32, 32), "wider than one vector");
    }

    @Test
    void rejectsMatricesThatDoNotFit() {
        float[] x = new float[100];
        assertThrows(IllegalArgumentException.class,
                () -> gemm1.gemm(false, false, 10, 10, 10, 1f, x, 0, 10, x, 0, 10, 0f, new float[99], 0, 10));
        assertThrows(IllegalArgumentException.class,
                () -> gemm1.gemm(false, false, 10, 10, 10, 1f, x, 0, 9, x, 0, 10, 0f, new float[100], 0, 10));
    }
}
