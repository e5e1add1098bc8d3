package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vecnn.nn.Mlp;

/** Bitwise comparison of networks for tests. */
final class Weights {
    private Weights() {}

    static void assertBitIdentical(Mlp expected, Mlp actual, String what) {
        for (int i = 0; i < expected.parameters().size(); i++) {
            float[] e = expected.parameters().get(i).values();
            float[] a = actual.parameters().get(i).values();
            int[] eb = new int[e.length];
            int[] ab = new int[a.length];
            for (int j = 0; j < e.length; j++) eb[j] = Float.floatToRawIntBits(e[j]);
            for (int j = 0; j < a.length; j++) ab[j] = Float.floatToRawIntBits(a[j]);
            assertArrayEquals(eb, ab, what + ": " + expected.parameters().get(i).name() + " differs");
        }
    }
}
