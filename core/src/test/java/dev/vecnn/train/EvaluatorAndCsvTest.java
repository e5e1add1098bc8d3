package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorAndCsvTest {
    @TempDir
    Path dir;

    @Test
    void evaluationAgreesWithProbabilitiesAndCountsEveryRow() {
        Dataset d = SyntheticData.noise("d", 2500, 7, 4, 61); // more rows than one evaluation chunk
        Mlp model = Mlp.initialise(ModelConfig.softmax(7, 4, new LayerSpec(9, Activation.TANH)), 5);
        try (KernelPool pool = KernelPool.create(2)) {
            Evaluator ev = new Evaluator(new Gemm(pool));
            Evaluation e = ev.evaluate(model, d, 0.5f);
            float[] p = ev.probabilities(model, d.values(), d.rows());
            long correct = 0;
            double loss = 0;
            int[] perClassTotal = new int[4];
            for (int r = 0; r < d.rows(); r++) {
                int best = 0;
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    sum += p[r * 4 + j];
                    if (p[r * 4 + j] > p[r * 4 + best]) best = j;
                }
                assertEquals(1.0, sum, 1e-5);
                if (best == d.labels()[r]) correct++;
                loss -= Math.log(p[r * 4 + d.labels()[r]]);
                perClassTotal[d.labels()[r]]++;
            }
            assertEquals((double) correct / d.rows(), e.accuracy(), 1e-12);
            assertEquals(loss / d.rows(), e.loss(), 1e-4);
            for (int c = 0; c < 4; c++) {
                int rowSum = 0;
                for (int n : e.confusion()[c]) rowSum += n;
                assertEquals(perClassTotal[c], rowSum);
                assertEquals((double) e.confusion()[c][c] / perClassTotal[c], e.perClassAccuracy()[c], 1e-12);
            }
        }
    }

    @Test
    void predictionsAndEvaluationAreTheSameOnAnyThreadCountAndAnyOffset() {
        Dataset d = SyntheticData.noise("d", 2500, 7, 4, 62);
        Mlp model = Mlp.initialise(ModelConfig.softmax(7, 4, new LayerSpec(33, Activation.RELU)), 6);
        Evaluation first = null;
        int[] firstPredicted = null;
        for (int threads = 1; threads <= 3; threads++) {
            try (KernelPool pool = KernelPool.create(threads)) {
                Evaluator ev = new Evaluator(new Gemm(pool), 300); // blocks of 300: a ragged last block
                Evaluation e = ev.evaluate(model, d, 0.5f);
                int[] predicted = new int[d.rows() + 5];
                // rows 100.. of the data into predicted[5..]: offsets on both sides
                ev.predict(model, d.values(), 100 * 7, d.rows() - 100, 0.5f, predicted, 5);
                if (first == null) {
                    first = e;
                    firstPredicted = predicted;
                    // the predictions are the argmax of the probabilities
                    float[] p = ev.probabilities(model, d.values(), d.rows());
                    for (int r = 100; r < d.rows(); r++) {
                        int best = 0;
                        for (int j = 1; j < 4; j++) if (p[r * 4 + j] > p[r * 4 + best]) best = j;
                        assertEquals(best, predicted[r - 95], "row " + r);
                    }
                    continue;
                }
                assertEquals(first.loss(), e.loss(), 0.0, threads + " threads");
                assertEquals(first.accuracy(), e.accuracy(), 0.0, threads + " threads");
                org.junit.jupiter.api.Assertions.assertArrayEquals(firstPredicted, predicted, threads + " threads");
            }
        }
    }

    @Test
    void aNeuronEvaluatedFromPixelsGetsTheNumbersOfTheFloats() {
        java.util.Random random = new java.util.Random(9);
        int rows = 2100, features = 33; // more rows than one chunk, a width past two 16-lane vectors
        byte[] pixels = new byte[rows * features];
        random.nextBytes(pixels);
        float[] x = new float[pixels.length];
        dev.vecnn.kernel.PixelDecodeReference.decode(pixels, 0, x, 0, x.length);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) labels[i] = random.nextInt(2);
        Mlp neuron = Mlp.initialise(ModelConfig.logisticNeuron(features), 4);
        float[] w = neuron.parameters().get(0).values();
        for (int i = 0; i < w.length; i++) w[i] = (i % 7 - 3) * 0.037f;
        for (int threads : new int[] {1, 2}) {
            try (KernelPool pool = KernelPool.create(threads)) {
                Evaluator evaluator = new Evaluator(new Gemm(pool));
                Evaluation floats = evaluator.evaluate(neuron, new Dataset("f", x, rows, features, labels, 2), 0.5f);
                Evaluation bytes = evaluator.evaluate(neuron, new Dataset("p", x, rows, features, labels, 2, pixels), 0.5f);
                assertEquals(floats.loss(), bytes.loss(), 0.0, threads + " threads");
                assertEquals(floats.accuracy(), bytes.accuracy(), 0.0, threads + " threads");
            }
        }
    }

    @Test
    void refusesADatasetOfTheWrongWidth() {
        Mlp model = Mlp.initialise(ModelConfig.softmax(7, 4), 5);
        Dataset d = SyntheticData.noise("narrow", 10, 6, 4, 1);
        try (KernelPool pool = KernelPool.create(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Evaluator(new Gemm(pool)).evaluate(model, d, 0.5f));
            assertTrue(e.getMessage().contains("narrow") && e.getMessage().contains("6 features"), e.getMessage());
        }
    }

    @Test
    void metricsCsvRoundTripsExactlyAndTrainerWritesIt() throws Exception {
        List<EpochMetrics> rows = List.of(
                new EpochMetrics(1, 0.1234567890123, 0.5, Double.NaN, Double.NaN, 2.5e-8, 1.0, 0.01, 12345.678, 0.02),
                new EpochMetrics(2, 1.0 / 3, 0.75, 0.4, 0.6, Double.NaN, Double.NaN, 0.02, 1e6, 0.04));
        String csv = MetricsCsv.format(rows);
        assertTrue(csv.startsWith(MetricsCsv.HEADER + "\n"));
        assertEquals(rows, MetricsCsv.parse(csv));

        Path file = dir.resolve("sub/metrics.csv");
        Dataset d = SyntheticData.blobs("d", 50, 4, 2, 2f, 0.3f, 1);
        try (KernelPool pool = KernelPool.create(1)) {
            TrainResult r = new Trainer(TrainConfig.defaults(ModelConfig.softmax(4, 2)).withEpochs(3), pool).csv(file).train(d, d, null);
            assertEquals(r.history(), MetricsCsv.parse(Files.readString(file)));
        }
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temporary file is left behind");
        }
    }
}
