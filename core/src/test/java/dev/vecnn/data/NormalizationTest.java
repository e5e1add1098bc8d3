package dev.vecnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void raw255GivesTheFilesPixelValuesBackInACopyOrInPlace() {
        float[] x = {0f, 1f / 255, 128f / 255, 1f};
        Dataset d = new Dataset("d", x.clone(), 1, 4, new int[] {3}, 10);
        Dataset copy = Normalization.RAW255.apply(d, null);
        assertArrayEquals(new float[] {0f, 1f, 128f, 255f}, copy.values(), 1e-4f);
        assertArrayEquals(x, d.values(), 0f, "apply leaves its input alone");
        Normalization.RAW255.applyOwned(d, null);
        assertArrayEquals(copy.values(), d.values(), 0f, "in place: the same values");
    }

    @Test
    void pixelsStayOnlyWithTheValuesTheyDecodeTo() {
        byte[] pixels = {0, 1, (byte) 128, (byte) 255, 7, 9};
        float[] x = new float[pixels.length];
        dev.vecnn.kernel.PixelDecodeReference.decode(pixels, 0, x, 0, x.length);
        Dataset d = new Dataset("d", x, 2, 3, new int[] {1, 0}, 2, pixels);
        assertTrue(Normalization.SCALE01.applyOwned(d, null).pixels() == pixels, "scale01 keeps the loader's values");
        Dataset picked = d.select("picked", new int[] {1, 1, 0});
        assertArrayEquals(new byte[] {(byte) 255, 7, 9, (byte) 255, 7, 9, 0, 1, (byte) 128}, picked.pixels());
        assertTrue(d.withLabels("l", new int[] {0, 0}, 2).pixels() == pixels);
        for (Normalization n : new Normalization[] {Normalization.PER_IMAGE_ZSCORE, Normalization.STANDARDIZE, Normalization.RAW255}) {
            PixelStats stats = PixelStats.of(d);
            assertEquals(null, n.apply(d, stats).pixels(), n + " copy");
            Dataset owned = new Dataset("o", x.clone(), 2, 3, new int[] {1, 0}, 2, pixels);
            assertEquals(null, n.applyOwned(owned, stats).pixels(), n + " in place: the pixels no longer decode to the values");
        }
        assertThrows(IllegalArgumentException.class, () -> new Dataset("short", x, 2, 3, new int[] {1, 0}, 2, new byte[5]));
    }

    @Test
    void namesReadBackAndAnUnknownOneSaysWhatToUse() {
        for (Normalization n : Normalization.values()) assertEquals(n, Normalization.parse(n.cliName()));
        assertEquals(Normalization.RAW255, Normalization.parse("raw"));
        assertEquals(Normalization.SCALE01, Normalization.parse("none"), "'none' keeps meaning the loader's [0, 1]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normalization.parse("bytes"));
        assertTrue(e.getMessage().contains("raw255"), e.getMessage());
    }
}
