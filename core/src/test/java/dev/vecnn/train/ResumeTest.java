package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
    @TempDir
    Path dir;

    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /**
     * A stop asked for in the middle of epoch 4 (300 rows, batches of 32: ten steps an epoch) undoes
     * that epoch's steps, momentum and shuffle, checkpoints epoch 3 and skips the final evaluation; a
     * resume from it gives the weights of a run never stopped. So does a stop at an epoch's end.
     */
    @Test
    void aStopMidEpochCheckpointsTheLastWholeEpochAndResumesBitIdentically() throws Exception {
        Dataset train = SyntheticData.blobs("train", 300, 10, 3, 1f, 0.9f, 31);
        Dataset val = SyntheticData.blobs("val", 100, 10, 3, 1f, 0.9f, 32);
        ModelConfig m = ModelConfig.softmax(10, 3, new LayerSpec(12, Activation.TANH));
        TrainConfig c = TrainConfig.defaults(m).withBatchSize(32).withEpochs(7).withMomentum(0.9f).withL2(1e-3f)
                .withLearningRate(0.05f).withPatience(20);
        try (KernelPool pool = KernelPool.create(2)) {
            TrainResult uninterrupted = new Trainer(c, pool).train(train, val, val);
            // Asked before each of the 9 later steps of an epoch and once at its end: 10 questions an epoch.
            for (int askedBeforeStop : new int[] {3 * 10 + 4, 3 * 10 - 1}) {
                Path ckpt = dir.resolve("stop-" + askedBeforeStop + ".ckpt.safetensors");
                int[] asked = {0};
                TrainResult stopped = new Trainer(c, pool).checkpoints(ckpt, 2)
                        .stopWhen(() -> ++asked[0] > askedBeforeStop).train(train, val, val);
                assertEquals(RunStatus.INTERRUPTED, stopped.status());
                assertEquals(3, stopped.stopEpoch(), "stopped after the last whole epoch");
                assertEquals(null, stopped.test(), "no evaluation after a stop");
                Checkpoint saved = CheckpointFile.read(ckpt);
                assertEquals(3, saved.epoch(), "the stop writes the checkpoint the interval would not have");
                Weights.assertBitIdentical(stopped.model(), saved.model(), "the checkpoint holds the returned model");
                TrainResult resumed = new Trainer(c, pool).resume(saved, train, val, val);
                Weights.assertBitIdentical(uninterrupted.model(), resumed.model(), "resumed after " + askedBeforeStop);
            }
        }
    }

    @Test
    void resumingAfterACrashGivesBitIdenticalWeights() throws Exception {
        Dataset train = SyntheticData.blobs("train", 300, 10, 3, 1f, 0.9f, 31);
        Dataset val = SyntheticData.blobs("val", 100, 10, 3, 1f, 0.9f, 32);
        ModelConfig m = ModelConfig.softmax(10, 3, new LayerSpec(12, Activation.TANH));
        TrainConfig c = TrainConfig.defaults(m).withBatchSize(32).withEpochs(7).withMomentum(0.9f).withL2(1e-3f)
                .withLearningRate(0.05f).withPatience(20);
        Path ckpt = dir.resolve("run.ckpt.safetensors");
        Path csv = dir.resolve("run.csv");
        try (KernelPool pool = KernelPool.create(2)) {
            TrainResult uninterrupted = new Trainer(c, pool).train(train, val, val);

            int crashAt = 3;
            assertThrows(SimulatedCrash.class, () -> new Trainer(c, pool).checkpoints(ckpt, 1).csv(csv)
                    .onEpoch(e -> {
                        if (e.epoch() == crashAt) throw new SimulatedCrash();
                    })
                    .train(train, val, val));
            Checkpoint saved = CheckpointFile.read(ckpt);
            assertEquals(crashAt, saved.epoch());
            assertEquals(crashAt, saved.history().size());
            assertTrue(Files.readString(csv).lines().count() == crashAt + 1, "csv holds the header and one line per epoch");

            TrainResult resumed = new Trainer(c, pool).resume(saved, train, val, val);
            Weights.assertBitIdentical(uninterrupted.model(), resumed.model(), "resumed run");
            assertEquals(uninterrupted.history().size(), resumed.history().size());
            for (int i = 0; i < resumed.history().size(); i++) {
                assertEquals(uninterrupted.history().get(i).trainLoss(), resumed.history().get(i).trainLoss(), 0.0);
                assertEquals(uninterrupted.history().get(i).valLoss(), resumed.history().get(i).valLoss(), 0.0);
            }
            assertEquals(uninterrupted.bestEpoch(), resumed.bestEpoch());
        }
    }

    @Test
    void aCheckpointWrittenWhenEarlyStoppingFiredResumesAsStopped() throws Exception {
        Dataset train = SyntheticData.blobs("train", 120, 6, 3, 2f, 0.5f, 41);
        int[] shifted = new int[train.rows()];
        for (int r = 0; r < shifted.length; r++) shifted[r] = (train.labels()[r] + 1) % 3;
        Dataset val = train.withLabels("val-shifted", shifted, 3);
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(6, 3)).withBatchSize(20).withEpochs(40)
                .withLearningRate(0.05f).withPatience(2);
        Path ckpt = dir.resolve("stopped.safetensors");
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult original = new Trainer(c, pool).checkpoints(ckpt, 1).train(train, val, null);
            assertEquals(RunStatus.EARLY_STOPPED, original.status());
            Checkpoint saved = CheckpointFile.read(ckpt);
            assertEquals(original.stopEpoch(), saved.epoch());
            TrainResult resumed = new Trainer(c, pool).resume(saved, train, val, null);
            assertEquals(RunStatus.EARLY_STOPPED, resumed.status());
            assertEquals(original.stopEpoch(), resumed.stopEpoch());
            assertEquals(original.bestEpoch(), resumed.bestEpoch());
            Weights.assertBitIdentical(original.model(), resumed.model(), "resumed stopped run");
        }
    }

    @Test
    void aRunStoppingOnAccuracyWithNesterovResumesBitIdentically() throws Exception {
        Dataset train = SyntheticData.blobs("train", 120, 6, 3, 2f, 0.5f, 43);
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(6, 3)).withBatchSize(20).withEpochs(30).withPatience(2)
                .withMomentum(0.5f).withMomentumForm(MomentumForm.NESTEROV).withStopOn(StopCriterion.ACCURACY);
        Path ckpt = dir.resolve("accuracy.safetensors");
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult uninterrupted = new Trainer(c, pool).train(train, train, null);
            assertEquals(RunStatus.EARLY_STOPPED, uninterrupted.status());
            int crashAt = uninterrupted.bestEpoch() + 1;
            assertThrows(SimulatedCrash.class, () -> new Trainer(c, pool).checkpoints(ckpt, 1)
                    .onEpoch(e -> {
                        if (e.epoch() == crashAt) throw new SimulatedCrash();
                    })
                    .train(train, train, null));
            Checkpoint saved = CheckpointFile.read(ckpt);
            assertEquals(c, saved.config());
            assertEquals(uninterrupted.history().get(uninterrupted.bestEpoch() - 1).valAccuracy(), saved.bestValAccuracy(), 0.0);
            assertEquals(1, saved.staleEvaluations());
            TrainResult resumed = new Trainer(c, pool).resume(saved, train, train, null);
            assertEquals(uninterrupted.stopEpoch(), resumed.stopEpoch());
            assertEquals(uninterrupted.bestEpoch(), resumed.bestEpoch());
            Weights.assertBitIdentical(uninterrupted.model(), resumed.model(), "resumed run stopping on accuracy");
        }
    }

    @Test
    void aCheckpointWrittenBeforeTheNewSettingsStillResumes() throws Exception {
        Dataset train = SyntheticData.blobs("train", 120, 6, 3, 2f, 0.5f, 41);
        Dataset val = SyntheticData.blobs("val", 60, 6, 3, 2f, 0.5f, 42);
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(6, 3)).withBatchSize(20).withEpochs(6).withPatience(3)
                .withMomentum(0.9f);
        Path ckpt = dir.resolve("new.safetensors");
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult uninterrupted = new Trainer(c, pool).train(train, val, null);
            new Trainer(c.withEpochs(3), pool).checkpoints(ckpt, 1).train(train, val, null);
            dev.vecnn.io.SafetensorsFile f = dev.vecnn.io.Safetensors.read(ckpt);
            java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(f.metadata());
            for (String key : new String[] {"vecnn.checkpoint.best_val_accuracy", "vecnn.train.momentum_form", "vecnn.train.stop_on"}) {
                assertTrue(meta.remove(key) != null, key);
            }
            Path old = dir.resolve("old.safetensors");
            dev.vecnn.io.Safetensors.write(old, f.tensors(), meta);
            Checkpoint saved = CheckpointFile.read(old);
            assertEquals(Double.NEGATIVE_INFINITY, saved.bestValAccuracy());
            assertEquals(c.withEpochs(3), saved.config());
            TrainResult resumed = new Trainer(c, pool).resume(saved, train, val, null);
            Weights.assertBitIdentical(uninterrupted.model(), resumed.model(), "resumed from an old checkpoint");
        }
    }

    @Test
    void resumeRefusesACheckpointOfAnotherConfiguration() throws Exception {
        Dataset train = SyntheticData.blobs("train", 60, 4, 2, 1f, 0.5f, 1);
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(4, 2)).withEpochs(2);
        Path ckpt = dir.resolve("c.safetensors");
        try (KernelPool pool = KernelPool.create(1)) {
            new Trainer(c, pool).checkpoints(ckpt, 1).train(train, null, null);
            Checkpoint saved = CheckpointFile.read(ckpt);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(c.withLearningRate(0.5f), pool).resume(saved, train, null, null));
            assertTrue(e.getMessage().contains("different configuration: vecnn.train.learning_rate is 0.01 in the checkpoint"
                    + " and 0.5 in this run"), e.getMessage());
        }
    }

    @Test
    void aCheckpointWithImpossibleCountersIsRefused() throws Exception {
        Dataset train = SyntheticData.blobs("train", 60, 4, 2, 1f, 0.5f, 1);
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(4, 2)).withEpochs(2);
        Path ckpt = dir.resolve("c.safetensors");
        try (KernelPool pool = KernelPool.create(1)) {
            new Trainer(c, pool).checkpoints(ckpt, 1).train(train, null, null);
        }
        dev.vecnn.io.SafetensorsFile f = dev.vecnn.io.Safetensors.read(ckpt);
        for (String[] bad : new String[][] {{"epoch", "2147483647"}, {"epoch", "-1"}, {"best_epoch", "3"}, {"stale_evaluations", "-2"},
                {"best_val_loss", "NaN"}, {"best_val_accuracy", "NaN"}, {"best_val_accuracy", "2.0"}, {"elapsed_seconds", "-Infinity"}}) {
            java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(f.metadata());
            meta.put("vecnn.checkpoint." + bad[0], bad[1]);
            Path damaged = dir.resolve("damaged.safetensors");
            dev.vecnn.io.Safetensors.write(damaged, f.tensors(), meta);
            dev.vecnn.io.ModelFileException e = assertThrows(dev.vecnn.io.ModelFileException.class, () -> CheckpointFile.read(damaged));
            assertTrue(e.getMessage().startsWith(damaged + ": bad checkpoint metadata: ") && e.getMessage().contains(bad[1]),
                    e.getMessage());
        }
    }

    @Test
    void resumeRefusesACheckpointOfAnotherRunContextNamingTheSetting() throws Exception {
        Dataset train = SyntheticData.blobs("train", 60, 4, 2, 1f, 0.5f, 1);
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(4, 2)).withEpochs(2);
        Path ckpt = dir.resolve("c.safetensors");
        java.util.Map<String, String> context = java.util.Map.of("vecnn.run.data.validation_rows", "12000",
                "vecnn.run.data.crc32c", "0badf00d");
        try (KernelPool pool = KernelPool.create(1)) {
            new Trainer(c, pool).context(context).checkpoints(ckpt, 1).train(train, null, null);
            Checkpoint saved = CheckpointFile.read(ckpt);
            assertEquals(context, saved.context());
            new Trainer(c.withEpochs(3), pool).context(context).checkResumable(saved);
            java.util.Map<String, String> other = new java.util.HashMap<>(context);
            other.put("vecnn.run.data.validation_rows", "600");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(c, pool).context(other).resume(saved, train, null, null));
            assertEquals("the checkpoint was written with different data: vecnn.run.data.validation_rows is 12000 in the"
                    + " checkpoint and 600 in this run; resume with the same data and data flags", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new Trainer(c, pool).checkResumable(saved));
            assertTrue(e.getMessage().contains("is 12000 in the checkpoint and not set in this run")
                    || e.getMessage().contains("is 0badf00d in the checkpoint and not set in this run"), e.getMessage());
        }
    }
}
