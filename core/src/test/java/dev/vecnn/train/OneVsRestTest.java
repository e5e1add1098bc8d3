package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OneVsRestTest {

    @Test
    void tenNeuronsLearnTheirDigitsAndTheEnsembleClassifies() {
        int classes = 10;
        Dataset all = SyntheticData.blobs("all", 600, 12, classes, 3f, 0.3f, 51);
        Dataset test = SyntheticData.blobs("test", 300, 12, classes, 3f, 0.3f, 52);
        List<Dataset> perDigit = new ArrayList<>();
        for (int d = 0; d < classes; d++) perDigit.add(SyntheticData.binarise(all, d));
        TrainConfig c = TrainConfig.oneVsRest(12, 1f).withEpochs(300);
        AtomicInteger epochsSeen = new AtomicInteger();
        try (KernelPool pool = KernelPool.create(2)) {
            OneVsRestResult r = OneVsRest.train(c, perDigit, test, pool, (digit, m) -> epochsSeen.incrementAndGet());
            assertEquals(classes * 300, epochsSeen.get());
            assertEquals(classes, r.models().size());
            for (int d = 0; d < classes; d++) {
                assertEquals(1.0, r.trainAccuracy()[d], "digit " + d);
                assertTrue(r.testAccuracy()[d] >= 0.99, "digit " + d + ": " + r.testAccuracy()[d]);
            }
            assertTrue(r.ensembleAccuracy() >= 0.99, "ensemble " + r.ensembleAccuracy());
            int total = 0;
            for (int[] row : r.ensembleConfusion()) for (int n : row) total += n;
            assertEquals(test.rows(), total);
        }
    }

    @Test
    void thresholdDecidesThePositives() {
        // A neuron trained a few epochs outputs moderate probabilities: a threshold near 1 calls
        // everything negative, so its accuracy equals the share of negatives.
        Dataset all = SyntheticData.blobs("all", 100, 4, 2, 2f, 0.3f, 53);
        List<Dataset> perClass = List.of(SyntheticData.binarise(all, 0), SyntheticData.binarise(all, 1));
        TrainConfig c = TrainConfig.oneVsRest(4, 0.01f).withEpochs(2).withThreshold(0.999f);
        try (KernelPool pool = KernelPool.create(1)) {
            OneVsRestResult r = OneVsRest.train(c, perClass, all, pool, null);
            assertEquals(0.5, r.testAccuracy()[0], 1e-12);
        }
    }

    @Test
    void refusesTheSoftmaxHead() {
        Dataset all = SyntheticData.blobs("all", 20, 4, 2, 2f, 0.3f, 54);
        TrainConfig c = TrainConfig.defaults(ModelConfig.softmax(4, 2));
        try (KernelPool pool = KernelPool.create(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OneVsRest.train(c, List.of(all, all), all, pool, null));
            assertTrue(e.getMessage().contains("sigmoid"));
        }
    }
}
