package dev.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import org.junit.jupiter.api.Test;

class DenseTest {
    private static float[] random(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rng.nextDouble() * 2 - 1);
        return a;
    }

    @Test
    void forwardIsActivationOfXTimesWPlusBInBothLayouts() {
        int rows = 5, in = 7, out = 3;
        float[] x = random(rows * in, 1);
        float[] w = random(in * out, 2); // logical (i, j) at i * out + j
        float[] b = random(out, 3);
        try (KernelPool pool = KernelPool.create(1)) {
            for (WeightLayout layout : WeightLayout.values()) {
                Dense d = new Dense(in, out, Activation.TANH, layout);
                for (int i = 0; i < in; i++) for (int j = 0; j < out; j++) d.weight()[d.weightIndex(i, j)] = w[i * out + j];
                System.arraycopy(b, 0, d.bias(), 0, out);
                float[] y = new float[rows * out];
                d.forward(new Gemm(pool), x, 0, rows, y);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < out; j++) {
                        double z = b[j];
                        for (int i = 0; i < in; i++) z += x[r * in + i] * w[i * out + j];
                        assertEquals(Math.tanh(z), y[r * out + j], 1e-5, layout + " row " + r + " unit " + j);
                    }
                }
            }
        }
    }

    @Test
    void bothLayoutsGiveTheSameGradients() {
        int rows = 6, in = 5, out = 4;
        float[] x = random(rows * in, 4);
        float[] dyInit = random(rows * out, 5);
        Dense a = new Dense(in, out, Activation.SIGMOID, WeightLayout.IN_OUT);
        Dense b = new Dense(in, out, Activation.SIGMOID, WeightLayout.OUT_IN);
        Rng rng = new Rng(6);
        Initializer.parse("uniform:0.7").fill(rng, a.weight(), in, out, WeightLayout.IN_OUT);
        Initializer.parse("uniform:0.7").fill(new Rng(6), b.weight(), in, out, WeightLayout.OUT_IN);
        try (KernelPool pool = KernelPool.create(2)) {
            Gemm gemm = new Gemm(pool);
            float[] ya = new float[rows * out], yb = new float[rows * out];
            a.forward(gemm, x, 0, rows, ya);
            b.forward(gemm, x, 0, rows, yb);
            float[] dya = dyInit.clone(), dyb = dyInit.clone();
            float[] dxa = new float[rows * in], dxb = new float[rows * in];
            a.backward(gemm, x, 0, rows, ya, dya, dxa);
            b.backward(gemm, x, 0, rows, yb, dyb, dxb);
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    assertEquals(a.weight()[a.weightIndex(i, j)], b.weight()[b.weightIndex(i, j)], "same initial weights");
                    assertEquals(a.weightGrad()[a.weightIndex(i, j)], b.weightGrad()[b.weightIndex(i, j)], 1e-6);
                }
            }
            for (int j = 0; j < out; j++) assertEquals(a.biasGrad()[j], b.biasGrad()[j], 1e-6);
            for (int k = 0; k < dxa.length; k++) assertEquals(dxa[k], dxb[k], 1e-6);
            // The input gradient is dz W^T: check one entry by hand.
            double expected = 0;
            for (int j = 0; j < out; j++) expected += dya[j] * a.weight()[a.weightIndex(2, j)];
            assertEquals(expected, dxa[2], 1e-6);
        }
    }

    /** Full-batch steps run a large batch in row blocks (Tuning.chunkRows); the gradients must not notice. */
    @Test
    void gradientsAccumulatedOverRowBlocksEqualOnePass() {
        int rows = 3000, in = 40;
        float[] x = random(rows * in, 7);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = (r * 7) % 10;
        for (WeightLayout layout : WeightLayout.values()) {
            ModelConfig config = new ModelConfig(in, List.of(new LayerSpec(32, Activation.RELU)),
                    Head.SOFTMAX_CROSS_ENTROPY, 10, layout, Initializer.parse("uniform:0.5"));
            Mlp whole = Mlp.initialise(config, 3), blocks = whole.copy();
            try (KernelPool pool = KernelPool.create(2)) {
                Gemm gemm = new Gemm(pool);
                Workspace ws = whole.workspace(rows);
                whole.forward(gemm, ws, x, 0, rows);
                whole.loss(ws, rows, labels, 0, true, 1f / rows);
                whole.backward(gemm, ws, x, 0, rows);
                int[] cuts = {0, 1024, 2048, rows};
                Workspace small = blocks.workspace(1024);
                for (int c = 0; c + 1 < cuts.length; c++) {
                    int r0 = cuts[c], n = cuts[c + 1] - r0;
                    blocks.forward(gemm, small, x, r0 * in, n);
                    blocks.loss(small, n, labels, r0, true, 1f / rows);
                    blocks.backward(gemm, small, x, r0 * in, n, c > 0);
                }
            }
            for (int p = 0; p < whole.parameters().size(); p++) {
                float[] g1 = whole.parameters().get(p).grad(), g2 = blocks.parameters().get(p).grad();
                for (int i = 0; i < g1.length; i++) {
                    assertEquals(g1[i], g2[i], 1e-6 + 1e-4 * Math.abs(g1[i]), layout + " parameter " + p + " at " + i);
                }
            }
        }
    }
}
