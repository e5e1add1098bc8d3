package dev.vecnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {
    /** 1,000 rows per class of 3 features; feature 0 holds the row's index so rows can be traced. */
    static Dataset balanced(int perClass) {
        int rows = perClass * 10;
        float[] x = new float[rows * 3];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            x[i * 3] = i;
            x[i * 3 + 1] = (i % 7) / 7f;
            x[i * 3 + 2] = 0.5f;
            labels[i] = i % 10;
        }
        return new Dataset("toy", x, rows, 3, labels, 10);
    }

    @Test
    void holdOutIsSeededDisjointAndComplete() {
        Dataset d = balanced(100);
        Splits.TrainValidation a = Splits.holdOut(d, 200, 42);
        Splits.TrainValidation b = Splits.holdOut(d, 200, 42);
        Splits.TrainValidation c = Splits.holdOut(d, 200, 43);
        assertEquals(800, a.train().rows());
        assertEquals(200, a.validation().rows());
        assertArrayEquals(a.train().values(), b.train().values());
        assertNotEquals(Arrays.toString(a.validation().values()), Arrays.toString(c.validation().values()));
        Set<Float> ids = new HashSet<>();
        for (int i = 0; i < 800; i++) ids.add(a.train().values()[i * 3]);
        for (int i = 0; i < 200; i++) ids.add(a.validation().values()[i * 3]);
        assertEquals(1000, ids.size());
    }

    @Test
    void oneVsRestSubsetIsBalancedAsSeed000Describes() {
        Dataset d = balanced(6000);
        Dataset s = Splits.oneVsRestBalanced(d, 3, 5000, 7);
        assertEquals(10_000, s.rows());
        assertEquals(2, s.classes());
        assertArrayEquals(new int[] {5000, 5000}, s.classCounts());
        int[] perDigit = new int[10];
        Set<Float> ids = new HashSet<>();
        for (int i = 0; i < s.rows(); i++) {
            int original = (int) s.values()[i * 3];
            perDigit[original % 10]++;
            ids.add(s.values()[i * 3]);
            assertEquals(original % 10 == 3 ? 1 : 0, s.labels()[i]);
        }
        assertEquals(10_000, ids.size(), "no row drawn twice");
        assertEquals(5000, perDigit[3]);
        int[] others = Arrays.stream(perDigit).filter(n -> n != 5000).sorted().toArray();
        assertArrayEquals(new int[] {555, 555, 555, 555, 556, 556, 556, 556, 556}, others);
        assertArrayEquals(s.values(), Splits.oneVsRestBalanced(d, 3, 5000, 7).values(), "seeded");
        assertNotEquals(Arrays.toString(s.labels()), Arrays.toString(Splits.oneVsRestBalanced(d, 4, 5000, 7).labels()));
    }

    @Test
    void binarizeMarksOnlyTheDigit() {
        Dataset b = Splits.binarize(balanced(5), 0);
        assertEquals(5, Arrays.stream(b.labels()).sum());
    }

    @Test
    void perImageZscoreGivesZeroMeanUnitStdPerImage() {
        Dataset d = balanced(2);
        Dataset z = Normalization.PER_IMAGE_ZSCORE.apply(d, null);
        for (int r = 0; r < z.rows(); r++) {
            double sum = 0, sq = 0;
            for (int j = 0; j < 3; j++) sum += z.values()[r * 3 + j];
            for (int j = 0; j < 3; j++) sq += z.values()[r * 3 + j] * z.values()[r * 3 + j];
            assertEquals(0, sum / 3, 1e-5);
            assertEquals(1, sq / 3, 1e-4);
        }
    }

    @Test
    void standardizeUsesTheReferenceStatistics() {
        Dataset train = balanced(3);
        PixelStats stats = PixelStats.of(train);
        Dataset other = balanced(1);
        Dataset s = Normalization.STANDARDIZE.apply(other, stats);
        assertEquals((other.values()[0] - stats.mean()) / stats.std(), s.values()[0], 1e-5);
        assertTrue(PixelStats.of(Normalization.STANDARDIZE.apply(train, stats)).std() > 0.999);
    }

    @Test
    void normalisingOwnedDataWritesTheSameValuesInPlace() {
        PixelStats stats = PixelStats.of(balanced(3));
        for (Normalization n : Normalization.values()) {
            Dataset copy = balanced(2);
            float[] expected = n.apply(balanced(2), stats).values();
            Dataset owned = n.applyOwned(copy, stats);
            assertTrue(owned.values() == copy.values(), n + " must not allocate");
            assertArrayEquals(expected, owned.values(), 0f, n.toString());
        }
        // apply leaves its input alone (the loaded sets are shared between presets)
        Dataset shared = balanced(2);
        float[] before = shared.values().clone();
        Normalization.PER_IMAGE_ZSCORE.apply(shared, stats);
        assertArrayEquals(before, shared.values(), 0f);
    }

    @Test
    void balancedTestRowsTakeEveryTargetRowAndAsManyOthersInEqualPortions() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) labels[i] = i < 300 ? 3 : i % 10; // class 3 over-represented
        int positives = (int) Arrays.stream(labels).filter(l -> l == 3).count();
        int[] rows = Splits.balancedTestRows(labels, 10, 3, 9);
        int[] perClass = new int[10];
        for (int r : rows) perClass[labels[r]]++;
        assertEquals(positives, perClass[3]);
        assertEquals(2 * positives, rows.length, Arrays.toString(perClass));
        for (int k = 0; k < 10; k++) {
            if (k != 3) assertTrue(Math.abs(perClass[k] - positives / 9.0) <= 1, "class " + k + ": " + perClass[k]);
        }
        for (int i = 1; i < rows.length; i++) assertTrue(rows[i] > rows[i - 1], "ascending, no row twice");
        assertArrayEquals(rows, Splits.balancedTestRows(labels, 10, 3, 9), "same seed, same rows");
        assertTrue(!Arrays.equals(rows, Splits.balancedTestRows(labels, 10, 3, 10)), "another seed draws other rows");
    }

    @Test
    void balancedTestRowsTakeAllOfAClassShortOfItsPortion() {
        int[] labels = new int[100];
        for (int i = 0; i < labels.length; i++) labels[i] = i < 90 ? 0 : 1 + i % 2; // 90 zeros, 5 ones, 5 twos
        int[] rows = Splits.balancedTestRows(labels, 3, 0, 1);
        int[] perClass = new int[3];
        for (int r : rows) perClass[labels[r]]++;
        assertArrayEquals(new int[] {90, 5, 5}, perClass, "every zero, and all the ones and twos there are");
        for (int i = 1; i < rows.length; i++) assertTrue(rows[i] > rows[i - 1], "ascending, no row twice");
    }

    @Test
    void aTrainingSubsetShortOfAClassFailsNamingTheSet() {
        int[] labels = new int[100];
        for (int i = 0; i < labels.length; i++) labels[i] = i < 90 ? 0 : 1 + i % 2;
        Dataset data = new Dataset("tiny", new float[100], 100, 1, labels, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.oneVsRestBalanced(data, 0, 20, 1));
        assertTrue(e.getMessage().contains("tiny") && e.getMessage().contains("class 1"), e.getMessage());
    }
}
