package dev.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.kernel.Activation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RngAndInitializerTest {
    @Test
    void aGeneratorRestoredFromItsStateContinuesTheSameSequence() {
        Rng a = new Rng(123);
        for (int i = 0; i < 17; i++) a.nextLong();
        Rng b = Rng.fromState(a.state());
        for (int i = 0; i < 100; i++) assertEquals(a.nextLong(), b.nextLong());
        assertNotEquals(new Rng(1).nextLong(), new Rng(2).nextLong());
    }

    @Test
    void shuffleIsAPermutationAndDependsOnTheSeed() {
        int[] p = new int[1000];
        for (int i = 0; i < p.length; i++) p[i] = i;
        int[] q = p.clone();
        new Rng(5).shuffle(p, p.length);
        new Rng(6).shuffle(q, q.length);
        assertTrue(!Arrays.equals(p, q));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) assertEquals(i, sorted[i]);
    }

    @Test
    void initialisersFollowTheirDistributions() {
        int in = 400, out = 300;
        float[] w = new float[in * out];
        Initializer.xavier().fill(new Rng(1), w, in, out, WeightLayout.IN_OUT);
        double limit = Math.sqrt(6.0 / (in + out));
        double sq = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= limit);
            sq += v * v;
        }
        assertEquals(limit * limit / 3, sq / w.length, 0.05 * limit * limit / 3);
        Initializer.parse("he").fill(new Rng(2), w, in, out, WeightLayout.OUT_IN);
        sq = 0;
        for (float v : w) sq += v * v;
        assertEquals(2.0 / in, sq / w.length, 0.05 * 2.0 / in);
        Initializer.parse("normal:0.1").fill(new Rng(3), w, in, out, WeightLayout.IN_OUT);
        sq = 0;
        for (float v : w) sq += v * v;
        assertEquals(0.01, sq / w.length, 0.0005);
    }

    @Test
    void sameSeedSameNetworkAndBothLayoutsHoldTheSameWeights() {
        ModelConfig c = ModelConfig.softmax(6, 3, new LayerSpec(4, Activation.RELU));
        Mlp a = Mlp.initialise(c, 9);
        Mlp b = Mlp.initialise(c, 9);
        Mlp t = Mlp.initialise(c.withLayout(WeightLayout.OUT_IN), 9);
        for (int l = 0; l < a.layerCount(); l++) {
            assertArrayEquals(a.layer(l).weight(), b.layer(l).weight());
            for (int i = 0; i < a.layer(l).in(); i++) {
                for (int j = 0; j < a.layer(l).out(); j++) {
                    assertEquals(a.layer(l).weight()[a.layer(l).weightIndex(i, j)], t.layer(l).weight()[t.layer(l).weightIndex(i, j)]);
                }
            }
        }
        assertEquals(6 * 4 + 4 + 4 * 3 + 3, a.parameterCount());
    }

    @Test
    void namesParseAndConfigurationsRoundTripThroughMetadata() {
        assertEquals(Initializer.Scheme.XAVIER, Initializer.parse("glorot").scheme());
        assertEquals(0.2f, Initializer.parse("uniform:0.2").scale());
        assertThrows(IllegalArgumentException.class, () -> Initializer.parse("ones"));
        assertThrows(IllegalArgumentException.class, () -> Initializer.parse("xavier:0.1"));
        float[] w = {1f, 2f};
        Initializer.parse("zeros").fill(new Rng(1), w, 1, 2, WeightLayout.IN_OUT);
        assertArrayEquals(new float[] {0f, 0f}, w);
        assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("128"));
        assertEquals(new LayerSpec(128, Activation.TANH), LayerSpec.parse("128:tanh"));
        ModelConfig c = new ModelConfig(784, List.of(LayerSpec.parse("128:sigmoid"), LayerSpec.parse("64:relu")),
                Head.SOFTMAX_CROSS_ENTROPY, 10, WeightLayout.OUT_IN, Initializer.parse("uniform:0.05"));
        assertEquals(c, ModelConfig.fromMetadata(c.toMetadata()));
        assertEquals("784-128:sigmoid-64:relu-10 softmax", c.describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.fromMetadata(java.util.Map.of()));
        assertTrue(e.getMessage().contains("vecnn.model."), e.getMessage());
    }
}
