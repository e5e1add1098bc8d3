package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MomentumFormTest {

    private static Sgd sgd(float[] w, float[] g, MomentumForm form) {
        Parameter p = new Parameter("w", w, g, new int[] {w.length}, false);
        return new Sgd(List.of(p), 0.25f, 0.5f, 0f, 0f, form);
    }

    /** Values that are exact in binary, so the hand computation needs no rounding. */
    @Test
    void nesterovMatchesAHandComputedUpdateAndDiffersFromClassical() {
        float[] g = {0.5f};
        float[] wn = {1f}, wc = {1f};
        Sgd nesterov = sgd(wn, g, MomentumForm.NESTEROV), classical = sgd(wc, g, MomentumForm.CLASSICAL);
        try (KernelPool pool = KernelPool.create(1)) {
            // lr * g = 0.125. Step 1: v = -0.125; nesterov w += 0.5 * -0.125 - 0.125, classical w += -0.125.
            nesterov.step(pool);
            classical.step(pool);
            assertEquals(-0.125f, nesterov.velocities().get(0)[0]);
            assertEquals(0.8125f, wn[0]);
            assertEquals(0.875f, wc[0]);
            // Step 2: v = 0.5 * -0.125 - 0.125 = -0.1875; nesterov w += 0.5 * -0.1875 - 0.125.
            nesterov.step(pool);
            classical.step(pool);
            assertEquals(-0.1875f, nesterov.velocities().get(0)[0]);
            assertEquals(-0.1875f, classical.velocities().get(0)[0], "the velocity is the same in both forms");
            assertEquals(0.59375f, wn[0]);
            assertEquals(0.6875f, wc[0]);
            assertNotEquals(wc[0], wn[0]);
        }
    }

    @Test
    void trainingWithNesterovDiffersFromClassicalAndIsDeterministic() {
        dev.vecnn.data.Dataset train = SyntheticData.blobs("train", 60, 6, 3, 2f, 0.5f, 5);
        TrainConfig c = TrainConfig.defaults(dev.vecnn.nn.ModelConfig.softmax(6, 3)).withBatchSize(30).withEpochs(1)
                .withMomentum(0.9f).withLearningRate(0.05f);
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult classical = new Trainer(c, pool).train(train, null, null);
            TrainResult nesterov = new Trainer(c.withMomentumForm(MomentumForm.NESTEROV), pool).train(train, null, null);
            TrainResult again = new Trainer(c.withMomentumForm(MomentumForm.NESTEROV), pool).train(train, null, null);
            Weights.assertBitIdentical(nesterov.model(), again.model(), "nesterov twice");
            float[] a = classical.model().parameters().get(0).values(), b = nesterov.model().parameters().get(0).values();
            assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), "two steps of each form");
        }
    }
}
