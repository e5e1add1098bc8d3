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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GradientCheckTest {
    private static final double EPS = GradientCheck.DEFAULT_EPSILON;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Activation a : Activation.values()) {
            for (Head h : Head.values()) {
                for (WeightLayout l : WeightLayout.values()) out.add(Arguments.of(a, h, l));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} hidden, {1}, {2}")
    @MethodSource("cases")
    void backpropAgreesWithCentralDifferencesToOrderEpsSquared(Activation act, Head head, WeightLayout layout) {
        int classes = head == Head.SIGMOID_BINARY_CROSS_ENTROPY ? 2 : 4;
        ModelConfig config = new ModelConfig(12, List.of(new LayerSpec(7, act), new LayerSpec(5, act)), head, classes,
                layout, Initializer.parse("uniform:0.5"));
        Mlp model = Mlp.initialise(config, 42);
        Dataset data = SyntheticData.noise("g", 3, 12, classes, 7);
        try (KernelPool pool = KernelPool.create(1)) {
            Gemm gemm = new Gemm(pool);
            List<GradientCheck.Probe> probes = new ArrayList<>(GradientCheck.defaultProbes(model));
            for (int l = 0; l < model.layerCount(); l++) {
                probes.add(GradientCheck.Probe.weight(l, 3, model.layer(l).out() - 1));
                probes.add(GradientCheck.Probe.bias(l, model.layer(l).out() - 1));
            }
            float[] before = model.layer(0).weight().clone();
            GradientCheck.Report report = GradientCheck.run(gemm, model, data.values(), 12, data.labels()[1], EPS, probes);
            assertEquals(probes.size(), report.entries().size());
            double largest = 0;
            for (GradientCheck.Entry e : report.entries()) {
                assertTrue(e.difference() < EPS * EPS, () -> "difference above eps^2:\n" + report.toTable());
                largest = Math.max(largest, Math.abs(e.backprop()));
            }
            // A check of all-zero gradients would pass vacuously.
            assertTrue(largest > 1e-3, () -> "gradients suspiciously small:\n" + report.toTable());
            assertTrue(java.util.Arrays.equals(before, model.layer(0).weight()), "the check must leave the model unchanged");
        }
    }

    @Test
    void tableHasTheReportsLabels() {
        ModelConfig config = ModelConfig.softmax(784, 10, new LayerSpec(128, Activation.TANH));
        Mlp model = Mlp.initialise(config, 1);
        Dataset data = SyntheticData.noise("g", 1, 784, 10, 2);
        try (KernelPool pool = KernelPool.create(1)) {
            GradientCheck.Report r = GradientCheck.run(new Gemm(pool), model, data.values(), 0, data.labels()[0], EPS,
                    GradientCheck.defaultProbes(model));
            String table = r.toTable();
            assertTrue(table.startsWith("| Type (Location) | Approximation | Backprop | Difference |"), table);
            for (String label : List.of("Input to Hidden (0, 0)", "Input to Hidden (0, 1)", "Hidden to Output (0, 0)",
                    "Hidden to Output (0, 1)", "Output Bias (128, 0)", "Hidden Bias (784, 0)")) {
                assertTrue(table.contains("| " + label + " |"), () -> label + " missing from\n" + table);
            }
        }
    }
}
