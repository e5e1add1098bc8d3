package dev.vecnn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.GemmReference;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Rng;
import dev.vecnn.nn.WeightLayout;
import dev.vecnn.train.Evaluation;
import dev.vecnn.train.RunStatus;
import dev.vecnn.train.SyntheticData;
import dev.vecnn.train.TrainConfig;
import dev.vecnn.train.TrainResult;
import dev.vecnn.train.Trainer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library facade: shapes, training, save/load, GEMM, and that it changes no bit of what it wraps. */
class VecnnTest {
    private static final Dataset TRAIN = SyntheticData.blobs("train", 400, 12, 4, 2f, 0.6f, 21);
    private static final Dataset TEST = SyntheticData.blobs("test", 200, 12, 4, 2f, 0.6f, 22);

    private static TrainConfig settings() {
        ModelConfig net = ModelSpec.inputs(12).hidden(16, Activation.TANH).hidden(8, Activation.RELU)
                .layout(WeightLayout.OUT_IN).softmax(4);
        return TrainConfig.defaults(net).withLearningRate(0.05f).withMomentum(0.9f).withBatchSize(32)
                .withEpochs(4).withSeed(5);
    }

    @Test
    void modelSpecBuildsTheConfiguration() {
        ModelConfig c = ModelSpec.inputs(784).hidden(128, Activation.TANH).hidden(32, Activation.RELU).softmax(10);
        assertArrayEquals(new int[] {784, 128, 32, 10}, c.widths());
        assertEquals(Head.SOFTMAX_CROSS_ENTROPY, c.head());
        assertEquals(Activation.RELU, c.hidden().get(1).activation());
        assertEquals(WeightLayout.IN_OUT, c.layout());
        assertEquals(ModelConfig.softmax(784, 10, c.hidden().toArray(new dev.vecnn.nn.LayerSpec[0])), c);

        ModelConfig logistic = ModelSpec.inputs(5).sigmoid();
        assertArrayEquals(new int[] {5, 1}, logistic.widths());
        assertEquals(ModelConfig.logisticNeuron(5), logistic);
    }

    @Test
    void trainsASeparableProblemFarAboveChance() {
        try (Vecnn vecnn = Vecnn.create(2)) {
            Trained t = vecnn.train(settings(), TRAIN, null, TEST);
            assertEquals(RunStatus.COMPLETED, t.result().status());
            assertEquals(4, t.result().history().size());
            Evaluation e = vecnn.evaluate(t.model(), TEST);
            assertTrue(e.accuracy() > 0.9, "accuracy " + e.accuracy() + " on 4 separable classes (chance 0.25)");
            assertEquals(t.result().test().accuracy(), e.accuracy(), 0.0);
            assertEquals(t.result().test().loss(), e.loss(), 0.0);

            int[] predicted = vecnn.predict(t.model(), TEST.values());
            int correct = 0;
            for (int r = 0; r < predicted.length; r++) if (predicted[r] == TEST.labels()[r]) correct++;
            assertEquals(e.accuracy(), (double) correct / TEST.rows(), 0.0, "predict agrees with evaluate");
            assertEquals(TEST.rows() * 4, vecnn.probabilities(t.model(), TEST.values()).length);
        }
    }

    @Test
    void aSigmoidHeadLearnsOneClassAgainstTheRest() {
        Dataset train = SyntheticData.binarise(TRAIN, 2);
        ModelConfig net = ModelSpec.inputs(12).sigmoid();
        try (Vecnn vecnn = Vecnn.create(1)) {
            Trained t = vecnn.train(TrainConfig.defaults(net).withLearningRate(0.5f).withEpochs(10), train);
            assertTrue(vecnn.evaluate(t.model(), SyntheticData.binarise(TEST, 2)).accuracy() > 0.9);
            assertEquals(TEST.rows(), vecnn.probabilities(t.model(), TEST.values()).length);
        }
    }

