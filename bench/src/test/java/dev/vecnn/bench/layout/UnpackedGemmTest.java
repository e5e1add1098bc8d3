package dev.vecnn.bench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.GemmReference;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnpackedGemmTest {
    @ParameterizedTest
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void matchesTheReferenceWithOffsetsPaddingBiasAndActivation(boolean transA, boolean transB) {
        int m = 13, n = 19, k = 37, pad = 3, off = 5;
        SplittableRandom r = new SplittableRandom(3);
        int lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
        float[] a = random(r, off + (transA ? k : m) * lda), b = random(r, off + (transB ? n : k) * ldb);
        float[] bias = random(r, n);
        float[] expected = random(r, off + m * ldc), actual = expected.clone();
        GemmReference.gemm(transA, transB, m, n, k, 1f, a, off, lda, b, off, ldb, 0f, expected, off, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int c = off + i * ldc + j;
                expected[c] = (float) Math.tanh(expected[c] + bias[j]);
            }
        }
        new UnpackedGemm().multiply(transA, transB, m, n, k, a, off, lda, b, off, ldb, actual, off, ldc, bias, Activation.TANH);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4f, "element " + i);
        }
    }

    private static float[] random(SplittableRandom r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() - 0.5);
        return x;
    }
}
