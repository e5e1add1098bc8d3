package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PixelDecodeTest {

    @Test
    void everyPixelValueDecodesToTheLoadersFloatInEveryLanePosition() {
        // 256 values shifted through every position of a 16-pixel load, then the scalar tail
        for (int shift = 0; shift < 17; shift++) {
            byte[] pixels = new byte[256 + shift];
            for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i - shift);
            float[] out = new float[pixels.length];
            PixelDecode.decode(pixels, 0, out, 0, pixels.length);
            for (int i = 0; i < pixels.length; i++) {
                assertEquals(Float.floatToRawIntBits((pixels[i] & 0xFF) / 255f), Float.floatToRawIntBits(out[i]),
                        "pixel " + (pixels[i] & 0xFF) + " at " + i);
            }
        }
    }

    @Test
    void awkwardLengthsAndOffsetsMatchTheReferenceAndTouchNothingElse() {
        Random random = new Random(7);
        for (int count : new int[] {0, 1, 10, 15, 16, 17, 31, 33, 784, 785}) {
            for (int from : new int[] {0, 1, 13}) {
                for (int to : new int[] {0, 3}) {
                    byte[] pixels = new byte[from + count + 5];
                    random.nextBytes(pixels);
                    float[] expected = new float[to + count + 4];
                    float[] actual = new float[expected.length];
                    java.util.Arrays.fill(expected, -1f);
                    java.util.Arrays.fill(actual, -1f);
                    PixelDecodeReference.decode(pixels, from, expected, to, count);
                    PixelDecode.decode(pixels, from, actual, to, count);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                                "count " + count + ", from " + from + ", to " + to + ", index " + i);
                    }
                }
            }
        }
    }

    @Test
    void aGemmGivenPixelsGivesTheProductOfTheFloatsAndRefusesTooFewPixels() {
        int m = 37, k = 33;
        byte[] pixels = new byte[m * k + 3];
        new Random(3).nextBytes(pixels);
        float[] a = new float[pixels.length];
        PixelDecodeReference.decode(pixels, 0, a, 0, a.length);
        float[] x = new float[k];
        for (int p = 0; p < k; p++) x[p] = (p % 5 - 2) * 0.3f;
        try (KernelPool pool = KernelPool.create(2)) {
            Gemm gemm = new Gemm(pool);
            float[] floats = new float[m], bytes = new float[m];
            gemm.gemm(false, false, m, 1, k, 1f, a, 3, k, x, 0, 1, 0f, floats, 0, 1);
            gemm.gemm(false, false, m, 1, k, 1f, a, 3, k, pixels, 3, x, 0, 1, 0f, bytes, 0, 1);
            for (int i = 0; i < m; i++) {
                assertEquals(Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits(bytes[i]), "row " + i);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gemm.gemm(false, false, m, 1, k, 1f, a, 3, k, new byte[m * k], 3, x, 0, 1, 0f, bytes, 0, 1));
            assertTrue(e.getMessage().contains("A's pixels"), e.getMessage());
        }
    }
}
