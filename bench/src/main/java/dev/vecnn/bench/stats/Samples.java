package dev.vecnn.bench.stats;

import java.util.Arrays;

/** Order statistics of a sample, without changing the caller's array. */
public final class Samples {
    private Samples() {}

    public static double median(double[] x) {
        return quantile(x, 0.5);
    }

    /**
     * The {@code q} quantile by linear interpolation between order statistics (type 7, the default
     * of R and NumPy).
     *
     * @throws IllegalArgumentException on an empty sample
     */
    public static double quantile(double[] x, double q) {
        if (x.length == 0) throw new IllegalArgumentException("empty sample");
        double[] s = x.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
}
