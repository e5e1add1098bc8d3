package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.Normalization;
import dev.vecnn.data.PixelStats;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.LineAlignment;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Datasets whose rows start after a leading pad (the cache-line alignment of large arrays) train,
 * evaluate and normalise to the same bits as the same rows at the array's start. The pad is NaN here,
 * so any pass that read it would poison its result.
 */
class RowPadTest {

    private static Dataset padded(Dataset d, int pad) {
        float[] x = new float[pad + d.values().length];
        Arrays.fill(x, 0, pad, Float.NaN);
        System.arraycopy(d.values(), 0, x, pad, d.values().length);
        Dataset p = new Dataset(d.name(), x, d.rows(), d.features(), d.labels(), d.classes());
        assertEquals(pad, p.offset());
        return p;
    }

    @Test
    void shuffledMinibatchesAndEvaluationIgnoreThePad() {
        Dataset train = SyntheticData.blobs("train", 300, 20, 4, 1f, 0.8f, 3);
        Dataset val = SyntheticData.blobs("val", 90, 20, 4, 1f, 0.8f, 4);
        ModelConfig m = ModelConfig.softmax(20, 4, new LayerSpec(16, Activation.TANH));
        TrainConfig c = TrainConfig.defaults(m).withBatchSize(32).withEpochs(3).withMomentum(0.9f).withSeed(5);
        TrainResult plain = DeterminismTest.run(c, 2, train, val, val);
        for (int pad : new int[] {1, LineAlignment.MAX_PAD}) {
            Dataset pv = padded(val, pad);
            DeterminismTest.assertSameRun(plain, DeterminismTest.run(c, 2, padded(train, pad), pv, pv), "pad " + pad);
        }
    }

    @Test
    void fullBatchGroupsIgnoreThePad() {
        Dataset train = SyntheticData.noise("train", 1500, 40, 3, 6);
        ModelConfig m = ModelConfig.softmax(40, 3, new LayerSpec(10, Activation.RELU));
        TrainConfig c = TrainConfig.defaults(m).withFullBatch().withEpochs(3).withLearningRate(0.1f);
        TrainResult plain = DeterminismTest.run(c, 2, train, null, train);
        Dataset p = padded(train, 12);
        DeterminismTest.assertSameRun(plain, DeterminismTest.run(c, 2, p, null, p), "full batch");
    }

    @Test
    void oneVsRestIgnoresThePad() {
        Dataset all = SyntheticData.blobs("all", 120, 6, 3, 1.5f, 0.6f, 21);
        Dataset test = SyntheticData.blobs("test", 45, 6, 3, 1.5f, 0.6f, 22);
        TrainConfig c = TrainConfig.oneVsRest(6, 0.05f).withEpochs(5);
        try (KernelPool pool = KernelPool.create(2)) {
            OneVsRestResult plain = OneVsRest.train(c, List.of(SyntheticData.binarise(all, 0), SyntheticData.binarise(all, 1), SyntheticData.binarise(all, 2)),
                    test, pool, null);
            Dataset pa = padded(all, 7);
            OneVsRestResult pad = OneVsRest.train(c, List.of(SyntheticData.binarise(pa, 0), SyntheticData.binarise(pa, 1), SyntheticData.binarise(pa, 2)),
                    padded(test, 3), pool, null);
            for (int k = 0; k < 3; k++) DeterminismTest.assertSameRun(plain.models().get(k), pad.models().get(k), "model " + k);
            assertEquals(plain.ensembleAccuracy(), pad.ensembleAccuracy(), 0.0);
        }
    }

    @Test
    void statisticsNormalisationAndSelectionIgnoreThePad() {
        Dataset d = SyntheticData.blobs("d", 50, 9, 3, 2f, 1f, 8);
        Dataset p = padded(d, 5);
        PixelStats stats = PixelStats.of(d);
        assertEquals(stats, PixelStats.of(p));
        for (Normalization n : Normalization.values()) {
            assertArrayEquals(n.apply(d, stats).values(), n.apply(p, stats).values(), 0f, n.toString());
        }
        int[] rows = {49, 0, 17, 17};
        assertArrayEquals(d.select("s", rows).values(), p.select("s", rows).values(), 0f);
        assertArrayEquals(d.values(), p.values(), 0f);
    }
}
