package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.WeightLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed, 1, 2 and 3 threads: the same bits. */
class DeterminismTest {

    static void assertSameRun(TrainResult a, TrainResult b, String what) {
        Weights.assertBitIdentical(a.model(), b.model(), what);
        assertEquals(a.history().size(), b.history().size(), what);
        for (int i = 0; i < a.history().size(); i++) {
            EpochMetrics x = a.history().get(i);
            EpochMetrics y = b.history().get(i);
            assertEquals(x.trainLoss(), y.trainLoss(), 0.0, what + " train loss, epoch " + x.epoch());
            assertEquals(x.trainAccuracy(), y.trainAccuracy(), 0.0, what);
            assertEquals(x.valLoss(), y.valLoss(), 0.0, what + " val loss, epoch " + x.epoch());
            assertEquals(x.testAccuracy(), y.testAccuracy(), 0.0, what);
        }
        assertEquals(a.status(), b.status(), what);
        assertEquals(a.stopEpoch(), b.stopEpoch(), what);
    }

    static TrainResult run(TrainConfig c, int threads, Dataset train, Dataset val, Dataset test) {
        try (KernelPool pool = KernelPool.create(threads)) {
            return new Trainer(c, pool).train(train, val, test);
        }
    }

    @Test
    void minibatchSgdWithMomentumAndPenaltiesIsThreadIndependent() {
        Dataset train = SyntheticData.blobs("train", 500, 20, 5, 1f, 0.8f, 11);
        Dataset val = SyntheticData.blobs("val", 200, 20, 5, 1f, 0.8f, 12);
        ModelConfig m = ModelConfig.softmax(20, 5, new LayerSpec(24, Activation.SIGMOID), new LayerSpec(12, Activation.RELU))
                .withLayout(WeightLayout.OUT_IN);
        TrainConfig c = TrainConfig.defaults(m).withBatchSize(64).withEpochs(6).withMomentum(0.9f).withL1(1e-4f)
                .withL2(1e-3f).withLearningRate(0.05f).withPatience(10).withSeed(77);
        TrainResult one = run(c, 1, train, val, val);
        for (int threads : new int[] {2, 3}) {
            assertSameRun(one, run(c, threads, train, val, val), threads + " threads");
        }
    }

    @Test
    void largeFullBatchPassesThatSplitAcrossThreadsAreThreadIndependent() {
        // Big enough that the elementwise passes and the SGD update run as parallel regions.
        Dataset train = SyntheticData.noise("train", 2100, 1100, 3, 5);
        ModelConfig m = ModelConfig.softmax(1100, 3, new LayerSpec(64, Activation.TANH));
        TrainConfig c = TrainConfig.defaults(m).withFullBatch().withEpochs(2).withMomentum(0.5f).withReduction(Reduction.SUM)
                .withLearningRate(1e-4f);
        TrainResult one = run(c, 1, train, null, null);
        for (int threads : new int[] {2, 3}) {
            assertSameRun(one, run(c, threads, train, null, null), threads + " threads");
        }
    }

    @Test
    void oneVsRestIsThreadIndependent() {
        Dataset all = SyntheticData.blobs("all", 240, 6, 3, 1.5f, 0.6f, 21);
        Dataset test = SyntheticData.blobs("test", 90, 6, 3, 1.5f, 0.6f, 22);
        List<Dataset> perClass = List.of(SyntheticData.binarise(all, 0), SyntheticData.binarise(all, 1), SyntheticData.binarise(all, 2));
        TrainConfig c = TrainConfig.oneVsRest(6, 0.05f).withEpochs(20);
        OneVsRestResult one;
        try (KernelPool pool = KernelPool.create(1)) {
            one = OneVsRest.train(c, perClass, test, pool, null);
        }
        for (int threads : new int[] {2, 3}) {
            OneVsRestResult other;
            try (KernelPool pool = KernelPool.create(threads)) {
                other = OneVsRest.train(c, perClass, test, pool, null);
            }
            for (int k = 0; k < 3; k++) {
                assertSameRun(one.models().get(k), other.models().get(k), threads + " threads, model " + k);
            }
            assertEquals(one.ensembleAccuracy(), other.ensembleAccuracy(), 0.0);
        }
    }
}
