package dev.vecnn.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {
    @Test
    void completeSeparationOfFiveAndFiveIsOneArrangementIn252() {
        double[] x = {1, 2, 3, 4, 5}, y = {6, 7, 8, 9, 10};
        assertEquals(25, MannWhitney.u(x, y));
        assertEquals(1.0 / 252, MannWhitney.pGreater(x, y), 1e-12);
        assertEquals(1.0, MannWhitney.pGreater(y, x), 1e-12);
        assertEquals(1.0 / 252, MannWhitney.smallestP(5, 5), 1e-12);
    }

    /** The exact null distribution of U for 3 + 3: counts 1,1,2,3,3,3,3,2,1,1 for U = 0..9 (20 arrangements). */
    @Test
    void exactTailsMatchTheTabulatedDistribution() {
        int[] counts = {1, 1, 2, 3, 3, 3, 3, 2, 1, 1};
        int tail = 0;
        for (int u = 9; u >= 0; u--) {
            tail += counts[u];
            assertEquals(tail / 20.0, MannWhitney.exactUpperTail(3, 3, u), 1e-12, "U >= " + u);
        }
    }

    @Test
    void interleavedSamplesGiveNoEvidence() {
        double[] x = {1, 3, 5, 7, 9, 11}, y = {2, 4, 6, 8, 10, 12};
        assertEquals(0.34956709957, MannWhitney.pGreater(x, y), 1e-10); // scipy, method='exact'
        assertTrue(MannWhitney.pGreater(y, x) > 0.5);
    }

    /** With ties: scipy 1.17 mannwhitneyu(y, x, alternative='greater', method='asymptotic') gives U 34, p 0.00621795862. */
    @Test
    void tiesUseTheCorrectedNormalApproximation() {
        double[] x = {1, 2, 2, 3, 4, 5}, y = {4, 5, 6, 6, 7, 8};
        assertEquals(34, MannWhitney.u(x, y));
        assertEquals(0.00621795862, MannWhitney.pGreater(x, y), 2e-7);
    }

    @Test
    void erfcMatchesKnownValues() {
        assertEquals(1.0, MannWhitney.erfc(0), 1e-6);
        assertEquals(0.157299207, MannWhitney.erfc(1), 1e-6);
        assertEquals(1.842700793, MannWhitney.erfc(-1), 1e-6);
    }
}
