package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Parameter;
import dev.vecnn.nn.WeightLayout;
import dev.vecnn.nn.Workspace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupedPassTest {
    private static final int BLOCK = 64;
    private static final int GROUP = 256;

    /** An optimiser that leaves the values alone (learning rate 0), so the summed gradient can be read. */
    private static final java.util.function.Function<Mlp, Sgd> NO_UPDATE = m -> new Sgd(m.parameters(), 0f, 0f, 0f, 0f);

    private record Outcome(List<float[]> grads, double loss, long correct, boolean finite) {}

    private static Outcome run(Mlp model, Dataset data, int threads, int block, int group) {
        try (KernelPool pool = KernelPool.create(threads)) {
            for (Parameter p : model.parameters()) java.util.Arrays.fill(p.grad(), Float.NaN); // must be overwritten
            GroupedPass epoch = new GroupedPass(model, pool, data.rows(), block, group);
            epoch.run(data.values(), 0, data.labels(), data.rows(), 1f / data.rows(), 0.5f);
            if (epoch.finite) epoch.sumAndUpdate(NO_UPDATE.apply(model));
            List<float[]> grads = new ArrayList<>();
            for (Parameter p : model.parameters()) grads.add(p.grad().clone());
            return new Outcome(grads, epoch.lossSum, epoch.correct, epoch.finite);
        }
    }

    /** The whole batch in one forward and backward pass on the plain API: the gradient the blocks must add up to. */
    private static Outcome onePass(Mlp model, Dataset data) {
        try (KernelPool pool = KernelPool.create(1)) {
            Gemm gemm = new Gemm(pool);
            Workspace ws = model.workspace(data.rows());
            model.forward(gemm, ws, data.values(), 0, data.rows());
            double loss = model.lossAndPredict(pool, ws, data.rows(), data.labels(), 0, true, 1f / data.rows(), 0.5f);
            long correct = 0;
            for (int i = 0; i < data.rows(); i++) if (ws.predictions()[i] == data.labels()[i]) correct++;
            model.backward(gemm, ws, data.values(), 0, data.rows());
            List<float[]> grads = new ArrayList<>();
            for (Parameter p : model.parameters()) grads.add(p.grad().clone());
            return new Outcome(grads, loss, correct, true);
        }
    }

    private static Mlp softmaxNet(int features, int hidden, WeightLayout layout) {
        ModelConfig c = ModelConfig.softmax(features, 10, new LayerSpec(hidden, Activation.TANH)).withLayout(layout);
        return Mlp.initialise(c, 11);
    }

    private static Dataset noise(int rows, int features, int classes) {
        return SyntheticData.noise("noise", rows, features, classes, 1000L * rows + features);
    }

    /** Random pixels and, as a loader makes them, their decoded values; labels from {@code classes}. */
    private static Dataset pixelData(int rows, int features, int classes, boolean withPixels) {
        java.util.Random random = new java.util.Random(31L * rows + features);
        byte[] pixels = new byte[rows * features];
        random.nextBytes(pixels);
        float[] x = new float[pixels.length];
        dev.vecnn.kernel.PixelDecodeReference.decode(pixels, 0, x, 0, pixels.length);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) labels[i] = random.nextInt(classes);
        return new Dataset("pixels", x, rows, features, labels, classes, withPixels ? pixels : null);
    }

    private static Outcome runDataset(Mlp model, Dataset data, int threads) {
        try (KernelPool pool = KernelPool.create(threads)) {
            for (Parameter p : model.parameters()) java.util.Arrays.fill(p.grad(), Float.NaN);
            GroupedPass epoch = new GroupedPass(model, pool, data.rows(), BLOCK, GROUP);
            epoch.run(data, 1f / data.rows(), 0.5f);
            if (epoch.finite) epoch.sumAndUpdate(NO_UPDATE.apply(model));
            List<float[]> grads = new ArrayList<>();
            for (Parameter p : model.parameters()) grads.add(p.grad().clone());
            return new Outcome(grads, epoch.lossSum, epoch.correct, epoch.finite);
        }
    }

    @Test
    void aDatasetsPixelsGiveTheBitsOfItsFloats() {
        // the neuron's products read the pixels; rows not a multiple of the block, widths round the vector edge
        for (int features : new int[] {1, 10, 31, 33, 784}) {
            for (int rows : new int[] {1, 5, 333}) {
                for (WeightLayout layout : WeightLayout.values()) {
                    Mlp neuron = Mlp.initialise(ModelConfig.logisticNeuron(features).withLayout(layout), 5);
                    Mlp net = softmaxNet(features, 17, layout);
                    for (Mlp model : List.of(neuron, net)) {
                        int classes = model.config().classes();
                        Outcome floats = runDataset(model, pixelData(rows, features, classes, false), 1);
                        for (int threads : new int[] {1, 2}) {
                            Outcome bytes = runDataset(model, pixelData(rows, features, classes, true), threads);
                            String what = model.config().outputs() + " outputs, " + rows + " x " + features + ", " + layout
                                    + ", " + threads + " threads";
                            for (int p = 0; p < floats.grads().size(); p++) {
                                assertArrayEquals(floats.grads().get(p), bytes.grads().get(p), what + ", parameter " + p);
                            }
                            assertEquals(floats.loss(), bytes.loss(), 0.0, what);
                            assertEquals(floats.correct(), bytes.correct(), what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aSumLargeEnoughToSplitOverThreadsKeepsTheBits() {
        // 784-32-10 over 20 groups: 25,450 values times 20 partial gradients, split between the threads
        Dataset data = noise(5000, 784, 10);
        Mlp model = softmaxNet(784, 32, WeightLayout.IN_OUT);
        Outcome one = run(model, data, 1, BLOCK, GROUP);
        for (int threads : new int[] {2, 3}) {
            Outcome many = run(model, data, threads, BLOCK, GROUP);
            for (int p = 0; p < one.grads().size(); p++) {
                assertArrayEquals(one.grads().get(p), many.grads().get(p), "parameter " + p + ", " + threads + " threads");
            }
        }
    }

    @Test
    void anyThreadCountGivesTheSameBits() {
        Dataset data = noise(1000, 33, 10);
        for (WeightLayout layout : WeightLayout.values()) {
            Mlp model = softmaxNet(33, 31, layout);
            Outcome one = run(model, data, 1, BLOCK, GROUP);
            for (int threads : new int[] {2, 3}) {
                Outcome many = run(model, data, threads, BLOCK, GROUP);
                for (int p = 0; p < one.grads().size(); p++) {
                    assertArrayEquals(one.grads().get(p), many.grads().get(p), layout + " parameter " + p + ", " + threads + " threads");
                }
                assertEquals(one.loss(), many.loss(), 0.0);
                assertEquals(one.correct(), many.correct());
            }
        }
    }

    @Test
    void blocksAndGroupsAddUpToTheWholeBatchGradient() {
        // awkward shapes: rows not a multiple of the block or group, a single row, widths 1, 10, 31, 33
        for (int rows : new int[] {1, 63, 65, 257, 1000}) {
            for (int hidden : new int[] {1, 10, 31, 33}) {
                Dataset data = noise(rows, 33, 10);
                Mlp model = softmaxNet(33, hidden, WeightLayout.IN_OUT);
                Outcome blocked = run(model, data, 2, BLOCK, GROUP);
                Outcome whole = onePass(model, data);
                String what = rows + " rows, hidden " + hidden;
                assertTrue(blocked.finite(), what);
                assertEquals(whole.correct(), blocked.correct(), what);
                assertEquals(whole.loss(), blocked.loss(), 1e-9 * rows, what);
                for (int p = 0; p < whole.grads().size(); p++) {
                    float[] want = whole.grads().get(p), got = blocked.grads().get(p);
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 1e-5f, what + ", parameter " + p + "[" + i + "]");
                    }
                }
            }
        }
    }

    @Test
    void theSigmoidNeuronToo() {
        Dataset data = noise(700, 31, 2);
        Mlp model = Mlp.initialise(ModelConfig.logisticNeuron(31), 3);
        Outcome whole = onePass(model, data);
        Outcome one = run(model, data, 1, BLOCK, GROUP);
        Outcome two = run(model, data, 2, BLOCK, GROUP);
        for (int p = 0; p < whole.grads().size(); p++) {
            assertArrayEquals(one.grads().get(p), two.grads().get(p));
            for (int i = 0; i < whole.grads().get(p).length; i++) {
                assertEquals(whole.grads().get(p)[i], one.grads().get(p)[i], 1e-5f);
            }
        }
        assertEquals(whole.correct(), one.correct());
    }

    @Test
    void aNonFiniteLossIsReportedAndTheGradientLeftAlone() {
        Dataset data = noise(600, 33, 10);
        data.values()[400 * 33 + 5] = Float.NaN; // in the second group
        Mlp model = softmaxNet(33, 10, WeightLayout.IN_OUT);
        Outcome o = run(model, data, 2, BLOCK, GROUP);
        assertFalse(o.finite());
        assertTrue(Float.isNaN(o.grads().get(0)[0]), "the model's gradient was not summed");
    }

    @Test
    void groupsAreWholeBlocksAndAtMostTheCap() {
        assertEquals(2048, GroupedPass.groupRows(60_000, 128, 2048));
        assertEquals(256, GroupedPass.groupRows(100, 128, 200)); // rounded up to whole blocks
        int rows = 10_000_000;
        int g = GroupedPass.groupRows(rows, 128, 2048);
        assertEquals(0, g % 128);
        assertTrue((rows + g - 1) / g <= GroupedPass.MAX_GROUPS, "groups " + (rows + g - 1) / g);
    }
}
