package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.kernel.GemmTest.Problem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every formulation forced onto every shape it can compute, against the scalar oracle, whatever the
 * dispatch rules would choose on this host: on a 512-bit machine the dispatch never sends a 256-bit
 * shape to some formulations, and the reverse. Run at other vector widths and tiles by core's pom.
 */
class FormulationTest {
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 10, 31}, {7, 33, 5}, {16, 16, 16}, {17, 1, 33}, {31, 10, 300}, {33, 31, 257},
        {64, 17, 784}, {129, 32, 128}, {200, 48, 600}, {45, 130, 70}, {8, 2, 1000}, {100, 1, 4100}, {250, 1, 37},
        {784, 1, 300}, {150, 100, 300}};
    private static final int[] THREADS = {1, 2, 3};
    private static final Map<Formulation, Gemm[]> GEMMS = new EnumMap<>(Formulation.class);
    private static final List<KernelPool> POOLS = new ArrayList<>();

    @BeforeAll
    static void gemms() {
        for (int t : THREADS) POOLS.add(KernelPool.create(t));
        for (Formulation f : Formulation.values()) {
            Gemm[] g = new Gemm[THREADS.length];
            for (int i = 0; i < THREADS.length; i++) g[i] = new Gemm(POOLS.get(i), f);
            GEMMS.put(f, g);
        }
    }

    @AfterAll
    static void close() {
        POOLS.forEach(KernelPool::close);
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Formulation f : Formulation.values()) {
            for (int t = 0; t < 4; t++) list.add(Arguments.of(f, t % 2 == 1, t >= 2));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("cases")
    void forcedFormulationMatchesTheOracleAndIgnoresTheThreadCount(Formulation f, boolean ta, boolean tb) {
        long seed = 31L * f.ordinal() + (ta ? 7 : 0) + (tb ? 3 : 0);
        int ran = 0;
        for (int[] s : SHAPES) {
            if (!GemmPlanner.canRun(f, ta, s[1])) continue;
            for (float beta : new float[] {0f, 0.5f}) {
                Problem p = new Problem(ta, tb, s[0], s[1], s[2], 0.75f, beta, (s[0] + s[2]) % 2 == 0 ? 0 : 3, seed++);
                float[] a = p.a(), b = p.b();
                float[] first = GemmTest.run(GEMMS.get(f)[0], p, a, b);
                GemmTest.check(p, a, b, first);
                for (int i = 1; i < THREADS.length; i++) {
                    for (SplitAxis axis : SplitAxis.values()) {
                        assertArrayEquals(first, GemmTest.run(GEMMS.get(f)[i].splitting(axis), p, a, b),
                                f + " " + p + " on " + THREADS[i] + " threads cut along " + axis);
                    }
                }
                ran++;
            }
        }
        if (f == Formulation.GEMV || (f == Formulation.NARROW && ta) || (f == Formulation.DOT && (ta || !DotKernel.SUPPORTED))
                || (f == Formulation.STREAMED && Blocking.A_STRIDE != 1)) {
            return; // shapes this formulation cannot take are checked to be refused below
        }
        assertTrue(ran >= 8, f + " ran on only " + ran + " shapes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formulations")
    void forcedFormulationAppliesBiasAndActivation(Formulation f) {
        int m = 37, n = f == Formulation.GEMV ? 1 : 13, k = 70;
        if (!GemmPlanner.canRun(f, false, n)) return;
        Problem p = new Problem(false, true, m, n, k, 1f, 0f, 0, 4242);
        float[] a = p.a(), b = p.b(), bias = GemmTest.random(n, 77);
        float[] got = new float[m * n], want = new float[m * n];
        GEMMS.get(f)[1].gemmBiasActivation(false, true, m, n, k, 1f, a, 0, p.lda(), b, 0, p.ldb(), 0f, got, 0, n,
                bias, 0, Activation.TANH);
        GemmReference.gemm(false, true, m, n, k, 1f, a, 0, p.lda(), b, 0, p.ldb(), 0f, want, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = Math.tanh(want[i * n + j] + bias[j]);
                assertEquals(expected, got[i * n + j], 2e-5, f + " C[" + i + "][" + j + "]");
            }
        }
    }

    static Stream<Formulation> formulations() {
        return Stream.of(Formulation.values());
    }

    @Test
    void aFormulationThatCannotTakeAShapeIsRefused() {
        Gemm gemv = GEMMS.get(Formulation.GEMV)[0];
        float[] x = new float[64];
        assertThrows(IllegalArgumentException.class, () -> gemv.gemm(false, false, 4, 4, 4, 1f, x, 0, 4, x, 0, 4, 0f, x, 0, 4));
        Gemm narrow = GEMMS.get(Formulation.NARROW)[0];
        assertThrows(IllegalArgumentException.class, () -> narrow.gemm(true, false, 4, 4, 4, 1f, x, 0, 4, x, 0, 4, 0f, x, 0, 4));
    }

    @Test
    void aNamedAxisCutsThePackedProductThatWayAndOthersByRows() {
        GemmPlan plan = new GemmPlan();
        GemmPlanner.plan(Formulation.PACKED, false, true, 150, 100, 300, 2, SplitAxis.ROWS, plan);
        assertEquals(2, plan.slabsM, plan.toString());
        assertEquals(1, plan.slabsN, plan.toString());
        GemmPlanner.plan(Formulation.PACKED, false, true, 150, 100, 300, 2, SplitAxis.COLUMNS, plan);
        assertEquals(1, plan.slabsM, plan.toString());
        assertEquals(2, plan.slabsN, plan.toString());
        assertEquals(1, plan.rowSlabsOfC(), "a column cut has one slab of rows");
        GemmPlanner.plan(Formulation.PACKED, false, true, 150, 100, 300, 1, SplitAxis.COLUMNS, plan);
        assertEquals(1, plan.slabs(), "one thread, one slab whatever the axis");
        GemmPlanner.plan(Formulation.GEMV, false, false, 4000, 1, 3000, 2, SplitAxis.COLUMNS, plan);
        assertEquals(2, plan.slabsM, "a formulation that cuts only rows keeps cutting rows: " + plan);
        assertEquals(1, plan.slabsN, plan.toString());
    }

    @Test
    void thePlannerChoosesFromTheShapeNotTheThreads() {
        GemmPlan one = new GemmPlan(), two = new GemmPlan();
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                boolean ta = t % 2 == 1, tb = t >= 2;
                GemmPlanner.plan(ta, tb, s[0], s[1], s[2], 1, one);
                GemmPlanner.plan(ta, tb, s[0], s[1], s[2], 2, two);
                assertEquals(one.formulation, two.formulation, "shape " + s[0] + "x" + s[1] + "x" + s[2]);
                assertEquals(1, one.slabs(), "one thread, one slab");
                assertTrue(GemmPlanner.canRun(one.formulation, ta, s[1]), "chose " + one.formulation + " it cannot run");
            }
        }
    }
}
