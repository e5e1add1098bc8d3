package dev.vecnn.bench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vecnn.bench.layout.ExplicitNet.Epilogue;
import dev.vecnn.bench.layout.ExplicitNet.Orientation;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Initializer;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.WeightLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every variant the benchmarks time computes the same step as vecnn's Mlp. */
class ExplicitNetTest {
    static Stream<Arguments> variants() {
        List<Arguments> list = new ArrayList<>();
        for (String head : List.of("softmax-hidden", "sigmoid")) {
            for (WeightLayout layout : WeightLayout.values()) {
                for (Orientation o : Orientation.values()) {
                    for (Matmul.Engine e : Matmul.Engine.values()) {
                        for (Epilogue ep : Epilogue.values()) {
                            if (o == Orientation.FEATURE_MAJOR && ep == Epilogue.FUSED) continue;
                            for (int threads : new int[] {1, 2}) {
                                if (e != Matmul.Engine.PACKED && threads > 1) continue;
                                list.add(Arguments.of(head, layout, o, e, ep, threads));
                            }
                        }
                    }
                }
            }
        }
        return list.stream();
    }

    private static ModelConfig config(String head, WeightLayout layout) {
        return head.equals("sigmoid")
                ? new ModelConfig(37, List.of(), Head.SIGMOID_BINARY_CROSS_ENTROPY, 2, layout, Initializer.xavier())
                : new ModelConfig(37, List.of(new LayerSpec(19, Activation.TANH), new LayerSpec(9, Activation.RELU)),
                        Head.SOFTMAX_CROSS_ENTROPY, 5, layout, Initializer.xavier());
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} threads={5}")
    @MethodSource("variants")
    void twoStepsMatchTheLibrary(String head, WeightLayout layout, Orientation o, Matmul.Engine engine,
                                 Epilogue ep, int threads) {
        ModelConfig cfg = config(head, layout);
        SyntheticData data = new SyntheticData(23, 37, cfg.classes(), 5);
        try (KernelPool pool = KernelPool.create(threads); KernelPool libPool = KernelPool.create(1)) {
            Gemm gemm = new Gemm(pool);
            Matmul mm = switch (engine) {
                case PACKED -> new PackedMatmul(gemm);
                case UNPACKED -> new UnpackedGemm();
                case REFERENCE -> new ReferenceMatmul();
            };
            Net expected = new MlpNet(Mlp.initialise(cfg, 9), new Gemm(libPool), data, 0.1f, 0.9f);
            Net actual = new ExplicitNet(Mlp.initialise(cfg, 9), mm, pool, o, ep, data, 0.1f, 0.9f);
            for (int step = 0; step < 2; step++) {
                expected.forward();
                actual.forward();
                assertClose(expected.logits(), actual.logits(), "logits, step " + step);
                assertEquals(expected.loss(), actual.loss(), 1e-5, "loss, step " + step);
                expected.backward();
                actual.backward();
                for (int p = 0; p < expected.gradients().length; p++) {
                    assertClose(expected.gradients()[p], actual.gradients()[p], "gradient " + p + ", step " + step);
                }
                expected.update();
                actual.update();
                for (int p = 0; p < expected.values().length; p++) {
                    assertClose(expected.values()[p], actual.values()[p], "parameter " + p + ", step " + step);
                }
            }
        }
    }

    @Test
    void featureMajorCannotFuseTheBias() {
        ModelConfig cfg = config("softmax-hidden", WeightLayout.IN_OUT);
        try (KernelPool pool = KernelPool.create(1)) {
            assertThrows(IllegalArgumentException.class, () -> new ExplicitNet(Mlp.initialise(cfg, 1),
                    new UnpackedGemm(), pool, Orientation.FEATURE_MAJOR, Epilogue.FUSED,
                    new SyntheticData(4, 37, 5, 1), 0.1f, 0f));
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-5f + 1e-4f * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }
}
