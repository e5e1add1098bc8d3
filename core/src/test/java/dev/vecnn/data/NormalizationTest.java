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
    void namesReadBackAndAnUnknownOneSaysWhatToUse() {
        for (Normalization n : Normalization.values()) assertEquals(n, Normalization.parse(n.cliName()));
        assertEquals(Normalization.RAW255, Normalization.parse("raw"));
        assertEquals(Normalization.SCALE01, Normalization.parse("none"), "'none' keeps meaning the loader's [0, 1]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normalization.parse("bytes"));
        assertTrue(e.getMessage().contains("raw255"), e.getMessage());
    }
}
