package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DivergenceTest {
    @TempDir
    Path dir;

    @Test
    void aHugeLearningRateEndsTheRunAsDivergedWithFiniteWeightsAndMetrics() throws Exception {
        Dataset train = SyntheticData.blobs("train", 200, 8, 4, 1f, 1f, 3);
        ModelConfig m = ModelConfig.softmax(8, 4, new LayerSpec(16, Activation.RELU));
        TrainConfig c = TrainConfig.defaults(m).withLearningRate(1e30f).withReduction(Reduction.SUM).withEpochs(50).withBatchSize(20);
        Path csv = dir.resolve("m.csv");
        try (KernelPool pool = KernelPool.create(2)) {
            TrainResult r = new Trainer(c, pool).csv(csv).train(train, train, train);
            assertEquals(RunStatus.DIVERGED, r.status());
            assertTrue(r.stopEpoch() >= 1 && r.stopEpoch() < 50, "stopped at " + r.stopEpoch());
            assertEquals("diverged at epoch " + r.stopEpoch(), r.statusText());
            assertEquals(r.stopEpoch() - 1, r.history().size(), "only finished epochs are recorded");
            for (EpochMetrics e : r.history()) {
                assertTrue(Double.isFinite(e.trainLoss()) && Double.isFinite(e.valLoss()), e.toString());
            }
            for (Parameter p : r.model().parameters()) {
                for (float v : p.values()) assertTrue(Float.isFinite(v), p.name() + " holds " + v);
            }
            assertFalse(Files.readString(csv).contains("NaN"));
        }
    }
}
