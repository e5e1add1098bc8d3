package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static Evaluation of(int[][] confusion) {
        return new Evaluation(0, Double.NaN, Double.NaN, confusion);
    }

    /** The same R^2 written out from the rows' labels, as scikit-learn's r2_score computes it. */
    private static double r2(int[] actual, int[] predicted) {
        double mean = 0;
        for (int a : actual) mean += a;
        mean /= actual.length;
        double res = 0, tot = 0;
        for (int i = 0; i < actual.length; i++) {
            res += (actual[i] - predicted[i]) * (double) (actual[i] - predicted[i]);
            tot += (actual[i] - mean) * (actual[i] - mean);
        }
        return 1 - res / tot;
    }

    @Test
    void labelR2IsOneForPerfectPredictionsAndNegativeForDistantMistakes() {
        assertEquals(1.0, of(new int[][] {{5, 0, 0}, {0, 3, 0}, {0, 0, 2}}).labelR2(), 1e-12);
        // every 0 called 2 and every 2 called 0: worse than answering the mean label
        double bad = of(new int[][] {{0, 0, 4}, {0, 4, 0}, {4, 0, 0}}).labelR2();
        assertTrue(bad < 0, "R^2 " + bad);
        assertEquals(r2(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, new int[] {2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0}), bad, 1e-12);
    }

    @Test
    void labelR2MatchesTheRowByRowFormula() {
        int[][] c = {{3, 1, 0, 0}, {0, 2, 2, 1}, {1, 0, 4, 0}, {0, 0, 1, 5}};
        java.util.List<Integer> a = new java.util.ArrayList<>(), p = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < c[i][j]; k++) {
            a.add(i);
            p.add(j);
        }
        double want = r2(a.stream().mapToInt(Integer::intValue).toArray(), p.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(want, of(c).labelR2(), 1e-12);
        assertTrue(Double.isNaN(of(new int[][] {{0, 0}, {0, 0}}).labelR2()), "no rows");
        assertTrue(Double.isNaN(of(new int[][] {{3, 1}, {0, 0}}).labelR2()), "one label: no variance");
    }
}
