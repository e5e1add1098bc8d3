package dev.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SoftmaxHeadPassTest {
    private static final int IN = 20, CLASSES = 10;

    /** Loss bits, gradient, probabilities and predictions after one head pass on {@code threads} threads. */
    private record Outcome(long lossBits, float[] grad, float[] probs, int[] predicted) {}

    private static Outcome pass(Mlp model, float[] x, int[] labels, int rows, int threads, boolean fused, boolean gradient) {
        try (KernelPool pool = KernelPool.create(threads)) {
            Workspace ws = model.workspace(rows);
            model.forward(new Gemm(pool), ws, x, 0, rows);
            double loss;
            if (fused) {
                loss = model.lossAndPredict(pool, ws, rows, labels, 1, gradient, 1f / rows, 0.5f);
            } else {
                loss = model.loss(ws, rows, labels, 1, gradient, 1f / rows);
                model.predict(ws, rows, 0.5f);
            }
            return new Outcome(Double.doubleToRawLongBits(loss),
                    Arrays.copyOf(ws.gradients[ws.gradients.length - 1], rows * CLASSES),
                    Arrays.copyOf(ws.probabilities(), rows * CLASSES), Arrays.copyOf(ws.predictions(), rows));
        }
    }

    @Test
    void splitOverThreadsGivesTheBitsOfOneSerialPass() {
        Mlp model = Mlp.initialise(ModelConfig.softmax(IN, CLASSES, new LayerSpec(16, Activation.RELU)), 7);
        for (int rows : new int[] {1, 511, 1024, 2051}) {
            Rng rng = new Rng(rows);
            float[] x = new float[rows * IN];
            for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextDouble() * 4 - 2);
            int[] labels = new int[rows + 1];
            for (int i = 0; i < labels.length; i++) labels[i] = (int) (rng.nextDouble() * CLASSES);
            for (boolean gradient : new boolean[] {true, false}) {
                Outcome serial = pass(model, x, labels, rows, 1, false, gradient);
                for (int threads : new int[] {1, 2, 3}) {
                    Outcome fused = pass(model, x, labels, rows, threads, true, gradient);
                    String what = rows + " rows, " + threads + " threads, gradient " + gradient;
                    assertEquals(serial.lossBits(), fused.lossBits(), what + ": loss");
                    if (gradient) {
                        assertArrayEquals(serial.grad(), fused.grad(), 0f, what + ": gradient");
                    } else {
                        assertArrayEquals(serial.probs(), fused.probs(), 0f, what + ": probabilities");
                    }
                    assertArrayEquals(serial.predicted(), fused.predicted(), what + ": predictions");
                }
            }
        }
    }

    @Test
    void aBadLabelInAnyThreadsRowsIsReported() {
        Mlp model = Mlp.initialise(ModelConfig.softmax(IN, CLASSES), 3);
        int rows = 2000;
        float[] x = new float[rows * IN];
        int[] labels = new int[rows];
        labels[rows - 3] = CLASSES; // in the second thread's half
        try (KernelPool pool = KernelPool.create(2)) {
            Workspace ws = model.workspace(rows);
            model.forward(new Gemm(pool), ws, x, 0, rows);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.lossAndPredict(pool, ws, rows, labels, 0, true, 1f, 0.5f));
            assertEquals(true, e.getMessage().contains("label 10"), e.getMessage());
        }
    }
}
