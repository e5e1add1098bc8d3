package dev.vecnn.bench.stats;

import java.util.SplittableRandom;

/**
 * A percentile bootstrap confidence interval for median(y) / median(x), each sample resampled
 * with replacement on its own. The random draws come from a fixed seed, so the same samples always
 * give the same interval.
 */
public final class BootstrapRatio {
    private static final int RESAMPLES = 4000;
    private static final long SEED = 0x5eed_ca5eL;

    private BootstrapRatio() {}

    public record Interval(double low, double high) {}

    /** The central {@code level} interval (for example 0.99) of the ratio of medians. */
    public static Interval interval(double[] x, double[] y, double level) {
        if (x.length == 0 || y.length == 0) throw new IllegalArgumentException("empty sample");
        SplittableRandom r = new SplittableRandom(SEED);
        double[] ratios = new double[RESAMPLES];
        double[] bx = new double[x.length], by = new double[y.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < bx.length; i++) bx[i] = x[r.nextInt(x.length)];
            for (int i = 0; i < by.length; i++) by[i] = y[r.nextInt(y.length)];
            ratios[b] = Samples.median(by) / Samples.median(bx);
        }
        double tail = (1 - level) / 2;
        return new Interval(Samples.quantile(ratios, tail), Samples.quantile(ratios, 1 - tail));
    }

    /**
     * Half the width of the central {@code level} bootstrap interval of median(x), over median(x):
     * how precisely the sample pins its median down. Unlike the sample's own spread, it narrows as
     * the sample grows.
     */
    public static double medianHalfWidth(double[] x, double level) {
        if (x.length == 0) throw new IllegalArgumentException("empty sample");
        SplittableRandom r = new SplittableRandom(SEED);
        double[] medians = new double[RESAMPLES];
        double[] bx = new double[x.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < bx.length; i++) bx[i] = x[r.nextInt(x.length)];
            medians[b] = Samples.median(bx);
        }
        double tail = (1 - level) / 2;
        return (Samples.quantile(medians, 1 - tail) - Samples.quantile(medians, tail)) / 2 / Samples.median(x);
    }
}
