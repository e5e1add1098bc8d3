package dev.vecnn.kernel;

/** Scalar oracle for {@link PixelDecode}: the loader's own mapping of an 8-bit pixel to [0, 1]. */
public final class PixelDecodeReference {
    private PixelDecodeReference() {}

    public static float value(byte pixel) {
        return (pixel & 0xFF) / 255f;
    }

    public static void decode(byte[] pixels, int from, float[] out, int to, int count) {
        for (int i = 0; i < count; i++) out[to + i] = value(pixels[from + i]);
    }
}
