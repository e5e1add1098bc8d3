package dev.vecnn.bench.stats;

import java.util.Arrays;

/**
 * The one-sided Mann-Whitney U test: is {@code y} stochastically greater than {@code x}? Exact
 * null distribution when there are no ties and the samples are small (every arrangement of the
 * pooled ranks counted), otherwise the normal approximation with tie and continuity corrections.
 */
public final class MannWhitney {
    /** Up to this many arrangements the exact distribution is counted. */
    private static final int EXACT_MAX_SIZE = 60;

    private MannWhitney() {}

    /** U: the number of pairs (x_i, y_j) with y_j &gt; x_i, ties counting one half. */
    public static double u(double[] x, double[] y) {
        double u = 0;
        for (double yj : y) {
            for (double xi : x) {
                if (yj > xi) u += 1;
                else if (yj == xi) u += 0.5;
            }
        }
        return u;
    }

    /** The p-value of "y is greater than x": the probability under exchangeability of a U at least this large. */
    public static double pGreater(double[] x, double[] y) {
        int m = x.length, n = y.length;
        if (m == 0 || n == 0) return 1;
        double u = u(x, y);
        double[] pooled = pooledSorted(x, y);
        if (!hasTies(pooled) && m + n <= EXACT_MAX_SIZE) return exactUpperTail(m, n, (int) Math.round(u));
        return normalUpperTail(pooled, m, n, u);
    }

    /** The smallest p-value samples of these sizes can reach (all of y above all of x). */
    public static double smallestP(int m, int n) {
        return exactUpperTail(m, n, m * n);
    }

    /** P(U &gt;= u) by counting: f(m, n, u) arrangements, the largest element either a y (beating all m x) or an x. */
    static double exactUpperTail(int m, int n, int u) {
        int max = m * n;
        // counts[i][j][k]: arrangements of i x's and j y's with U = k, built up one element at a time.
        double[][] prev = new double[n + 1][];
        for (int j = 0; j <= n; j++) {
            prev[j] = new double[max + 1];
            prev[j][0] = 1; // no x's: every arrangement has U = 0
        }
        for (int i = 1; i <= m; i++) {
            double[][] cur = new double[n + 1][];
            cur[0] = new double[max + 1];
            cur[0][0] = 1;
            for (int j = 1; j <= n; j++) {
                cur[j] = new double[max + 1];
                for (int k = 0; k <= i * j; k++) {
                    double largestIsY = k >= i ? cur[j - 1][k - i] : 0;
                    cur[j][k] = largestIsY + prev[j][k];
                }
            }
            prev = cur;
        }
        double total = 0, tail = 0;
        for (int k = 0; k <= max; k++) {
            total += prev[n][k];
            if (k >= u) tail += prev[n][k];
        }
        return tail / total;
    }

    private static double[] pooledSorted(double[] x, double[] y) {
        double[] all = new double[x.length + y.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        Arrays.sort(all);
        return all;
    }

    private static boolean hasTies(double[] sorted) {
        for (int i = 1; i < sorted.length; i++) if (sorted[i] == sorted[i - 1]) return true;
        return false;
    }

    private static double normalUpperTail(double[] all, int m, int n, double u) {
        int total = m + n;
        double tieTerm = 0;
        for (int i = 0; i < total; ) {
            int j = i;
            while (j < total && all[j] == all[i]) j++;
            double t = j - i;
            tieTerm += t * t * t - t;
            i = j;
        }
        double mean = m * (double) n / 2;
        double var = m * (double) n / 12 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
        if (var <= 0) return 1; // every value equal: no evidence either way
        double z = (u - mean - 0.5) / Math.sqrt(var);
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes' erfcc: error under 1e-6, ample for a p-value). */
    static double erfc(double z) {
        double t = 1 / (1 + 0.5 * Math.abs(z));
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851638
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return z >= 0 ? r : 2 - r;
    }
}
