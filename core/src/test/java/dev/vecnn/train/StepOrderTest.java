package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Rng;
import dev.vecnn.nn.WeightLayout;
import dev.vecnn.nn.Workspace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Trainer copies the next minibatch during the update of the step before; this runs the same
 * training as the plain loop (shuffle, copy the batch, forward, loss, backward, update) and asks for
 * the same bits: a wrong batch, a stale row or a short last batch would change the weights.
 */
class StepOrderTest {
    @Test
    void copyingTheNextBatchDuringTheUpdateTrainsAsThePlainLoop() {
        Dataset train = SyntheticData.blobs("train", 301, 40, 4, 1f, 0.8f, 5); // 301 = 2 x 128 + 45
        ModelConfig m = new ModelConfig(40, List.of(new LayerSpec(24, Activation.TANH)),
                dev.vecnn.nn.Head.SOFTMAX_CROSS_ENTROPY, 4, WeightLayout.IN_OUT, dev.vecnn.nn.Initializer.xavier());
        TrainConfig c = TrainConfig.defaults(m).withLearningRate(0.01f).withMomentum(0.9f).withBatchSize(128)
                .withEpochs(3).withReduction(Reduction.SUM).withSeed(9);
        for (int threads = 1; threads <= 2; threads++) {
            try (KernelPool pool = KernelPool.create(threads)) {
                TrainResult r = new Trainer(c, pool).train(train, null, null);
                Weights.assertBitIdentical(plainLoop(c, pool, train), r.model(), threads + " thread(s)");
            }
        }
    }

    /**
     * With the weights stored out x in, a step on several threads cuts each layer's products by units (an
     * owner-computes step) and its update between rows; the plain loop lets the planner cut them. Layers
     * wide enough that their products split: 96 units end inside a register tile's columns, 33 leave one
     * unit to the last slab.
     */
    @Test
    void cuttingTheProductsByUnitsTrainsAsThePlainLoop() {
        for (int[] widths : new int[][] {{96, 40}, {33}}) {
            int features = widths[0] == 33 ? 1000 : 600; // 2 x 128 x 33 x 1000 flops: enough for two slabs
            Dataset train = SyntheticData.blobs("train", 301, features, 4, 1f, 0.8f, 6);
            List<LayerSpec> hidden = new java.util.ArrayList<>();
            for (int w : widths) hidden.add(new LayerSpec(w, Activation.TANH));
            ModelConfig m = new ModelConfig(features, hidden, dev.vecnn.nn.Head.SOFTMAX_CROSS_ENTROPY, 4, WeightLayout.OUT_IN,
                    dev.vecnn.nn.Initializer.xavier());
            TrainConfig c = TrainConfig.defaults(m).withLearningRate(0.01f).withMomentum(0.9f).withBatchSize(128)
                    .withEpochs(2).withReduction(Reduction.SUM).withSeed(9);
            Mlp reference;
            try (KernelPool one = KernelPool.create(1)) {
                reference = plainLoop(c, one, train);
            }
            for (int threads = 1; threads <= 3; threads++) {
                try (KernelPool pool = KernelPool.create(threads)) {
                    TrainResult r = new Trainer(c, pool).train(train, null, null);
                    Weights.assertBitIdentical(reference, r.model(), java.util.Arrays.toString(widths) + " on " + threads + " thread(s)");
                }
            }
        }
    }

