package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Initializer;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.WeightLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quantities issue 24 reads in place of accuracy: recall, a balanced test subset, R^2 of one-hot outputs. */
class ReportedMetricsTest {

    @Test
    void oneHotR2MatchesScikitLearnsFormulaOnTheSameProbabilities() {
        Dataset data = SyntheticData.noise("r2", 1500, 9, 4, 3); // 1500 rows: more than one evaluation block
        for (Head head : List.of(Head.SOFTMAX_CROSS_ENTROPY, Head.SOFTMAX_SQUARED_ERROR)) {
            ModelConfig config = new ModelConfig(9, List.of(new LayerSpec(6, Activation.TANH)), head, 4,
                    WeightLayout.IN_OUT, Initializer.parse("uniform:1"));
            Mlp model = Mlp.initialise(config, 5);
            try (KernelPool pool = KernelPool.create(2)) {
                Evaluator ev = new Evaluator(new Gemm(pool));
                Evaluation e = ev.evaluate(model, data, 0.5f);
                float[] p = ev.probabilities(model, data.values(), data.rows());
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    double mean = 0, res = 0, tot = 0;
                    for (int r = 0; r < data.rows(); r++) mean += data.labels()[r] == k ? 1 : 0;
                    mean /= data.rows();
                    for (int r = 0; r < data.rows(); r++) {
                        double t = data.labels()[r] == k ? 1 : 0;
                        res += (t - p[r * 4 + k]) * (t - p[r * 4 + k]);
                        tot += (t - mean) * (t - mean);
                    }
                    sum += 1 - res / tot;
                }
                assertEquals(sum / 4, e.oneHotR2(), 1e-9, head.cliName());
                assertTrue(e.oneHotR2() < 0.5, "an untrained model is far from one-hot: " + e.oneHotR2());
            }
        }
    }

    @Test
    void sigmoidHeadHasNoOneHotR2() {
        Dataset data = SyntheticData.noise("b", 50, 5, 2, 4);
        Mlp model = Mlp.initialise(ModelConfig.logisticNeuron(5), 1);
        try (KernelPool pool = KernelPool.create(1)) {
            assertTrue(Double.isNaN(new Evaluator(new Gemm(pool)).evaluate(model, data, 0.5f).oneHotR2()));
        }
    }

    @Test
    void recallCountsOnlyTheTargetClassAndBalancedAccuracyItsSubset() {
        Dataset all = SyntheticData.blobs("all", 400, 6, 4, 3f, 0.3f, 61);
        List<Dataset> perClass = new ArrayList<>();
        for (int d = 0; d < 4; d++) perClass.add(SyntheticData.binarise(all, d));
        try (KernelPool pool = KernelPool.create(2)) {
            // Near 1 every neuron says no: recall 0, balanced accuracy one half, accuracy the share of negatives.
            OneVsRestResult none = OneVsRest.train(TrainConfig.oneVsRest(6, 0.01f).withEpochs(2).withThreshold(0.999f),
                    perClass, all, pool, null);
            OneVsRestResult good = OneVsRest.train(TrainConfig.oneVsRest(6, 1f).withEpochs(200), perClass, all, pool, null);
            for (int d = 0; d < 4; d++) {
                assertEquals(0.0, none.testRecall()[d], "digit " + d);
                assertEquals(0.0, none.trainRecall()[d], "digit " + d);
                assertEquals(0.5, none.balancedTestAccuracy()[d], 1e-12, "digit " + d);
                assertEquals(1.0, good.testRecall()[d], "digit " + d);
                assertEquals(1.0, good.balancedTestAccuracy()[d], "digit " + d);
            }
        }
    }
}
