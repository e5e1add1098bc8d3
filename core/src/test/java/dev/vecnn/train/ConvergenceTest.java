package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.WeightLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConvergenceTest {
    private static final Dataset TRAIN = SyntheticData.blobs("train", 300, 8, 4, 2f, 0.3f, 1);
    private static final Dataset TEST = SyntheticData.blobs("test", 120, 8, 4, 2f, 0.3f, 2);

    @Test
    void softmaxRegressionSeparatesSeparableClasses() {
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(8, 4)).withLearningRate(0.1f).withBatchSize(32).withEpochs(30);
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult r = new Trainer(c, pool).train(TRAIN, null, TEST);
            assertEquals(RunStatus.COMPLETED, r.status());
            assertEquals(1.0, r.train().accuracy());
            assertEquals(1.0, r.test().accuracy());
            assertEquals(30, r.history().size());
            assertTrue(r.history().get(29).trainLoss() < r.history().get(0).trainLoss() / 2, "loss must fall");
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void hiddenLayerNetworksReachFullAccuracy(Activation act) {
        for (WeightLayout layout : WeightLayout.values()) {
            ModelConfig m = ModelConfig.softmax(8, 4, new LayerSpec(16, act), new LayerSpec(8, act)).withLayout(layout);
            TrainConfig c = TrainConfig.defaults(m).withLearningRate(0.1f).withMomentum(0.9f).withBatchSize(16).withEpochs(40);
            try (KernelPool pool = KernelPool.create(2)) {
                TrainResult r = new Trainer(c, pool).train(TRAIN, null, TEST);
                assertEquals(1.0, r.test().accuracy(), () -> act + " " + layout + " " + r.history().get(r.history().size() - 1));
            }
        }
    }

    @Test
    void fullBatchLogisticNeuronLearnsOneClassAgainstTheRest() {
        Dataset train = SyntheticData.binarise(TRAIN, 2);
        Dataset test = SyntheticData.binarise(TEST, 2);
        TrainConfig c = TrainConfig.oneVsRest(8, 0.5f).withEpochs(300);
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult r = new Trainer(c, pool).train(train, null, test);
            assertTrue(c.fullBatch());
            assertEquals(1.0, r.train().accuracy());
            assertEquals(1.0, r.test().accuracy());
        }
    }

    @Test
    void sumReductionStepIsTheMeanStepTimesTheBatchSize() {
        // One full-batch step: SUM at lr a moves weights as MEAN at lr a * n (up to rounding).
        int n = 50;
        Dataset d = SyntheticData.blobs("d", n, 8, 4, 2f, 0.3f, 5);
        ModelConfig m = ModelConfig.softmax(8, 4, new LayerSpec(6, Activation.TANH));
        TrainConfig sum = TrainConfig.defaults(m).withFullBatch().withEpochs(1).withReduction(Reduction.SUM).withLearningRate(0.001f);
        TrainConfig mean = sum.withReduction(Reduction.MEAN).withLearningRate(0.001f * n);
        try (KernelPool pool = KernelPool.create(1)) {
            float[] a = new Trainer(sum, pool).train(d, null, null).model().layer(0).weight();
            float[] b = new Trainer(mean, pool).train(d, null, null).model().layer(0).weight();
            float[] init = dev.vecnn.nn.Mlp.initialise(m, new dev.vecnn.nn.Rng(sum.seed()).nextLong()).layer(0).weight();
            double moved = 0;
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5, "weight " + i);
                moved += Math.abs(a[i] - init[i]);
            }
            assertTrue(moved > 1e-3, "the step must move the weights");
        }
    }
}
