package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationsTest {
    private static final int[] LENGTHS = {0, 1, 2, 7, 15, 16, 17, 31, 33, 127, 1000};
    private static final float[] SPECIAL = {0f, -0f, 1e-8f, -1e-8f, 1e-4f, 0.6249f, 0.625f, -0.7f, 5f, -5f,
        20f, -20f, 44f, -44f, 87f, -87f, 88.5f, -88.5f, 89f, -89f, 100f, -100f, 1e4f, -1e4f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

    static float[] inputs(int len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[len + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) (r.nextDouble() * 24 - 12);
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardMatchesReference(Activation f) {
        for (int len : LENGTHS) {
            float[] x = inputs(len, len);
            float[] got = new float[len + 7];
            float[] expected = new float[len + 7];
            Activations.forward(f, x, 3, got, 2, len);
            ActivationsReference.forward(f, x, 3, expected, 2, len);
            for (int i = 0; i < got.length; i++) {
                double tol = 4e-7 * Math.abs(expected[i]) + 1e-7;
                assertEquals(expected[i], got[i], tol, f + " len " + len + " at " + i + " x=" + (i >= 2 && i < len + 2 ? x[i + 1] : 0));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardIsInPlaceSafeAndIndependentOfRangeBoundaries(Activation f) {
        float[] x = inputs(100, 11);
        float[] whole = new float[x.length];
        Activations.forward(f, x, 0, whole, 0, x.length);
        float[] pieces = x.clone();
        for (int from = 0; from < x.length; from += 13) {
            Activations.forward(f, pieces, from, pieces, from, Math.min(13, x.length - from));
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(pieces[i]), f + " at " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesReferenceBitForBit(Activation f) {
        for (int len : LENGTHS) {
            float[] y = new float[len + 4];
            ActivationsReference.forward(f, inputs(len, len + 100), 0, y, 0, len + 4);
            float[] dy = inputs(len, len + 200);
            float[] got = new float[len + 6];
            float[] expected = new float[len + 6];
            Activations.backward(f, y, 1, dy, 2, got, 3, len);
            ActivationsReference.backward(f, y, 1, dy, 2, expected, 3, len);
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]), f + " len " + len + " at " + i);
            }
        }
    }
}