    /** Trainer.train's draws and steps, written out one after the other. */
    private static Mlp plainLoop(TrainConfig c, KernelPool pool, Dataset train) {
        Rng seeds = new Rng(c.seed());
        Mlp model = Mlp.initialise(c.model(), seeds.nextLong());
        Rng shuffle = Rng.fromState(seeds.nextLong());
        Sgd sgd = new Sgd(model.parameters(), c.learningRate(), c.momentum(), c.l1(), c.l2());
        Gemm gemm = new Gemm(pool);
        int n = train.rows(), f = train.features(), batch = c.batchSize();
        Workspace ws = model.workspace(batch);
        int[] order = new int[n];
        float[] x = new float[batch * f];
        int[] y = new int[batch];
        for (int epoch = 0; epoch < c.epochs(); epoch++) {
            for (int i = 0; i < n; i++) order[i] = i;
            shuffle.shuffle(order, n);
            for (int r0 = 0; r0 < n; r0 += batch) {
                int rows = Math.min(batch, n - r0);
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(train.values(), order[r0 + i] * f, x, i * f, f);
                    y[i] = train.labels()[order[r0 + i]];
                }
                model.forward(gemm, ws, x, 0, rows);
                model.lossAndPredict(pool, ws, rows, y, 0, true, c.reduction().gradientScale(rows), c.threshold());
                model.backward(gemm, ws, x, 0, rows, false);
                sgd.step(pool);
            }
        }
        return model;
    }

    @Test
    void anUpdateCutIntoSlicesGivesTheSameBitsAsOneStep() {
        try (KernelPool pool = KernelPool.create(2)) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(5);
            float[][] values = new float[3][], grads = new float[3][];
            int[] sizes = {100_003, 17, 70_000};
            for (int i = 0; i < 3; i++) {
                values[i] = new float[sizes[i]];
                grads[i] = new float[sizes[i]];
                for (int j = 0; j < sizes[i]; j++) {
                    values[i][j] = (float) r.nextGaussian();
                    grads[i][j] = (float) r.nextGaussian();
                }
            }
            Sgd whole = sgd(values, grads), sliced = sgd(values, grads);
            for (int step = 0; step < 3; step++) {
                whole.step(pool);
                int largest = sliced.largestParameter();
                org.junit.jupiter.api.Assertions.assertEquals(0, largest);
                sliced.stepAllBut(pool, largest);
                for (int slice = 0; slice < 5; slice++) sliced.updateSlice(largest, slice, 5);
            }
            for (int i = 0; i < 3; i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(whole.parameterValues(i), sliced.parameterValues(i), "parameter " + i);
                org.junit.jupiter.api.Assertions.assertArrayEquals(whole.velocities().get(i), sliced.velocities().get(i), "velocity " + i);
            }
        }
    }

    /** A matrix's update slices end between rows, so a slice never shares a row with another: 7 rows in 1 to 9 slices. */
    @Test
    void aMatrixCutIntoSlicesOfRowsGivesTheSameBitsAsOneStep() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(8);
        float[] values = new float[7 * 11], grads = new float[7 * 11];
        for (int j = 0; j < values.length; j++) {
            values[j] = (float) r.nextGaussian();
            grads[j] = (float) r.nextGaussian();
        }
        Sgd whole = new Sgd(List.of(new dev.vecnn.nn.Parameter("w", values.clone(), grads, new int[] {7, 11}, true)),
                0.01f, 0.9f, 1e-4f, 1e-3f);
        whole.updateSlice(0, 0, 1);
        for (int slices = 2; slices <= 9; slices++) {
            float[] mine = values.clone();
            Sgd sliced = new Sgd(List.of(new dev.vecnn.nn.Parameter("w", mine, grads, new int[] {7, 11}, true)),
                    0.01f, 0.9f, 1e-4f, 1e-3f);
            for (int slice = slices - 1; slice >= 0; slice--) sliced.updateSlice(0, slice, slices);
            org.junit.jupiter.api.Assertions.assertArrayEquals(whole.parameterValues(0), mine, slices + " slices");
            org.junit.jupiter.api.Assertions.assertArrayEquals(whole.velocities().get(0), sliced.velocities().get(0), slices + " slices");
        }
    }

    private static Sgd sgd(float[][] values, float[][] grads) {
        List<dev.vecnn.nn.Parameter> ps = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ps.add(new dev.vecnn.nn.Parameter("p" + i, values[i].clone(), grads[i], new int[] {values[i].length}, i != 1));
        }
        return new Sgd(ps, 0.01f, 0.9f, 1e-4f, 1e-3f);
    }
}