    @Test
    void theFacadeGivesTheTrainersBitsOnAnyThreadCount() {
        TrainResult direct;
        try (KernelPool pool = KernelPool.create(1)) {
            direct = new Trainer(settings(), pool).train(TRAIN, TEST, TEST);
        }
        for (int threads : new int[] {1, 2, 3}) {
            try (Vecnn vecnn = Vecnn.create(threads)) {
                Trained t = vecnn.train(settings(), TRAIN, TEST, TEST);
                assertBitIdentical(direct.model(), t.model().mlp(), threads + " threads");
                assertEquals(direct.history().getLast().trainLoss(), t.result().history().getLast().trainLoss(), 0.0);
            }
        }
    }

    @Test
    void aSavedModelLoadsWithTheSamePredictions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.safetensors");
        try (Vecnn vecnn = Vecnn.create(2)) {
            Model trained = vecnn.train(settings(), TRAIN).model();
            trained.save(file);
            Model loaded = Model.load(file);
            assertEquals(trained.config(), loaded.config());
            assertEquals(settings(), loaded.training());
            assertBitIdentical(trained.mlp(), loaded.mlp(), "loaded");
            assertArrayEquals(vecnn.predict(trained, TEST.values()), vecnn.predict(loaded, TEST.values()));
            assertArrayEquals(vecnn.probabilities(trained, TEST.values()), vecnn.probabilities(loaded, TEST.values()), 0f);
            assertEquals(vecnn.evaluate(trained, TEST).loss(), vecnn.evaluate(loaded, TEST).loss(), 0.0);
            assertEquals("vecnn-model-1", loaded.metadata().get("vecnn.format"));
        }
    }

    @Test
    void aFileWithoutTrainingSettingsStillLoads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bare.safetensors");
        dev.vecnn.nn.ModelFile.save(file, Trainer.initialModel(settings()), Map.of());
        Model loaded = Model.load(file);
        assertNull(loaded.training());
        assertEquals(0.5f, loaded.threshold());
        assertEquals(settings().model(), loaded.config());
    }

    @Test
    void mnistLoadsFromTheCacheWhenItIsThere() throws Exception {
        Path cache = dev.vecnn.data.MnistFetcher.defaultCacheDir();
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.vecnn.data.MnistLoader.present(cache), "no MNIST cache: nothing to load");
        var mnist = Vecnn.mnist();
        assertEquals(784, mnist.test().features());
        assertEquals(10, mnist.test().classes());
        assertEquals(60_000, mnist.trainRows());
        assertMessage("the MNIST folder must not be null", () -> Vecnn.mnist(null));
    }

    /** Shapes off every tile and vector width, each transpose, alpha and beta not 1 and 0. */
    @Test
    void gemmMatchesTheReferenceOnAwkwardShapes() {
        int[][] shapes = {{1, 1, 1}, {7, 13, 5}, {33, 17, 129}, {1, 50, 3}, {65, 1, 31}, {9, 70, 300}, {130, 11, 9},
                {0, 5, 3}, {4, 0, 3}, {6, 5, 0}};
        Rng rng = new Rng(3);
        try (Vecnn vecnn = Vecnn.create(2)) {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    float[] a = random(rng, m * k), b = random(rng, k * n), c = random(rng, m * n);
                    float alpha = 0.75f, beta = -0.5f;
                    float[] expected = c.clone();
                    GemmReference.gemm(ta, tb, m, n, k, alpha, a, 0, Math.max(1, ta ? m : k), b, 0, Math.max(1, tb ? k : n),
                            beta, expected, 0, Math.max(1, n));
                    float[] bound = errorBound(ta, tb, m, n, k, alpha, a, b, beta, c);
                    String what = m + "x" + n + "x" + k + (ta ? " A^T" : "") + (tb ? " B^T" : "");

                    float[] got = c.clone();
                    vecnn.gemm(ta, tb, m, n, k, alpha, a, b, beta, got);
                    assertClose(expected, got, bound, what);

                    float[] once = c.clone();
                    Vecnn.gemm(3, ta, tb, m, n, k, alpha, a, b, beta, once);
                    assertArrayEquals(got, once, 0f, what + ": static entry on 3 threads, same bits");
                }
            }
            float[] c = {Float.NaN, Float.NaN};
            vecnn.gemm(false, false, 1, 2, 1, 1f, new float[] {2f}, new float[] {3f, 4f}, 0f, c);
            assertArrayEquals(new float[] {6f, 8f}, c, 0f, "beta 0 never reads C");
        }
    }

    @Test
    void badArgumentsAreRefusedWithOneSentence() {
        assertMessage("the thread count must be between 1 and 1024, got 0", () -> Vecnn.create(0));
        assertMessage("the thread count must be between 1 and 1024, got 1025", () -> Vecnn.gemm(1025, false, false, 1, 1, 1, 1f,
                new float[1], new float[1], 0f, new float[1]));
        assertMessage("a model needs at least one input, got 0", () -> ModelSpec.inputs(0));
        assertMessage("hidden layer size must be at least 1, got 0", () -> ModelSpec.inputs(3).hidden(0, Activation.TANH));
        assertMessage("model needs at least 2 classes, got 1", () -> ModelSpec.inputs(3).softmax(1));
        assertMessage("GEMM matrix A needs 6 values, got 5",
                () -> Vecnn.gemm(1, false, false, 2, 2, 3, 1f, new float[5], new float[6], 0f, new float[4]));
        assertMessage("GEMM dimensions must not be negative, got m=-1 n=2 k=3",
                () -> Vecnn.gemm(1, false, false, -1, 2, 3, 1f, new float[0], new float[6], 0f, new float[0]));
        assertMessage("GEMM matrix C must not be null",
                () -> Vecnn.gemm(1, true, true, 2, 2, 3, 1f, new float[6], new float[6], 0f, null));
        assertMessage("3 rows of 2 features need 6 values, but the feature array has 5",
                () -> Vecnn.dataset(new float[5], 2, new int[3], 2));
        assertMessage("label 2 of row 1 is outside [0, 2)", () -> Vecnn.dataset(new float[4], 2, new int[] {0, 2}, 2));
        assertMessage("a dataset needs at least 2 classes, got 1", () -> Vecnn.dataset(new float[2], 2, new int[1], 1));
        assertMessage("learning rate must be positive, got 0.0", () -> settings().withLearningRate(0f));
        try (Vecnn vecnn = Vecnn.create(1)) {
            Model model = vecnn.train(settings().withEpochs(1), TRAIN).model();
            assertMessage("the input array holds 13 values, not a whole number of rows of 12 inputs",
                    () -> vecnn.predict(model, new float[13]));
            assertMessage("dataset data has 2 features but the model takes 12",
                    () -> vecnn.evaluate(model, Vecnn.dataset(new float[4], 2, new int[2], 4)));
            assertMessage("the training set must not be null", () -> vecnn.train(settings(), null));
            assertMessage("the file to save the model to must not be null", () -> model.save(null));
            vecnn.close();
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> vecnn.evaluate(model, TEST));
            assertEquals("this Vecnn is closed", closed.getMessage());
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private static float[] random(Rng rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rng.nextDouble() * 2 - 1);
        return x;
    }

    /** The rounding error any order of summation may make: about k units of rounding times the sum of |terms|. */
    private static float[] errorBound(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b,
                                      float beta, float[] c) {
        float[] absA = abs(a), absB = abs(b), absC = abs(c);
        GemmReference.gemm(ta, tb, m, n, k, Math.abs(alpha), absA, 0, Math.max(1, ta ? m : k), absB, 0,
                Math.max(1, tb ? k : n), Math.abs(beta), absC, 0, Math.max(1, n));
        for (int i = 0; i < absC.length; i++) absC[i] = (k + 2) * 0x1p-23f * absC[i] + 1e-30f;
        return absC;
    }

    private static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        return y;
    }

    private static void assertClose(float[] expected, float[] got, float[] bound, String what) {
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], bound[i], what + " at " + i);
        }
    }

    private static void assertBitIdentical(Mlp expected, Mlp actual, String what) {
        for (int i = 0; i < expected.parameters().size(); i++) {
            float[] e = expected.parameters().get(i).values(), a = actual.parameters().get(i).values();
            assertEquals(e.length, a.length, what);
            for (int j = 0; j < e.length; j++) {
                assertEquals(Float.floatToRawIntBits(e[j]), Float.floatToRawIntBits(a[j]),
                        what + ": " + expected.parameters().get(i).name() + "[" + j + "]");
            }
        }
    }
}
