package dev.vecnn.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.bench.gemm.GemmShape;
import dev.vecnn.kernel.GemmReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate's benchmarks do the work their names say: each GEMM shape against the scalar oracle, the passes run. */
class GateSuiteTest {
    private final GateSuite suite = new GateSuite();

    @BeforeAll
    static void skipTheWarmUp() {
        GateSuite.warm = true;
    }

    static String[] gemmShapes() {
        return GateSuite.paramValues(GateSuite.GemmState.class, "shape");
    }

    @ParameterizedTest
    @MethodSource("gemmShapes")
    void eachGemmShapeComputesItsProduct(String shape) {
        GateSuite.GemmState s = new GateSuite.GemmState();
        s.shape = shape;
        s.setUp();
        try {
            float[] c = suite.gemm(s).clone();
            float[] ref = new float[c.length];
            GemmShape p = s.s;
            GemmReference.gemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), 1f, s.a, 0, p.lda(), s.b, 0, p.ldb(), 0f, ref, 0, p.ldc());
            for (int i = 0; i < c.length; i++) assertEquals(ref[i], c[i], 1e-3 * Math.sqrt(p.k()), shape + " at " + i);
        } finally {
            s.tearDown();
        }
    }

    @Test
    void thePassesRunAndGiveFiniteResults() {
        GateSuite.StepState step = new GateSuite.StepState();
        step.threads = 2;
        step.setUp();
        GateSuite.EpochSliceState slice = new GateSuite.EpochSliceState();
        slice.setUp();
        GateSuite.InferenceState inf = new GateSuite.InferenceState();
        inf.setUp();
        GateSuite.LossState loss = new GateSuite.LossState();
        loss.setUp();
        try {
            double first = suite.trainingStep(step);
            assertTrue(Double.isFinite(first) && first > 0, "loss " + first);
            assertTrue(Double.isFinite(suite.fullBatchSlice(slice)));
            int[] predicted = suite.inference(inf);
            for (int i = 0; i < GateSuite.InferenceState.ROWS; i++) assertTrue(predicted[i] >= 0 && predicted[i] < 10);
            assertTrue(Double.isFinite(suite.softmaxCrossEntropy(loss)) && Double.isFinite(suite.sigmoidBinaryCrossEntropy(loss)));
        } finally {
            step.tearDown();
            slice.tearDown();
            inf.tearDown();
        }
    }
}
