package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.Splits;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.Reductions;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seed 000 part 1: one sigmoid neuron per class, each trained on its own binary dataset (label 1 =
 * the class), evaluated on the whole test set binarised for its class, and combined into a
 * multi-class predictor by the argmax of the neurons' outputs. The models train in parallel, one
 * per pool task, each on a private single-thread kernel pool, so every model's numbers are the same
 * for any thread count.
 */
public final class OneVsRest {
    /** Told about each recorded epoch of model {@code classIndex}; called from pool threads, so it must be thread-safe. */
    @FunctionalInterface
    public interface Listener {
        void onEpoch(int classIndex, EpochMetrics metrics);
    }

    private OneVsRest() {}

    /**
     * @param config        a sigmoid-head configuration (see {@link TrainConfig#oneVsRest}); its seed is split per class
     * @param perClassTrain one binary dataset per class, in class order (labels 1 = that class, 0 = the rest)
     * @param test          the multi-class test set, labels in [0, perClassTrain.size())
     */
    public static OneVsRestResult train(TrainConfig config, List<Dataset> perClassTrain, Dataset test,
                                        KernelPool pool, Listener listener) {
        if (config.model().head() != Head.SIGMOID_BINARY_CROSS_ENTROPY) {
            throw new IllegalArgumentException("one-vs-rest trains sigmoid neurons: use the sigmoid head, not "
                    + config.model().head().cliName());
        }
        int classes = perClassTrain.size();
        if (classes < 2) throw new IllegalArgumentException("one-vs-rest needs at least 2 classes, got " + classes);
        if (test.classes() != classes) {
            throw new IllegalArgumentException("test set " + test.name() + " has " + test.classes() + " classes but "
                    + classes + " per-class training sets were given");
        }
        Rng seeds = new Rng(config.seed());
        long[] modelSeeds = new long[classes];
        Dataset[] binaryTests = new Dataset[classes];
        for (int c = 0; c < classes; c++) {
            modelSeeds[c] = seeds.nextLong();
            int[] labels = new int[test.rows()];
            for (int r = 0; r < labels.length; r++) labels[r] = test.labels()[r] == c ? 1 : 0;
            binaryTests[c] = test.withLabels(test.name() + "-" + c + "-vs-rest", labels, 2);
        }
        TrainResult[] results = new TrainResult[classes];
        float[][] probabilities = new float[classes][];
        long start = System.nanoTime();
        pool.run(classes, (worker, c) -> {
            try (KernelPool single = KernelPool.create(1)) {
                Trainer trainer = new Trainer(config.withSeed(modelSeeds[c]), single);
                if (listener != null) trainer.onEpoch(m -> listener.onEpoch(c, m));
                results[c] = trainer.train(perClassTrain.get(c), null, binaryTests[c]);
                probabilities[c] = new Evaluator(new Gemm(single)).probabilities(results[c].model(), test.buffer(), test.offset(), test.rows());
            }
        });
        double wall = (System.nanoTime() - start) / 1e9;

        double[] trainAcc = new double[classes];
        double[] testAcc = new double[classes];
        double[] trainRecall = new double[classes];
        double[] testRecall = new double[classes];
        double[] balanced = new double[classes];
        Rng balancedDraws = new Rng(config.seed() ^ BALANCED_SEED_SALT);
        for (int c = 0; c < classes; c++) {
            trainAcc[c] = results[c].train().accuracy();
            testAcc[c] = results[c].test().accuracy();
            trainRecall[c] = results[c].train().perClassAccuracy()[1];
            testRecall[c] = results[c].test().perClassAccuracy()[1];
            int[] rows = Splits.balancedTestRows(test.labels(), classes, c, balancedDraws.nextLong());
            long correct = 0;
            for (int r : rows) {
                int decision = probabilities[c][r] >= config.threshold() ? 1 : 0;
                if (decision == (test.labels()[r] == c ? 1 : 0)) correct++;
            }
            balanced[c] = rows.length == 0 ? Double.NaN : (double) correct / rows.length;
        }
        // Ensemble: rows x classes matrix of neuron outputs, argmax per row.
        float[] scores = new float[test.rows() * classes];
        for (int c = 0; c < classes; c++) {
            for (int r = 0; r < test.rows(); r++) scores[r * classes + c] = probabilities[c][r];
        }
        int[] predicted = new int[test.rows()];
        if (test.rows() > 0) Reductions.rowArgmax(scores, 0, test.rows(), classes, classes, predicted, 0);
        int[][] confusion = new int[classes][classes];
        long correct = 0;
        for (int r = 0; r < test.rows(); r++) {
            confusion[test.labels()[r]][predicted[r]]++;
            if (predicted[r] == test.labels()[r]) correct++;
        }
        double ensemble = test.rows() == 0 ? Double.NaN : (double) correct / test.rows();
        return new OneVsRestResult(new ArrayList<>(Arrays.asList(results)), trainAcc, testAcc, ensemble, confusion, wall,
                trainRecall, testRecall, balanced);
    }

    /** Keeps the balanced subsets' draws apart from the models' seeds drawn from the same configuration seed. */
    private static final long BALANCED_SEED_SALT = 0x62616c616e636564L;
}
