package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.ModelConfig;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceAndRestoresTheBestWeights() {
        // Validation labels are shifted by one class, so learning the training set raises the
        // validation loss after the first epochs: early stopping must trigger.
        Dataset train = SyntheticData.blobs("train", 200, 6, 3, 2f, 0.5f, 41);
        int[] shifted = new int[train.rows()];
        for (int r = 0; r < shifted.length; r++) shifted[r] = (train.labels()[r] + 1) % 3;
        Dataset val = train.withLabels("val-shifted", shifted, 3);
        int patience = 3;
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(6, 3)).withBatchSize(20).withEpochs(40)
                .withLearningRate(0.05f).withPatience(patience);
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult r = new Trainer(c, pool).train(train, val, null);
            assertEquals(RunStatus.EARLY_STOPPED, r.status());
            assertEquals(r.bestEpoch() + patience, r.stopEpoch());
            assertEquals(r.stopEpoch(), r.history().size());
            assertTrue(r.statusText().startsWith("early stopped at epoch " + r.stopEpoch()), r.statusText());
            double best = r.history().get(r.bestEpoch() - 1).valLoss();
            for (EpochMetrics e : r.history()) assertTrue(e.valLoss() >= best);
            assertEquals(best, r.validation().loss(), 1e-12, "the returned model is the best one");

            // The same run cut at the best epoch (early stopping does not change training) has the same weights.
            TrainResult cut = new Trainer(c.withPatience(0).withEpochs(r.bestEpoch()), pool).train(train, val, null);
            Weights.assertBitIdentical(cut.model(), r.model(), "restored best weights");
        }
    }

    @Test
    void stoppingOnAccuracyKeepsTheFirstHighestAccuracy() {
        // Separable blobs scored on the training set itself: the accuracy soon stops rising while the
        // loss keeps falling, so the two criteria part ways.
        Dataset train = SyntheticData.blobs("train", 120, 6, 3, 2f, 0.5f, 43);
        int patience = 2;
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(6, 3)).withBatchSize(20).withEpochs(30)
                .withLearningRate(0.1f).withPatience(patience).withStopOn(StopCriterion.ACCURACY);
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult r = new Trainer(c, pool).train(train, train, null);
            assertEquals(RunStatus.EARLY_STOPPED, r.status());
            assertEquals(r.bestEpoch() + patience, r.stopEpoch());
            double best = r.history().get(r.bestEpoch() - 1).valAccuracy();
            for (EpochMetrics e : r.history()) {
                if (e.epoch() < r.bestEpoch()) assertTrue(e.valAccuracy() < best, "epoch " + e.epoch() + " is worse");
                else assertTrue(e.valAccuracy() <= best, "epoch " + e.epoch() + " is no better: a tie is stale");
            }
            assertEquals(best, r.validation().accuracy(), 0.0, "the returned model is the best one");
            TrainResult cut = new Trainer(c.withPatience(0).withEpochs(r.bestEpoch()), pool).train(train, train, null);
            Weights.assertBitIdentical(cut.model(), r.model(), "restored best weights");

            TrainResult byLoss = new Trainer(c.withStopOn(StopCriterion.LOSS), pool).train(train, train, null);
            assertTrue(byLoss.stopEpoch() > r.stopEpoch(), "the loss still falls at epoch " + r.stopEpoch()
                    + " and stops at " + byLoss.stopEpoch());
        }
    }

    @Test
    void withoutImprovementStallsTheRunCompletes() {
        Dataset train = SyntheticData.blobs("train", 120, 6, 3, 2f, 0.5f, 43);
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(6, 3)).withBatchSize(20).withEpochs(5).withPatience(2);
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult r = new Trainer(c, pool).train(train, train, null);
            assertEquals(RunStatus.COMPLETED, r.status());
            assertEquals(5, r.stopEpoch());
            assertEquals("completed 5 epochs", r.statusText());
        }
    }
}
